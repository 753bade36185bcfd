import Foundation

extension EffectiveTemperatureTable {
    /// Decodes and validates a table (format name and version, increasing axes, array shapes).
    public init(jsonData: Data) throws {
        let table: EffectiveTemperatureTable
        do {
            table = try JSONDecoder().decode(EffectiveTemperatureTable.self, from: jsonData)
        } catch {
            throw EffectiveTemperatureTableError.malformed("\(error)")
        }
        try table.validate()
        self = table
    }

    /// Reads a table file.
    public init(contentsOf url: URL) throws {
        try self.init(jsonData: try Data(contentsOf: url))
    }

    /// Pretty-printed JSON with sorted keys (stable for diffs).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Checks format, version, axes and shapes.
    public func validate() throws {
        typealias Failure = EffectiveTemperatureTableError
        guard format == Self.formatName else { throw Failure.malformed("format is '\(format)'") }
        guard formatVersion == Self.formatVersion else {
            throw Failure.malformed("format_version \(formatVersion) (reader knows \(Self.formatVersion))")
        }
        for (name, axis) in [("field", axes.fieldVPerM), ("bath temperature", axes.bathTemperatureK)] {
            guard axis.count >= 2 else { throw Failure.malformed("\(name) axis needs ≥ 2 points") }
            guard zip(axis, axis.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw Failure.malformed("\(name) axis is not strictly increasing")
            }
        }
        for (name, phase) in phases {
            let grid = phase.effectiveTemperatureK
            guard grid.count == axes.fieldVPerM.count,
                  grid.allSatisfy({ $0.count == axes.bathTemperatureK.count }) else {
                throw Failure.malformed("phase '\(name)' values do not match the axes")
            }
        }
    }

    /// T_eff in K of `phase` at |E| (V/m) and bath temperature T (K), bilinear in (|E|, T).
    /// Throws when (|E|, T) lies outside the axes or a surrounding node has no steady state.
    public func effectiveTemperature(phase name: String, field: Double, bathTemperature: Double) throws -> Double {
        guard let phase = phases[name] else {
            throw EffectiveTemperatureTableError.unknownPhase(name, available: Array(phases.keys))
        }
        let e = abs(field)
        let es = axes.fieldVPerM, ts = axes.bathTemperatureK
        guard let i = Self.cell(es, e) else {
            throw EffectiveTemperatureTableError.fieldOutOfRange(e, lower: es[0], upper: es[es.count - 1])
        }
        guard let j = Self.cell(ts, bathTemperature) else {
            throw EffectiveTemperatureTableError.temperatureOutOfRange(bathTemperature, lower: ts[0], upper: ts[ts.count - 1])
        }
        let v = phase.effectiveTemperatureK
        guard let v00 = v[i][j], let v01 = v[i][j + 1], let v10 = v[i + 1][j], let v11 = v[i + 1][j + 1] else {
            throw EffectiveTemperatureTableError.phaseAbsent(name, fieldVPerM: e, bathTemperatureK: bathTemperature)
        }
        let u = (e - es[i]) / (es[i + 1] - es[i])
        let w = (bathTemperature - ts[j]) / (ts[j + 1] - ts[j])
        return (1 - u) * ((1 - w) * v00 + w * v01) + u * ((1 - w) * v10 + w * v11)
    }

    /// Index i with axis[i] ≤ x ≤ axis[i+1], or nil outside the axis.
    static func cell(_ axis: [Double], _ x: Double) -> Int? {
        guard x >= axis[0], x <= axis[axis.count - 1] else { return nil }
        var lo = 0, hi = axis.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if axis[mid] <= x { lo = mid } else { hi = mid }
        }
        return lo
    }
}
