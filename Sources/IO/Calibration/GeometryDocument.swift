import Foundation
import TOMLKit

/// A geometry file held as a TOML document whose numeric keys can be read and replaced, so
/// that a calibration can run the same file with different values (docs/calibration.md).
///
/// Keys are dotted paths as in the file: `material.insulator.thermal_conductivity`,
/// `domain.thickness`, `electrode[2].current` (arrays of tables counted from 1, as in error
/// messages) or `electrode[positive].current` (the entry whose `name` is "positive"); a
/// value inside an array is addressed by its position, `electrode[positive].y[2]` (the upper
/// end of the electrode's y range).
/// A value keeps the unit the file wrote it in: `"1e-3 W/(cm*K)"` becomes `"0.0013 W/(cm*K)"`.
public final class GeometryDocument {
    /// The file as messages name it.
    public let file: String
    private let text: String

    /// One numeric key: its value in the file's own unit and that unit's SI factor.
    public struct NumericKey: Sendable, Equatable {
        public var path: String
        /// The value as written, in `unit`.
        public var value: Double
        /// The unit as written ("" for a plain number).
        public var unit: String
        /// SI value = value × siFactor.
        public var siFactor: Double
        public var dimension: PhysicalDimension
    }

    /// Parses `text` (TOML). `file` names the file in messages.
    public init(text: String, file: String) throws {
        self.file = file
        self.text = text
        _ = try Self.parse(text, file: file)
    }

