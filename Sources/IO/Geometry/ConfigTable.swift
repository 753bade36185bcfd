import Foundation
import TOMLKit

/// One TOML table of a geometry file being read: typed getters that check units and ranges,
/// and a record of the keys read so that `finish()` can reject every key nobody asked for
/// (a misspelt key must not be silently ignored).
final class ConfigTable {
    let file: String
    /// Dotted path of this table ("" for the root).
    let path: String
    private let table: TOMLTable
    private var used: Set<String> = []
    /// Keys this table may hold, for the message of an unknown key.
    private var known: [String] = []

    init(_ table: TOMLTable, file: String, path: String) {
        self.table = table
        self.file = file
        self.path = path
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ message: String) -> GeometryError {
        GeometryError(file: file, key: keyPath(key), message: message)
    }

    /// The table's own error (key given as `[path]`).
    func tableError(_ message: String) -> GeometryError {
        GeometryError(file: file, key: "[\(path)]", message: message)
    }

    func has(_ key: String) -> Bool {
        known.append(key)
        return table.contains(key: key)
    }

    private func raw(_ key: String) -> TOMLValueConvertible? {
        known.append(key)
        guard let value = table[key] else { return nil }
        used.insert(key)
        return value
    }

    /// Rejects keys that no getter asked for.
    func finish() throws {
        for key in table.keys.sorted() where !used.contains(key) {
            let allowed = Array(Set(known)).sorted().joined(separator: ", ")
            throw error(key, "unknown key; allowed here: \(allowed.isEmpty ? "none" : allowed)")
        }
    }

    // MARK: - Typed getters

    /// A dimensional value written as a string with its unit, in SI.
    /// `range` (SI, optional) is checked and named in the message.
    func quantity(_ key: String, _ dimension: PhysicalDimension, default fallback: Double? = nil,
                  range: ClosedRange<Double>? = nil, exclusiveLower: Bool = false) throws -> Double {
        guard let value = raw(key) else {
            if let fallback { return fallback }
            throw error(key, "missing; expected \(dimension.name)")
        }
        guard value.type == .string, let text = value.string else {
            if dimension == .dimensionless, let x = value.double ?? value.int.map(Double.init) {
                return try check(key, x, range: range, exclusiveLower: exclusiveLower, unit: "")
            }
            throw error(key, "expected \(dimension.name) written as a string with its unit, got \(describe(value))")
        }
        let quantity: Quantity
        do {
            quantity = try Quantity.parse(text)
        } catch let e as UnitSyntaxError {
            throw error(key, "\(e.description); expected \(dimension.name)")
        }
        guard quantity.dimension == dimension else {
            throw error(key, "\"\(text)\" is \(quantity.dimension.kind); expected \(dimension.name)")
        }
        return try check(key, quantity.value, range: range, exclusiveLower: exclusiveLower, unit: Self.siUnit(dimension))
    }

    private func check(_ key: String, _ x: Double, range: ClosedRange<Double>?, exclusiveLower: Bool, unit: String) throws -> Double {
        guard x.isFinite else { throw error(key, "must be finite") }
        if let range {
            let low = exclusiveLower ? x <= range.lowerBound : x < range.lowerBound
            if low || x > range.upperBound {
                let lower = exclusiveLower ? "> \(range.lowerBound)" : "≥ \(range.lowerBound)"
                let upper = range.upperBound == .greatestFiniteMagnitude ? "" : " and ≤ \(range.upperBound)"
                throw error(key, "\(x) \(unit) is out of range; allowed \(lower)\(upper) \(unit)".replacingOccurrences(of: "  ", with: " "))
            }
        }
        return x
    }

