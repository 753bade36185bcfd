import ArgumentParser
import Foundation
import Kernels
import Materials

/// `filament tabulate`: DMFT–IPT branches in T → Kubo ρ(T), S(T) per phase → material table.
struct Tabulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tabulate",
        abstract: "Write a material table (JSON, format_version 1) from the DMFT–IPT kernels (docs/kernels.md).")
    @OptionGroup var options: ModelOptions
    @Option(name: .customShort("u"), help: "Interaction U (units of D).") var u: Double = 2.5
    @Option(help: "Particle–hole asymmetry λ of the transport function (D_λ ∝ D e^{−λε}).") var tilt: Double = -3.5
    @Option(help: "Lowest model temperature.") var tMin: Double = 0.013
    @Option(help: "Highest model temperature.") var tMax: Double = 0.032
    @Option(help: "Number of temperatures.") var count: Int = 40
    @Option(help: "log2 of the number of real frequencies.") var log2N: Int = 14
    @Option(help: "Half width W of the real-frequency grid.") var width: Double = 6
    @Option(help: "Calibration: T_IMT of the kernel is mapped onto this temperature (K).") var imtKelvin: Double = 357
    @Option(help: "Lattice constant a (m): σ = s·e²/(ħa).") var latticeConstant: Double = 3.9e-10
    @Option(help: "Thermal conductivity κ (W/m/K), both phases.") var kappa: Double = 0.13
    @Option(help: "Volumetric heat capacity c (J/m³/K), both phases.") var heatCapacity: Double = 2.0e6
    @Option(name: .shortAndLong, help: "Output file.") var output: String = "material-table.json"

    func validate() throws {
        guard count >= 4, tMax > tMin, tMin > 0 else { throw ValidationError("need count ≥ 4 and 0 < t-min < t-max") }
        guard (10...18).contains(log2N) else { throw ValidationError("--log2-n must lie in 10…18") }
        guard imtKelvin > 0, latticeConstant > 0, kappa > 0, heatCapacity > 0 else { throw ValidationError("calibration values must be > 0") }
    }

    func run() throws {
        let started = Date()
        let temps = (0..<count).map { tMin + (tMax - tMin) * Double($0) / Double(count - 1) }
        let model = options.model(u: u, temperature: tMin)
        let tab = BranchTabulator(template: model, grid: RealFrequencyGrid(count: 1 << log2N, halfWidth: width),
                                  transport: KuboTransport(function: TransportFunction(lattice: model.lattice, tilt: tilt)))
            .tabulate(temperatures: temps)
        guard let imt = tab.insulatorToMetal else {
            throw ValidationError("the insulator survives heating to t-max = \(tMax): no T_IMT in range, widen it")
        }
        let table = try makeTable(tab, imtModel: imt)
        try table.write(to: URL(fileURLWithPath: output))
        let kPerUnit = table.metadata.temperatureScaleK
        print(String(format: "wrote %@: T_IMT %.2f K (model %.5f), T_MIT %.2f K, S_I(300 K) %.1f µV/K, rho_I(300 K) %.3g Ohm m, rho_M(%.0f K) %.3g Ohm m, %.1f s",
                     output, table.insulatorToMetalTemperature, imt, table.metalToInsulatorTemperature,
                     table.material(name: "").insulator.seebeck(at: 300) * 1e6,
                     table.material(name: "").insulator.resistivity(at: 300), tMax * kPerUnit,
                     table.material(name: "").metal.resistivity(at: tMax * kPerUnit), Date().timeIntervalSince(started)))
    }

    /// SI conversion: E₀ = k_B·T_IMT[K]/T_IMT[model] (eV), T[K] = T·E₀/k_B, σ = s·e²/(ħa),
    /// S = S̃·k_B/e.
    func makeTable(_ tab: TwoBranchTabulation, imtModel: Double) throws -> MaterialTable {
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
        ]
        if tab.metalToInsulator == nil {
            notes.append("The IPT metal survives cooling to the lowest tabulated T (no spinodal in range); T_MIT_K is set equal to T_IMT_K (single switching temperature, as in PH).")
        }
        let meta = TableMetadata(
            model: options.tPerp > 0 ? "dimer-Hubbard (DHM Eq. 2), DMFT+IPT" : "single-orbital Hubbard, DMFT+IPT",
            parameters: ["U": u, "t_perp": options.tPerp, "Gamma": options.gamma, "tilt_lambda": tilt,
                         "T_IMT_model": imtModel, "frequencies": Double(1 << log2N), "half_width_W": width],
            lattice: options.lattice, energyUnitEV: energyEV, latticeConstantM: latticeConstant, temperatureScaleK: kelvinPerUnit,
            calibration: String(format: "energy unit D = %.4f eV fixed by mapping the kernel's T_IMT = %.5f onto %.1f K; asymmetry lambda = %.3g of the transport function sets S_I > 0; sigma0 = e^2/(hbar a), a = %.3g m; kappa, c constants (scalars).",
                                energyEV, imtModel, imtKelvin, tilt, latticeConstant),
            notes: notes, programVersion: "filament \(FilamentVersion.string)",
            creationCommand: CommandLine.arguments.joined(separator: " "))
        return MaterialTable(insulator: ins, metal: met, insulatorToMetalTemperature: imtK,
                             metalToInsulatorTemperature: min(mitK, imtK), metadata: meta)
    }
}