    private static func parse(_ text: String, file: String) throws -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw GeometryError(file: file, key: "line \(e.source.begin.line), column \(e.source.begin.column)",
                                message: "not valid TOML: \(e.description)")
        }
    }

    /// The numeric key at `path`; `option` names where the path came from in messages
    /// (e.g. `--fit`). Throws when the key does not exist or does not hold a real number.
    public func numericKey(_ path: String, option: String) throws -> NumericKey {
        let root = try Self.parse(text, file: file)
        let (table, leaf, element) = try resolve(path, in: root, option: option)
        guard var value = table[leaf] else {
            throw error(option, path, "no such key in the file (\(table.keys.sorted().joined(separator: ", ")) are there); a free parameter must be a key the file sets")
        }
        if let element {
            guard let array = value.array else {
                throw error(option, path, "'\(leaf)' is not an array; write \(path.prefix { $0 != "[" }) without [\(element)]")
            }
            guard element <= array.count else {
                throw error(option, path, "'\(leaf)' has \(array.count) values; allowed \(leaf)[1]…\(leaf)[\(array.count)]")
            }
            value = array[element - 1]
        } else if value.array != nil {
            throw error(option, path, "holds an array; name one of its values by position, e.g. \(path)[1]")
        }
        switch value.type {
        case .double:
            return NumericKey(path: path, value: value.double!, unit: "", siFactor: 1, dimension: .dimensionless)
        case .string:
            let written = value.string!
            guard let split = Self.splitNumber(written) else {
                throw error(option, path, "\"\(written)\" is not a number with a unit; a free parameter must be a numeric key such as \"1e-3 W/(cm*K)\"")
            }
            let unit: Quantity
            do {
                unit = try Quantity.parseUnit(split.unit)
            } catch {
                throw self.error(option, path, "\"\(written)\": \(error)")
            }
            return NumericKey(path: path, value: split.number, unit: split.unit, siFactor: unit.value, dimension: unit.dimension)
        case .int:
            throw error(option, path, "holds the integer \(value.int!) (a count); a free parameter must be a real number (a quantity with its unit, or a plain real number)")
        default:
            throw error(option, path, "holds a \(value.type), not a number; a free parameter must be a numeric key")
        }
    }

    /// The file's text with each key of `values` replaced (values in the key's own unit) and
    /// the top-level tables in `removing` left out.
    public func text(setting values: [(key: NumericKey, value: Double)], removing: [String] = []) throws -> String {
        let root = try Self.parse(text, file: file)
        for (key, value) in values {
            try assign(key.path, in: root) { table, leaf, element in
                let plain = key.unit.isEmpty && key.dimension == .dimensionless
                if let element, let array = table[leaf]?.array {
                    if plain && array[element - 1].type == .double { array[element - 1] = value } else { array[element - 1] = "\(value) \(key.unit)" }
                    table[leaf] = array
                } else {
                    table[leaf] = plain && table[leaf]?.type == .double ? value : "\(value) \(key.unit)"
                }
            }
        }
        for name in removing { root.remove(at: name) }
        return root.convert(to: .toml)
    }

    /// Whether the document has a top-level table `name`.
    public func hasTable(_ name: String) -> Bool {
        (try? Self.parse(text, file: file))?[name]?.table != nil
    }

    // MARK: - Paths

    private enum Step { case key(String), index(String, Int), named(String, String) }

    private func steps(_ path: String, option: String) throws -> [Step] {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else {
            throw error(option, path, "not a key path; write it as in the file, e.g. material.insulator.thermal_conductivity or electrode[2].current")
        }
        return try parts.map { part in
            guard let open = part.firstIndex(of: "[") else { return .key(part) }
            guard part.hasSuffix("]") else { throw error(option, path, "'\(part)': expected NAME[N] or NAME[entry name]") }
            let name = String(part[..<open])
            let inner = String(part[part.index(after: open)..<part.index(before: part.endIndex)])
            if let n = Int(inner) {
                guard n >= 1 else { throw error(option, path, "'\(part)': entries are counted from 1") }
                return .index(name, n)
            }
            return .named(name, inner)
        }
    }

    /// The table holding the path's last key, that key, and the position (from 1) of the value
    /// inside the key's array when the path ends in `KEY[N]` (nil otherwise).
    private func resolve(_ path: String, in root: TOMLTable, option: String) throws -> (TOMLTable, String, Int?) {
        let all = try steps(path, option: option)
        var table = root
        var walked: [String] = []
        for step in all.dropLast() {
            table = try child(table, step, walked: walked.joined(separator: "."), path: path, option: option)
            walked.append("\(step)")
        }
        switch all.last! {
        case let .key(leaf): return (table, leaf, nil)
        case let .index(leaf, n) where table[leaf]?.array.map({ $0.count == 0 || $0[0].table == nil }) ?? false: return (table, leaf, n)
        default: throw error(option, path, "ends in an entry of an array of tables; name one of its keys, e.g. \(path).current")
        }
    }

    private func child(_ table: TOMLTable, _ step: Step, walked: String, path: String, option: String) throws -> TOMLTable {
        switch step {
        case let .key(name):
            guard let t = table[name]?.table else {
                throw error(option, path, "no table '\(name)'\(walked.isEmpty ? "" : " in \(walked)") in the file")
            }
            return t
        case let .index(name, n):
            guard let array = table[name]?.array else { throw error(option, path, "no array of tables [[\(name)]] in the file") }
            guard n <= array.count, let t = array[n - 1].table else {
                throw error(option, path, "[[\(name)]] has \(array.count) entries; allowed 1…\(array.count)")
            }
            return t
        case let .named(name, entry):
            guard let array = table[name]?.array else { throw error(option, path, "no array of tables [[\(name)]] in the file") }
            let names = (0..<array.count).compactMap { array[$0].table?["name"]?.string }
            guard let i = names.firstIndex(of: entry), let t = array[i].table else {
                throw error(option, path, "no [[\(name)]] entry named '\(entry)'; the file names \(names.isEmpty ? "none" : names.joined(separator: ", "))")
            }
            return t
        }
    }

    /// Changes the key at `path` with `change`, then stores each modified table back into its
    /// parent (so that the edit reaches the document whether TOMLKit hands out views or copies).
    private func assign(_ path: String, in root: TOMLTable, _ change: (TOMLTable, String, Int?) -> Void) throws {
        let all = try steps(path, option: "key")
        var chain: [TOMLTable] = [root]
        for step in all.dropLast() { chain.append(try child(chain.last!, step, walked: "", path: path, option: "key")) }
        switch all.last! {
        case let .key(leaf): change(chain.last!, leaf, nil)
        case let .index(leaf, n): change(chain.last!, leaf, n)
        case .named: return
        }
        for (depth, step) in all.dropLast().enumerated().reversed() {
            let parent = chain[depth], modified = chain[depth + 1]
            switch step {
            case let .key(name):
                parent[name] = modified
            case let .index(name, n):
                let array = parent[name]!.array!
                array[n - 1] = modified
                parent[name] = array
            case let .named(name, entry):
                let array = parent[name]!.array!
                let i = (0..<array.count).first { array[$0].table?["name"]?.string == entry }!
                array[i] = modified
                parent[name] = array
            }
        }
    }

    private func error(_ option: String, _ path: String, _ message: String) -> GeometryError {
        GeometryError(file: file, key: "\(option) \(path)", message: message)
    }

    /// "1e-3 W/(cm*K)" → (0.001, "W/(cm*K)"); nil when the text does not start with a number.
    public static func splitNumber(_ text: String) -> (number: Double, unit: String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let pattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/
        guard let match = trimmed.prefixMatch(of: pattern), let number = Double(String(match.output.0)), number.isFinite else {
            return nil
        }
        return (number, String(trimmed[match.range.upperBound...]).trimmingCharacters(in: .whitespaces))
    }
}