    static func siUnit(_ d: PhysicalDimension) -> String {
        switch d {
        case .length: return "m"
        case .temperature: return "K"
        case .current: return "A"
        case .voltage: return "V"
        case .resistance: return "ohm"
        case .resistivity: return "ohm*m"
        case .seebeck: return "V/K"
        case .thermalConductivity: return "W/(m*K)"
        case .heatTransferCoefficient: return "W/(m^2*K)"
        case .thermalBoundaryResistance: return "m^2*K/W"
        case .volumetricHeatCapacity: return "J/(m^3*K)"
        case .electricalConductivity: return "S/m"
        case .volumetricHeatExchange: return "W/(m^3*K)"
        default: return d.description
        }
    }

    func int(_ key: String, default fallback: Int? = nil, range: ClosedRange<Int>) throws -> Int {
        guard let value = raw(key) else {
            if let fallback { return fallback }
            throw error(key, "missing; expected an integer in \(range.lowerBound)…\(range.upperBound)")
        }
        guard value.type == .int, let n = value.int else {
            throw error(key, "expected an integer in \(range.lowerBound)…\(range.upperBound), got \(describe(value))")
        }
        guard range.contains(n) else {
            throw error(key, "\(n) is out of range; allowed \(range.lowerBound)…\(range.upperBound)")
        }
        return n
    }

    func double(_ key: String, default fallback: Double? = nil, range: ClosedRange<Double>, exclusiveLower: Bool = false) throws -> Double {
        try quantity(key, .dimensionless, default: fallback, range: range, exclusiveLower: exclusiveLower)
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let value = raw(key) else { return fallback }
        guard value.type == .bool, let b = value.bool else {
            throw error(key, "expected true or false, got \(describe(value))")
        }
        return b
    }

    func string(_ key: String, default fallback: String? = nil) throws -> String {
        guard let value = raw(key) else {
            if let fallback { return fallback }
            throw error(key, "missing; expected a string")
        }
        guard value.type == .string, let s = value.string else {
            throw error(key, "expected a string, got \(describe(value))")
        }
        return s
    }

    /// A string that must be one of `allowed`.
    func choice(_ key: String, _ allowed: [String], default fallback: String? = nil) throws -> String {
        guard has(key) || fallback == nil else { return fallback! }
        guard let value = raw(key) else {
            throw error(key, "missing; allowed: \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        guard value.type == .string, let s = value.string, allowed.contains(s) else {
            throw error(key, "\(describe(value)) is not allowed; allowed: \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        return s
    }

    /// A sub-table, or nil when absent.
    func table(_ key: String) throws -> ConfigTable? {
        guard let value = raw(key) else { return nil }
        guard value.type == .table, let t = value.table else {
            throw error(key, "expected a table ([\(keyPath(key))] or an inline { … }), got \(describe(value))")
        }
        return ConfigTable(t, file: file, path: keyPath(key))
    }

    /// An array of tables (`[[key]]`), or [] when absent.
    func tables(_ key: String) throws -> [ConfigTable] {
        guard let value = raw(key) else { return [] }
        guard value.type == .array, let array = value.array else {
            throw error(key, "expected an array of tables ([[\(keyPath(key))]]), got \(describe(value))")
        }
        return try array.enumerated().map { i, element in
            guard element.type == .table, let t = element.table else {
                throw error("\(key)[\(i + 1)]", "expected a table, got \(describe(element))")
            }
            return ConfigTable(t, file: file, path: "\(keyPath(key))[\(i + 1)]")
        }
    }

    /// The sub-tables of a table of named tables (`[materials.NAME]`), in key order.
    func namedTables() throws -> [(name: String, table: ConfigTable)] {
        try table.keys.sorted().map { key in
            guard let t = try self.table(key) else { throw error(key, "expected a table") }
            return (key, t)
        }
    }

    /// The raw value of a key when it is a string or an array (coordinate specs).
    func value(_ key: String) -> TOMLValueConvertible? { raw(key) }

    func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "\"\(value.string ?? "")\""
        case .int: return "the number \(value.int ?? 0)"
        case .double: return "the number \(value.double ?? 0)"
        case .bool: return "\(value.bool ?? false)"
        case .table: return "a table"
        case .array: return "an array"
        default: return "a \(value.type)"
        }
    }
}
