import ArgumentParser
import Foundation
import Kernels
import Materials
import IO

/// `filament tabulate`: DMFT–IPT branches in T → Kubo ρ(T), S(T) per phase → material table.
struct Tabulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tabulate",
        abstract: "Write a material table (JSON, format_version 1) from the DMFT–IPT kernels (docs/kernels.md).")
    @OptionGroup var options: ModelOptions
    @Option(name: .customShort("u"), help: "Interaction U (units of D).") var u: Double = 2.5
    @Option(help: "Particle–hole asymmetry λ of the transport function (D_λ ∝ D e^{−λε}); default −3.5 (S_I > 0, Ca2RuO4), +3.5 with --preset vo2 (S_I < 0).") var tilt: Double?
    @Option(help: "Lowest model temperature.") var tMin: Double = 0.013
    @Option(help: "Highest model temperature.") var tMax: Double = 0.032
    @Option(help: "Number of temperatures.") var count: Int = 40
    @Option(name: .customLong("metal-t-max"), help: "Extend the metal (only) above t-max up to this model temperature (4× the spacing of the grid).") var metalTMax: Double?
    @Option(help: "log2 of the number of real frequencies.") var log2N: Int = 14
    @Option(help: "Half width W of the real-frequency grid.") var width: Double = 6
    @Option(help: "Material preset: \(MaterialPreset.all.map(\.name).joined(separator: ", ")) (sets the calibration below unless given; the model parameters stay as given).")
    var preset: String?
    @Option(help: "Calibration: T_IMT of the kernel is mapped onto this temperature (K); default 357 (Ca2RuO4).") var imtKelvin: Double?
    @Option(help: "Lattice constant a (m): σ = s·e²/(ħa); default 3.9e-10.") var latticeConstant: Double?
    @Option(help: "Thermal conductivity κ (W/m/K), both phases; default 0.13.") var kappa: Double?
    @Option(help: "Volumetric heat capacity c (J/m³/K), both phases; default 2e6.") var heatCapacity: Double?
    @Option(name: .shortAndLong, help: "Output file.") var output: String = "material-table.json"

    /// The calibration: explicit options first, then the preset, then Ca2RuO4's defaults.
    var calibration: MaterialPreset {
        get throws {
            var c = MaterialPreset.ca2ruo4
            if let name = preset {
                guard let p = MaterialPreset.all.first(where: { $0.name == name }) else {
                    throw ValidationError("--preset \(name): allowed \(MaterialPreset.all.map(\.name).joined(separator: ", "))")
                }
                c = p
            }
            if let x = imtKelvin { c.imtKelvin = x }
            if let x = latticeConstant { c.latticeConstant = x }
            if let x = kappa { c.kappa = x }
            if let x = heatCapacity { c.heatCapacity = x }
            if let x = tilt { c.tilt = x }
            if preset == nil { c.name = "custom" }
            return c
        }
    }

    /// Metal-only temperatures above t-max, up to --metal-t-max.
    func metalExtension(spacing: Double) -> [Double] {
        guard let top = metalTMax else { return [] }
        return Array(stride(from: tMax + spacing, through: top + 1e-12, by: spacing))
    }

    func validate() throws {
        try checkingOptions {
            try InputLimits.count(count, 4...10_000, "--count")
            try InputLimits.positive(width, "--width")
            try InputLimits.nonNegative(u, "-u")
            if let tilt { try InputLimits.within(tilt, -50...50, "--tilt") }
        }
        guard count >= 4, tMax > tMin, tMin > 0 else { throw ValidationError("need count ≥ 4 and 0 < t-min < t-max") }
        if let m = metalTMax { guard m > tMax, m <= 1 else { throw ValidationError("--metal-t-max must lie in (t-max, 1] (got \(m))") } }
        guard (10...18).contains(log2N) else { throw ValidationError("--log2-n must lie in 10…18") }
        let c = try calibration
        guard c.imtKelvin > 0, c.latticeConstant > 0, c.kappa > 0, c.heatCapacity > 0 else { throw ValidationError("calibration values must be > 0") }
    }

    func run() throws {
        let started = Date()
        let temps = (0..<count).map { tMin + (tMax - tMin) * Double($0) / Double(count - 1) }
        let model = options.model(u: u, temperature: tMin)
        let tilt = try calibration.tilt
        let tab = BranchTabulator(template: model, grid: RealFrequencyGrid(count: 1 << log2N, halfWidth: width),
                                  transport: KuboTransport(function: TransportFunction(lattice: model.lattice, tilt: tilt)))
            .tabulate(temperatures: temps, metalExtension: metalExtension(spacing: 4 * (temps[1] - temps[0])))
        guard let imt = tab.insulatorToMetal else {
            throw fail("--t-max: the insulator survives heating to t-max = \(tMax): no T_IMT in range; allowed: a wider range (raise --t-max)", code: FailureCode.solveFailed)
        }
        let c = try calibration
        let table = try makeTable(tab, imtModel: imt, calibration: c)
        try table.write(to: URL(fileURLWithPath: output))
        let material = table.material(name: "")
        let tIMT = table.insulatorToMetalTemperature
        let rhoI = material.insulator.resistivity(at: 300), rhoIatIMT = material.insulator.resistivity(at: tIMT)
        let rhoMatIMT = material.metal.resistivity(at: tIMT)
        print(String(format: "wrote %@ (%.1f s): T_IMT %.2f K (model %.5f), T_MIT %.2f K%@",
                     output, Date().timeIntervalSince(started), tIMT, imt, table.metalToInsulatorTemperature,
                     tab.metalToInsulator == nil ? String(format: " (the metal cooled to %.1f K keeps its branch: no cooling spinodal)", tMin * table.metadata.temperatureScaleK) : ""))
        print(String(format: "%@: rho_I(300 K) %.3g Ohm m; rho_M/rho_I at T_IMT %.3g; S_I(300 K) %.0f uV/K; S_M(T_IMT) %.0f uV/K",
                     c.name, rhoI, rhoMatIMT / rhoIatIMT, material.insulator.seebeck(at: 300) * 1e6, material.metal.seebeck(at: tIMT) * 1e6))
        print("measured (\(c.name)): \(c.measured)")
    }

    /// SI conversion: E₀ = k_B·T_IMT[K]/T_IMT[model] (eV), T[K] = T·E₀/k_B, σ = s·e²/(ħa),
    /// S = S̃·k_B/e.
    func makeTable(_ tab: TwoBranchTabulation, imtModel: Double, calibration c: MaterialPreset) throws -> MaterialTable {
        let (imtKelvin, latticeConstant, kappa, heatCapacity, tilt) = (c.imtKelvin, c.latticeConstant, c.kappa, c.heatCapacity, c.tilt)
        let kB = PhysicalConstants.boltzmann, e = PhysicalConstants.elementaryCharge, hbar = 1.054571817e-34
        let kelvinPerUnit = imtKelvin / imtModel
        let energyEV = kelvinPerUnit * kB / e
        let sigma0 = e * e / (hbar * latticeConstant)
        func phase(_ b: BranchTransport) -> PhaseTable {
            PhaseTable(temperature: b.temperatures.map { $0 * kelvinPerUnit }, resistivity: b.conductivity.map { 1 / ($0 * sigma0) },
                       seebeck: b.seebeck.map { $0 * PhysicalConstants.boltzmannOverCharge },
                       thermalConductivity: .constant(kappa), heatCapacity: .constant(heatCapacity))
        }
        let ins = phase(tab.insulator), met = phase(tab.metal)
        let imtK = ins.temperature.last ?? imtKelvin
        let mitK = tab.metalToInsulator.map { $0 * kelvinPerUnit } ?? imtK
        var notes = [
            "Switching temperatures from Matsubara IPT branches (insulator heated, metal cooled); the real-axis spectra feed the Kubo bubble.",
            String(format: "max |Im G(iw0)| real-vs-Matsubara deviation: insulator %.2e, metal %.2e",
                   tab.insulator.axisDeviation.max() ?? 0, tab.metal.axisDeviation.max() ?? 0),
            "unconverged real-axis solves: insulator \(tab.insulator.unconverged), metal \(tab.metal.unconverged)",
            "real-axis points dropped (left their branch, broadening bias near the spinodal): insulator \(tab.insulator.dropped), metal \(tab.metal.dropped)",
            "calibration preset: \(c.name); measured values of the material: \(c.measured)",
        ]
        if tab.metalToInsulator == nil {
            notes.append(String(format: "The IPT metal cooled from %.5f to %.5f (model units) stays on its branch (no cooling spinodal: the metal spinodal U_c2(T) of the IPT dimer model falls with T); T_MIT_K is set equal to T_IMT_K (single switching temperature, as in PH).", tMax, tMin))
        }
        let meta = TableMetadata(
            model: options.tPerp > 0 ? "dimer-Hubbard (DHM Eq. 2), DMFT+IPT" : "single-orbital Hubbard, DMFT+IPT",
            parameters: ["U": u, "t_perp": options.tPerp, "Gamma": options.gamma, "tilt_lambda": tilt,
                         "T_IMT_model": imtModel, "T_MIT_model": tab.metalToInsulator ?? imtModel,
                         "T_min_model": tMin, "T_max_model": tMax, "metal_T_max_model": metalTMax ?? tMax, "temperatures": Double(count),
                         "frequencies": Double(1 << log2N), "half_width_W": width],
            lattice: options.lattice, energyUnitEV: energyEV, latticeConstantM: latticeConstant, temperatureScaleK: kelvinPerUnit,
            calibration: String(format: "energy unit D = %.4f eV fixed by mapping the kernel's T_IMT = %.5f onto %.1f K; asymmetry lambda = %.3g of the transport function sets the sign and size of S_I; sigma0 = e^2/(hbar a), a = %.3g m; kappa, c constants (scalars).",
                                energyEV, imtModel, imtKelvin, tilt, latticeConstant),
            notes: notes, programVersion: "filament \(FilamentVersion.provenance().versionString)",
            creationCommand: CommandLine.arguments.joined(separator: " "))
        return MaterialTable(insulator: ins, metal: met, insulatorToMetalTemperature: imtK,
                             metalToInsulatorTemperature: min(mitK, imtK), metadata: meta)
    }
}

