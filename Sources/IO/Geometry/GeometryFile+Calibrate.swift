import Foundation
import TOMLKit

/// The `[calibrate]` table of a geometry file: the free parameters and measured targets that
/// `filament calibrate` uses when the command line gives none or only some (docs/calibration.md).
/// Entries are kept as written (`"KEY=LO:HI"`, `"OBSERVABLE=VALUE±SIGMA UNIT"`); the calibrate
/// command parses them with the same rules as `--fit` and `--target`. `run` and `check` ignore
/// them (`check` lists them).
public struct CalibrationEntries: Sendable, Equatable {
    /// `fit = ["KEY=LO:HI", …]`, each with its key path for messages (`calibrate.fit[1]`).
    public var fit: [(key: String, text: String)]
    /// `targets = ["OBSERVABLE=VALUE±SIGMA UNIT", …]` with key paths (`calibrate.targets[1]`).
    public var targets: [(key: String, text: String)]

    public static func == (a: Self, b: Self) -> Bool {
        a.fit.map(\.text) == b.fit.map(\.text) && a.targets.map(\.text) == b.targets.map(\.text)
    }
}

extension GeometryFile {
    /// The `[calibrate]` table of the TOML `text` (nil when absent), checked for its shape only.
    public static func calibrationEntries(_ text: String, file: String) throws -> CalibrationEntries? {
        let toml: TOMLTable
        do { toml = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw GeometryError(file: file, key: "line \(e.source.begin.line), column \(e.source.begin.column)",
                                message: "not valid TOML: \(e.description)")
        }
        return try ConfigTable(toml, file: file, path: "").calibrationEntries()
    }
}

extension ConfigTable {
    /// Reads `[calibrate]` from this (root) table: `fit` and `targets`, arrays of strings.
    func calibrationEntries() throws -> CalibrationEntries? {
        guard let t = try table("calibrate") else { return nil }
        let fit = try t.strings("fit", example: "fit = [\"material.insulator.thermal_conductivity=1e-4:1e-2\"]")
        let targets = try t.strings("targets", example: "targets = [\"T_top_mean=303±1 K\"]")
        try t.finish()
        guard !fit.isEmpty || !targets.isEmpty else {
            throw t.tableError("empty; give fit = [\"KEY=LO:HI\", …] and/or targets = [\"OBSERVABLE=VALUE±SIGMA UNIT\", …], or remove the table")
        }
        return CalibrationEntries(fit: fit, targets: targets)
    }

    /// An array of non-empty strings (absent: []), each with its key path.
    private func strings(_ key: String, example: String) throws -> [(key: String, text: String)] {
        guard let value = value(key) else { return [] }
        guard value.type == .array, let array = value.array else {
            throw error(key, "expected an array of strings, e.g. \(example); got \(describe(value))")
        }
        return try (0..<array.count).map { i in
            let element = array[i]
            guard element.type == .string, let s = element.string,
                  !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw error("\(key)[\(i + 1)]", "expected a non-empty string, e.g. \(example); got \(describe(element))")
            }
            return (keyPath("\(key)[\(i + 1)]"), s)
        }
    }
}
