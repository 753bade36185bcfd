import ArgumentParser
import Foundation
import Kernels

/// `filament dmft ness-table`: T_eff(E, T_bath) and J(E, T_bath) per phase from the field-driven
/// DMFT steady state, in the `filament-teff-table` format read by the device's `[field_channel]`.
struct DMFTNESSTable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ness-table",
        abstract: "Write T_eff(E, T_bath) and J(E, T_bath) per phase (metal, insulator) from the NESS solver (filament-teff-table JSON).",
        discussion: "Each phase is followed up in E from E = 0 at every bath temperature; nodes where that phase has no converged "
            + "steady state (the branch was lost: ρ_loc(0) jumped by > 10x, or no convergence) are null. "
            + "order_parameter_over_t holds ρ_loc(0) (units 1/D); current_per_bond_A holds J·e·D/ħ.")
    @OptionGroup var options: NESSOptions
    @Option(name: .customShort("u"), help: "Interaction U.") var u: Double = 2.5
    @Option(help: "Fields E (model units) A:B:N, A ≥ 0.") var fields: String = "0:0.2:11"
    @Option(name: .customLong("bath-temperatures"), help: "Comma-separated bath temperatures (model units), increasing.") var bathTemperatures: String = "0.0025,0.005,0.01"
    @Option(name: .customLong("energy-unit-ev"), help: "D in eV (DHM: 4t ≈ 1 eV).") var energyUnitEv: Double = 1
    @Option(name: .customLong("lattice-constant-m"), help: "Lattice constant a in m (DHM Table I: 4.5 Å).") var latticeConstantM: Double = 4.5e-10
    @Option(help: "Output JSON file.") var output: String = "ness-teff-table.json"

    var temperatures: [Double] { bathTemperatures.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } }

    func validate() throws {
        _ = try parseFieldRange(fields)
        let ts = temperatures
        guard ts.count >= 2, ts.allSatisfy({ $0 > 0 }), zip(ts, ts.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ValidationError("--bath-temperatures needs ≥ 2 increasing values > 0 (got '\(bathTemperatures)')")
        }
        guard energyUnitEv > 0, latticeConstantM > 0 else { throw ValidationError("--energy-unit-ev and --lattice-constant-m must be > 0") }
    }

    func run() throws {
        let es = try parseFieldRange(fields), ts = temperatures
        let mapping = EffectiveTemperatureTable.UnitMapping(energyUnitEV: energyUnitEv, latticeConstantM: latticeConstantM)
        // e·D/ħ in A for D = 1 eV: e²/ħ · 1 V.
        let currentUnitA = energyUnitEv * 1.602176634e-19 / 1.054571817e-34 * 1.602176634e-19
        var phases: [String: Any] = [:]
        let start = Date()
        var done = 0
        for (name, seed) in [("metal", NESSSeed.metal), ("insulator", NESSSeed.insulator)] {
            var teff = [[Double?]](repeating: [Double?](repeating: nil, count: ts.count), count: es.count)
            var rho = teff, cur = teff
            var stable = [[Bool?]](repeating: [Bool?](repeating: nil, count: ts.count), count: es.count)
            for (j, t) in ts.enumerated() {
                var template = options.driven(u: u, field: 0)
                template.model.temperature = t
                let sweep = NESSFieldSweep(template: template, convergence: options.convergence)
                let pts = try sweep.follow(options.solver, fields: es, seed: seed)
                var last: NESSPoint? = nil
                for (i, p) in pts.enumerated() {
                    guard p.converged else { break }
                    if let l = last, p.densityAtFermiLevel > 10 * l.densityAtFermiLevel || p.densityAtFermiLevel < 0.1 * l.densityAtFermiLevel { break }
                    teff[i][j] = p.effectiveTemperature * mapping.temperatureUnitK
                    rho[i][j] = p.densityAtFermiLevel
                    cur[i][j] = p.current * currentUnitA
                    stable[i][j] = true
                    last = p
                }
                done += 1
                let dt = Date().timeIntervalSince(start), total = Double(2 * ts.count)
                options.progress(String(format: "ness-table: %d/%d branches, %.0f s elapsed, ~%.0f s left", done, Int(total), dt, dt * (total - Double(done)) / Double(done)))
            }
            func json<T>(_ a: [[T?]]) -> [[Any]] { a.map { $0.map { $0.map { $0 as Any } ?? NSNull() } } }
            phases[name] = ["effective_temperature_K": json(teff), "order_parameter_over_t": json(rho),
                            "stable": json(stable), "current_per_bond_A": json(cur)]
        }
        let params: [String: String] = [
            "model": "dimer-Hubbard (t_perp > 0) / Hubbard (t_perp = 0), square lattice, DC field along x, NESS DMFT-IPT (Keldysh)",
            "U_over_D": "\(u)", "t_perp_over_D": "\(options.tPerp)", "gamma_over_D": "\(options.gamma)",
            "fields_over_D_per_ea": fields, "bath_temperatures_over_D": bathTemperatures,
            "k_points": "\(options.kPoints)", "frequency_spacing_over_D": "\(options.spacing)", "frequency_half_width_over_D": "\(options.width)",
            "tolerance": "\(options.tolerance)", "self_energy": options.selfEnergy, "units": "model units D = 4t, hbar = k_B = e = a = 1; T_eff in K, field in V/m, current per bond, orbital and spin in A",
            "order_parameter_over_t": "rho_loc(0) in 1/D (not an order parameter of HF)",
            "creation_command": CommandLine.arguments.joined(separator: " "),
        ]
        // Written as plain JSON (the reader ignores the extra current_per_bond_A key) and read back
        // through the device's reader before it is written.
        let document: [String: Any] = [
            "format": EffectiveTemperatureTable.formatName, "format_version": EffectiveTemperatureTable.formatVersion,
            "model": "dmft-ness-ipt", "program_version": FilamentVersion.string, "parameters": params,
            "unit_mapping": ["energy_unit_eV": energyUnitEv, "lattice_constant_m": latticeConstantM],
            "axes": ["field_V_per_m": es.map { $0 * mapping.fieldUnitVPerM }, "bath_temperature_K": ts.map { $0 * mapping.temperatureUnitK }],
            "phases": phases,
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        _ = try EffectiveTemperatureTable(jsonData: data)
        try writeAtomically(data, to: URL(fileURLWithPath: output))
        print("wrote \(output) (\(es.count) fields x \(ts.count) bath temperatures, D = \(energyUnitEv) eV, a = \(latticeConstantM) m)")
    }
}
