import Foundation
import SparseLinearAlgebra
import Solvers
import Materials

/// Where a result came from, written into every summary: the program (version and git
/// revision), the command line, when and for how long it ran, the machine, and the input
/// (its hash and every parameter the solver was given).
public struct Provenance: Sendable {
    public var program: String
    public var version: String
    /// `git describe`-style revision of the checkout the binary was built from (nil outside git).
    public var gitRevision: String?
    public var commandLine: [String]
    public var started: Date

    public init(program: String = "filament", version: String, gitRevision: String? = nil,
                commandLine: [String] = CommandLine.arguments, started: Date = Date()) {
        self.program = program
        self.version = version
        self.gitRevision = gitRevision
        self.commandLine = commandLine
        self.started = started
    }

    /// "filament 0.1.0 (git 1a2b3c4d5e6f)".
    public var versionString: String { "\(version)" + (gitRevision.map { " (git \($0))" } ?? "") }

    /// The `provenance` object of a summary. `input` names the input and its hash; `parameters`
    /// carries what the run was given (`Provenance.parameters(of:)` for a device problem).
    public func json(wallSeconds: Double, input: [(String, JSONValue)], parameters: [(String, JSONValue)] = []) -> JSONValue {
        let formatter = ISO8601DateFormatter()
        var pairs: [(String, JSONValue)] = [
            ("program", .string(program)),
            ("version", .string(version)),
            ("git_revision", gitRevision.map(JSONValue.string) ?? .null),
            ("command_line", .array(commandLine.map(JSONValue.string))),
            ("started_utc", .string(formatter.string(from: started))),
            ("wall_time_s", .number(wallSeconds)),
            ("machine", Self.machine()),
        ]
        pairs += input
        pairs += parameters
        return .object(pairs)
    }

    /// Cores, BLAS threads (as the BLAS reports them), operating system.
    public static func machine() -> JSONValue {
        let info = ProcessInfo.processInfo
        return .object([
            ("cores", .integer(info.activeProcessorCount)),
            ("blas_threads", .integer(BLASThreads.current)),
            ("blas_threads_from", .string(info.environment[BLASThreads.variable] != nil ? BLASThreads.variable
                                          : info.environment["OPENBLAS_NUM_THREADS"] != nil ? "OPENBLAS_NUM_THREADS" : "filament default")),
            ("os", .string(info.operatingSystemVersionString)),
        ])
    }

    /// Every parameter of a device problem: material (each phase's coefficients, tables by
    /// length and SHA-256), solver settings, grid, electrodes, thermal boundaries, substrate;
    /// with several switching materials (regions) every one of them.
    public static func parameters(of problem: ElectrothermalProblem) -> [(String, JSONValue)] {
        let grid = problem.grid
        var pairs: [(String, JSONValue)] = [
            ("material", ParameterDump.json(problem.material)),
            ("solver_settings", ParameterDump.json(problem.settings)),
            ("grid", .object([
                ("cells", .array([.integer(grid.nx), .integer(grid.ny), .integer(grid.nz)])),
                ("x_edges_m", ParameterDump.json(grid.x.edges)),
                ("y_edges_m", ParameterDump.json(grid.y.edges)),
                ("z_edges_m", ParameterDump.json(grid.z.edges)),
            ])),
            ("initial_temperature_K", .number(problem.initialTemperature)),
            ("electrodes", ParameterDump.json(problem.electrodes)),
            ("thermal_boundaries", ParameterDump.json(problem.thermalBoundaries)),
            ("substrate", problem.substrate.map { ParameterDump.json($0) } ?? .null),
        ]
        if let channel = problem.fieldDrivenSwitching { pairs.append(("field_channel", ParameterDump.json(channel))) }
        let switching = problem.regions?.materials.compactMap { m -> TwoPhaseMaterial? in
            if case let .switching(s) = m { return s }
            return nil
        } ?? []
        // `material` is the first of several; each switching region follows its own
        if switching.count > 1 { pairs.append(("switching_materials", .array(switching.map { ParameterDump.json($0) }))) }
        return pairs
    }

    /// SHA-256 of the rendered parameters: the input hash of a run defined by options rather
    /// than a file (the built-in sweep and transient devices).
    public static func parameterHash(_ parameters: [(String, JSONValue)]) -> String {
        SHA256.hex(of: Data(JSONValue.object(parameters).rendered().utf8))
    }
}

/// Writes any value as JSON by reflection, so that a parameter added to a material or to the
/// solver settings appears in the summaries without further code: structs and classes become
/// objects (with their type under `type` where it is an existential), enums their case name,
/// numbers and strings themselves, and numeric arrays longer than `inlineLimit` a table
/// reference `{count, first, last, sha256}` of their Float64 bytes.
public enum ParameterDump {
    public static let inlineLimit = 12

    public static func json(_ value: Any) -> JSONValue {
        switch value {
        case let x as Double: return .number(x)
        case let x as Float: return .number(Double(x))
        case let x as Int: return .integer(x)
        case let x as Int32: return .integer(Int(x))
        case let x as UInt8: return .integer(Int(x))
        case let x as Bool: return .bool(x)
        case let x as String: return .string(x)
        case let x as [Double]: return x.count > inlineLimit ? table(x) : .array(x.map(JSONValue.number))
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { json($0.value) } ?? .null
        case .collection, .set:
            return .array(mirror.children.map { json($0.value) })
        case .dictionary:
            return .object(mirror.children.compactMap { child in
                let pair = Array(Mirror(reflecting: child.value).children)
                guard pair.count == 2 else { return nil }
                return ("\(pair[0].value)", json(pair[1].value))
            }.sorted { $0.0 < $1.0 })
        case .enum:
            guard let payload = mirror.children.first else { return .string("\(value)") }
            return .object([(payload.label ?? "case", json(payload.value))])
        case .struct, .class, .tuple:
            var pairs: [(String, JSONValue)] = [("type", .string(String(describing: type(of: value))))]
            for (index, child) in mirror.children.enumerated() {
                pairs.append((child.label ?? "\(index)", json(child.value)))
            }
            return .object(pairs)
        default:
            return .string("\(value)")
        }
    }

    /// A long table: its length, end values and the SHA-256 of its little-endian Float64 bytes.
    public static func table(_ values: [Double]) -> JSONValue {
        var bytes = [UInt8]()
        bytes.reserveCapacity(8 * values.count)
        for v in values { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt64(i)))) } }
        return .object([
            ("count", .integer(values.count)),
            ("first", values.first.map(JSONValue.number) ?? .null),
            ("last", values.last.map(JSONValue.number) ?? .null),
            ("sha256", .string(SHA256.hex(of: Data(bytes)))),
        ])
    }
}
