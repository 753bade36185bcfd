import Foundation
import IO
import Mesh
import Solvers

/// A quantity a steady run reports, usable as a calibration target (docs/calibration.md).
public enum CalibrationObservable: Sendable, Equatable {
    /// Total current into the film (A).
    case current
    /// Highest minus lowest electrode potential (V).
    case voltage
    /// Electrical power (W).
    case power
    /// Largest cell temperature (K).
    case maximumTemperature
    /// Film volume mean temperature (K).
    case meanTemperature
    /// Area mean temperature of the top surface z = h (K).
    case topMeanTemperature
    /// Metallic volume fraction of the film (1).
    case metalFraction
    /// Metallic length of the top cell row at y = W/2, Σ φ_i Δx_i (m): for one metal domain
    /// attached to x = 0 this is how far the metal reaches along the line. Continuous in the
    /// interface cells' metal fractions, so it can be differentiated.
    case metalReach
    /// Temperature at a point (x, y, z) of the film (m; z from the film's bottom), trilinear
    /// between cell centres (clamped to the outermost centres) (K).
    case temperature(x: Double, y: Double, z: Double)
    /// Sample voltage (V) and current (A) of the last converged point before the first
    /// insulator → metal event of the file's `[sweep]` (located by its event bisections).
    case switchingVoltage
    case switchingCurrent
    /// PH's critical radius r_c around a top-surface electrode (m): where the metal depth
    /// d(r) = Σ_z φ Δz, taken along the cell row through the electrode, falls to zero
    /// (`CriticalRadiusStudy.zeroCrossing`); r from the electrode's centre, or from the domain
    /// face it touches (a mirror plane, as for PH's point electrode in a quarter domain).
    case criticalRadius(electrode: String)

    /// Whether the observable comes from the file's `[sweep]` rather than one steady solve.
    public var needsSweep: Bool { self == .switchingVoltage || self == .switchingCurrent }

    /// Names accepted on the command line.
    public static let names = ["current", "voltage", "power", "T_max", "T_mean", "T_top_mean", "metal_fraction",
                               "metal_reach", "T(x,y,z)", "switching_voltage", "switching_current", "r_c(ELECTRODE)"]

    public var name: String {
        switch self {
        case .current: return "current"
        case .voltage: return "voltage"
        case .power: return "power"
        case .maximumTemperature: return "T_max"
        case .meanTemperature: return "T_mean"
        case .topMeanTemperature: return "T_top_mean"
        case .metalFraction: return "metal_fraction"
        case .metalReach: return "metal_reach"
        case let .temperature(x, y, z): return "T(\(x) m,\(y) m,\(z) m)"
        case .switchingVoltage: return "switching_voltage"
        case .switchingCurrent: return "switching_current"
        case let .criticalRadius(e): return "r_c(\(e))"
        }
    }

    /// SI unit of the observable.
    public var unit: String {
        switch self {
        case .current, .switchingCurrent: return "A"
        case .voltage, .switchingVoltage: return "V"
        case .power: return "W"
        case .maximumTemperature, .meanTemperature, .topMeanTemperature, .temperature: return "K"
        case .metalFraction: return "1"
        case .metalReach, .criticalRadius: return "m"
        }
    }

    public var dimension: PhysicalDimension {
        switch self {
        case .current, .switchingCurrent: return .current
        case .voltage, .switchingVoltage: return .voltage
        case .power: return PhysicalDimension(m: 2, kg: 1, s: -3)
        case .maximumTemperature, .meanTemperature, .topMeanTemperature, .temperature: return .temperature
        case .metalFraction: return .dimensionless
        case .metalReach, .criticalRadius: return .length
        }
    }

