import Foundation
import Kernels
import Materials

/// Where a table a run used came from: the file (path and SHA-256 of its bytes), the model
/// and its parameters, the calibration to SI and the program that wrote it. Every table named
/// by a geometry file gets one, and `summary.json` lists them under `tables`.
public struct TableProvenance: Sendable, Equatable {
    /// "material" (ρ, S, κ per phase) or "field_channel" (T_eff(|E|, T_bath) per phase).
    public var role: String
    public var path: String
    public var sha256: String
    public var format: String
    public var model: String
    public var parameters: [String: String]
    /// The energy unit (eV) and lattice constant (m) that map model units to SI.
    public var energyUnitEV: Double
    public var latticeConstantM: Double
    /// The calibration in words (how the free constants were fixed).
    public var calibration: String
    public var programVersion: String

    /// The model's name up to its first "," or "(" (lower case): tables of one family share it.
    public var modelFamily: String {
        let head = model.split(whereSeparator: { $0 == "," || $0 == "(" }).first.map(String.init) ?? model
        return head.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// U, t⊥ and Γ in units of D when the table names them (equilibrium tables: `U`, `t_perp`,
    /// `Gamma`; NESS tables: `U_over_D`, `t_perp_over_D`, `gamma_over_D`), else nil.
    public var hamiltonian: [Double]? {
        func value(_ keys: [String]) -> Double? { keys.lazy.compactMap { self.parameters[$0].flatMap(Double.init) }.first }
        guard let u = value(["U", "U_over_D"]), let tp = value(["t_perp", "t_perp_over_D"]),
              let g = value(["Gamma", "gamma_over_D"]) else { return nil }
        return [u, tp, g]
    }

    /// True when both tables come from one model with one calibration: the same energy unit
    /// and lattice constant (to 1e-9), and the same U, t⊥, Γ where both name them (an
    /// equilibrium DMFT table and a NESS table of that model), otherwise the same model family.
    public func sharesCalibration(with other: TableProvenance) -> Bool {
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }
        guard close(energyUnitEV, other.energyUnitEV), close(latticeConstantM, other.latticeConstantM) else { return false }
        if let h = hamiltonian, let k = other.hamiltonian { return zip(h, k).allSatisfy { close($0, $1) } }
        return modelFamily == other.modelFamily
    }

    /// Provenance of a material table; refuses one whose metadata lacks model, calibration or
    /// program version.
    public static func material(_ table: MaterialTable, url: URL, data: Data) throws -> TableProvenance {
        let m = table.metadata
        try require(["metadata.model": m.model, "metadata.calibration": m.calibration, "metadata.program_version": m.programVersion],
                    file: url.path)
        var parameters = m.parameters.mapValues { "\($0)" }
        parameters["lattice"] = m.lattice
        return TableProvenance(role: "material", path: url.path, sha256: SHA256.hex(of: data), format: table.format,
                               model: m.model, parameters: parameters, energyUnitEV: m.energyUnitEV,
                               latticeConstantM: m.latticeConstantM, calibration: m.calibration, programVersion: m.programVersion)
    }

    /// Provenance of a T_eff table; refuses one without model, parameters or program version.
    public static func effectiveTemperature(_ table: EffectiveTemperatureTable, url: URL, data: Data) throws -> TableProvenance {
        try require(["model": table.model, "program_version": table.programVersion,
                     "parameters": table.parameters.isEmpty ? "" : "present"], file: url.path)
        let u = table.unitMapping
        return TableProvenance(role: "field_channel", path: url.path, sha256: SHA256.hex(of: data), format: table.format,
                               model: table.model, parameters: table.parameters, energyUnitEV: u.energyUnitEV,
                               latticeConstantM: u.latticeConstantM,
                               calibration: String(format: "energy unit %.6g eV, lattice constant %.4g m (field unit %.4g V/m, temperature unit %.4g K)",
                                                   u.energyUnitEV, u.latticeConstantM, u.fieldUnitVPerM, u.temperatureUnitK),
                               programVersion: table.programVersion)
    }

    static func require(_ fields: [String: String], file: String) throws {
        for key in fields.keys.sorted() where fields[key]!.trimmingCharacters(in: .whitespaces).isEmpty {
            throw TableProvenanceError(file: file, key: key)
        }
    }
}

/// A table without the provenance a run must record.
public struct TableProvenanceError: Error, CustomStringConvertible {
    public var file: String
    public var key: String
    public var description: String {
        "\(file): key '\(key)' is missing or empty; a table must say which model, parameters, calibration and program made it (rewrite it with `filament tabulate` or `filament hf teff-table`)"
    }
}