/// Calibration of a kernel table to a material: the temperature its T_IMT maps onto, the
/// lattice constant of σ = s e²/(ħa), and the constants κ, c the kernel does not compute;
/// `measured` quotes the material's values for comparison.
struct MaterialPreset {
    var name: String
    var imtKelvin: Double
    var latticeConstant: Double
    var kappa: Double
    var heatCapacity: Double
    /// Particle–hole asymmetry λ of the transport function: λ < 0 gives S_I > 0.
    var tilt: Double
    var measured: String

    static let ca2ruo4 = MaterialPreset(
        name: "ca2ruo4", imtKelvin: 357, latticeConstant: 3.9e-10, kappa: 0.13, heatCapacity: 2.0e6, tilt: -3.5,
        measured: "T_IMT ≈ 357 K; rho_I ≈ 0.1 Ohm m, rho_M/rho_I ≈ 0.1, S_I ≈ 400–1000 uV/K, S_M ≈ 0, kappa ≈ 0.13 W/m/K (Chiriacò & Millis, polarity dependent heating at the phase interface)")
    static let vo2 = MaterialPreset(
        name: "vo2", imtKelvin: 340, latticeConstant: 2.85e-10, kappa: 5.0, heatCapacity: 3.0e6, tilt: 3.5,
        measured: "T_IMT ≈ 340 K; rho_I(300 K) ≈ 0.01–0.1 Ohm m, rho_M ≈ 1e-6–1e-5 Ohm m (rho_M/rho_I ≈ 1e-4–1e-5), S_I ≈ −(300–500) uV/K (n-type), kappa ≈ 4–6 W/m/K (Berglund & Guggenheim, Phys. Rev. 185, 1022 (1969), and later film data)")
    static let all = [ca2ruo4, vo2]
}