    /// Parses a name; `T(0.5 mm, 0.5 mm, 0.2 mm)` takes three lengths with units.
    public static func parse(_ text: String) throws -> CalibrationObservable {
        let t = text.trimmingCharacters(in: .whitespaces)
        switch t {
        case "current": return .current
        case "voltage": return .voltage
        case "power": return .power
        case "T_max": return .maximumTemperature
        case "T_mean": return .meanTemperature
        case "T_top_mean": return .topMeanTemperature
        case "metal_fraction": return .metalFraction
        case "metal_reach": return .metalReach
        case "switching_voltage": return .switchingVoltage
        case "switching_current": return .switchingCurrent
        default: break
        }
        if t.hasPrefix("r_c("), t.hasSuffix(")") {
            let name = t.dropFirst(4).dropLast().trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw CalibrationInputError("observable '\(t)': name the electrode, e.g. r_c(point)") }
            return .criticalRadius(electrode: name)
        }
        if t.hasPrefix("T("), t.hasSuffix(")") {
            let inner = t.dropFirst(2).dropLast()
            let parts = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 else { throw CalibrationInputError("observable '\(t)': expected T(x, y, z) with three lengths, e.g. T(0.5 mm, 0.5 mm, 0.2 mm)") }
            let values = try parts.map { part -> Double in
                guard let q = try? Quantity.parse(part), q.dimension == .length else {
                    throw CalibrationInputError("observable '\(t)': '\(part)' is not a length with its unit, e.g. \"0.2 mm\"")
                }
                return q.value
            }
            return .temperature(x: values[0], y: values[1], z: values[2])
        }
        throw CalibrationInputError("unknown observable '\(t)'; a run reports: \(names.joined(separator: ", "))")
    }

    /// Checks that a run of `device` can report this observable.
    public func check(on device: DeviceCase) throws {
        switch self {
        case let .temperature(x, y, z):
            guard (0...device.length).contains(x), (0...device.width).contains(y), (0...device.filmThickness).contains(z) else {
                throw CalibrationInputError("observable \(name): the point lies off the film; allowed 0 … \(device.length) m, 0 … \(device.width) m, 0 … \(device.filmThickness) m")
            }
        case let .criticalRadius(name):
            try CriticalRadiusObservable.check(name, on: device)
        case .switchingVoltage, .switchingCurrent:
            guard device.sweep != nil else {
                throw CalibrationInputError("observable \(name): the file has no [sweep] table; a switching voltage or current comes from a sweep (docs/sweeps.md)")
            }
        default: break
        }
    }

    /// The observable's value (SI) on a converged run.
    public func value(_ s: SteadySolution, device: DeviceCase) -> Double {
        switch self {
        case .current: return s.current
        case .voltage: return s.voltage
        case .power: return s.electricalPower
        case .maximumTemperature: return s.maximumTemperature
        case .meanTemperature: return s.meanTemperature
        case .topMeanTemperature: return s.meanSurfaceTemperature(on: .zMax)
        case .metalFraction: return s.metalFraction
        case .metalReach:
            let g = s.grid, j = g.ny / 2, k = g.nz - 1
            return (0..<g.nx).reduce(0) { $0 + s.state.metalFraction[g.index($1, j, k)] * g.x.width($1) }
        case let .temperature(x, y, z):
            return Self.trilinear(s.state.temperature, grid: s.grid, at: (x, y, z + device.substrateThickness))
        case let .criticalRadius(name):
            return CriticalRadiusObservable.value(name, s)
        case .switchingVoltage, .switchingCurrent:
            return .nan  // from a sweep: `value(sweep:)`
        }
    }

    /// A sweep observable; throws when the sweep has no insulator → metal event.
    public func value(sweep: SweepResult) throws -> Double {
        guard let event = sweep.events.first(where: { $0.direction == .insulatorToMetal }) else {
            throw CalibrationInputError("\(name): the sweep has no insulator → metal event (its peak drive does not switch the device)")
        }
        return self == .switchingCurrent ? event.before.current : event.before.sampleVoltage
    }

    static func trilinear(_ field: [Double], grid g: RectilinearGrid, at p: (Double, Double, Double)) -> Double {
        func bracket(_ axis: AxisSpacing, _ v: Double) -> (Int, Int, Double) {
            let n = axis.cellCount
            if n == 1 || v <= axis.center(0) { return (0, 0, 0) }
            if v >= axis.center(n - 1) { return (n - 1, n - 1, 0) }
            var i = 0
            while axis.center(i + 1) < v { i += 1 }
            return (i, i + 1, (v - axis.center(i)) / (axis.center(i + 1) - axis.center(i)))
        }
        let (i0, i1, fx) = bracket(g.x, p.0), (j0, j1, fy) = bracket(g.y, p.1), (k0, k1, fz) = bracket(g.z, p.2)
        var sum = 0.0
        for (i, wi) in [(i0, 1 - fx), (i1, fx)] {
            for (j, wj) in [(j0, 1 - fy), (j1, fy)] {
                for (k, wk) in [(k0, 1 - fz), (k1, fz)] { sum += wi * wj * wk * field[g.index(i, j, k)] }
            }
        }
        return sum
    }
}

/// A calibration request that cannot be run: the message names the option and what is allowed.
public struct CalibrationInputError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
