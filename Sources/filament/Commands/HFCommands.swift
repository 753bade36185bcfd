import ArgumentParser
import IO
import Foundation
import Kernels

/// `filament hf …`: the Hartree–Fock driven-dissipative Hubbard kernel (HF paper 003).
struct HFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hf",
        abstract: "Hartree–Fock driven-dissipative Hubbard kernel: gap, branches, T_eff.",
        subcommands: [HFGap.self, HFState.self, HFScan.self, HFBranch.self, HFLandauZener.self,
                      HFEffectiveTemperature.self, HFEffectiveTemperatureTable.self, HFBench.self,
                      HFLattice.self, HFIV.self, HFLatticeBench.self]
    )
}

/// Options shared by the nonequilibrium commands.
struct DriveOptions: ParsableArguments {
    @Option(name: .customLong("u"), help: "On-site interaction U/t.") var interaction: Double = 4
    @Option(help: "Bath coupling Γ/t.") var gamma: Double = 0.01
    @Option(name: .customLong("temperature"), help: "Bath temperature T_bath/t.") var bathTemperature: Double = 0
    @Option(help: "Field direction: 10 or 11.") var direction: FieldDirection = .diagonal
    @Option(help: "Frequency step as a fraction of Γ.") var step: Double = 0.5
    @Option(help: "Transverse-momentum nodes (64 converges Γ ≳ 0.05; Γ = 0.01 needs ~256 near folds).") var nodes: Int = 64

    func lattice(field: Double) -> DrivenHubbardLattice {
        DrivenHubbardLattice(interaction: interaction, field: field, direction: direction,
                             bathTemperature: bathTemperature, damping: gamma,
                             resolution: SpectralResolution(stepPerDamping: step, transverseNodes: nodes))
    }

    func validate() throws {
        guard interaction > 0, gamma > 0, bathTemperature >= 0, step > 0, nodes > 0 else {
            throw ValidationError("need U > 0, Γ > 0, T_bath ≥ 0, step > 0, nodes > 0")
        }
        try checkingOptions { try InputLimits.count(nodes, 1...65_536, "--nodes") }
    }
}

extension FieldDirection: ExpressibleByArgument {}

/// `filament hf gap --u 4`: equilibrium Δ0 (T = 0) and mean-field T_N on one line.
struct HFGap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gap", abstract: "Equilibrium (E = 0, Γ → 0) Δ0 and T_N for U/t, one line.")
    @Option(name: .customLong("u"), help: "On-site interaction U/t.") var interaction: Double = 4

    func validate() throws {
        guard interaction > 0 else { throw ValidationError("U must be > 0") }
        try checkingOptions { try InputLimits.count(curve, 0...100_000, "--curve") }
    }

    @Option(help: "Also print Δ(T) at this many temperatures in [0, 1.2 T_N].") var curve: Int = 0

    func run() throws {
        let model = EquilibriumMeanField(interaction: interaction)
        let d0 = model.zeroTemperatureGap()
        let tn = model.neelTemperature()
        print(String(format: "U/t=%.6g Delta0/t=%.6f T_N/t=%.6f", interaction, d0, tn))
        for i in 0..<max(0, curve) {
            let t = 1.2 * tn * Double(i) / Double(max(1, curve - 1))
            print(String(format: "T=%.6f Delta=%.6f", t, model.gap(temperature: t)))
        }
    }
}

/// `filament hf state`: all observables at one (not necessarily self-consistent) Δ.
struct HFState: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state", abstract: "Steady-state observables at a given Δ and E.")
    @OptionGroup var drive: DriveOptions
    @Option(help: "Field E (units t/ea).") var field: Double = 0.1
    @Option(help: "Order parameter Δ/t.") var delta: Double = 0
    @Flag(help: "Also print ω, A(ω), f(ω).") var spectrum = false

    func validate() throws {
        guard field > 0 else { throw ValidationError("--field must be > 0 (E = 0: use `hf gap` / `hf scan --field 0`)") }
    }

    func run() throws {
        let s = drive.lattice(field: field).steadyState(gap: delta)
        print(String(format: "Delta=%.6f F=%.8f J=%.6e Pex=%.6e Teff=%.6f nA=%.6f nB=%.6f leak=%.2e jE=%.6e bath=%.6e",
                     s.gap, s.meanField, s.currentDensity, s.excitationCount, s.effectiveTemperature,
                     s.densityA, s.densityB, s.particleLeak, s.jouleHeating, s.bathHeating))
        if spectrum {
            let f = s.distribution
            for j in stride(from: 0, to: s.frequencies.count, by: max(1, s.frequencies.count / 400)) {
                print(String(format: "%.5f %.6e %.6e", s.frequencies[j], s.spectralFunction[j], f[j]))
            }
        }
    }
}

/// `filament hf scan`: the mean-field map F(Δ) − Δ on a Δ grid, and its roots.
struct HFScan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Print F(Δ) − Δ on a grid and all solutions (HF Fig. 1a–b).")
    @OptionGroup var drive: DriveOptions
    @Option(help: "Field E (units t/ea).") var field: Double = 0.1
    @Option(help: "Scan points on (0, U/2].") var points: Int = 24

    func validate() throws {
        guard field >= 0, points >= 2 else { throw ValidationError("need --field ≥ 0 and --points ≥ 2") }
        try checkingOptions { try InputLimits.count(points, 2...100_000, "--points") }
    }

    func run() throws {
        if field == 0 { return equilibriumScan() }
        let solver = MeanFieldSolver(lattice: drive.lattice(field: field), scanPoints: points)
        for i in 0...points {
            let d = 0.5 * drive.interaction * Double(i) / Double(points)
            print(String(format: "Delta=%.5f F-Delta=%+.6e", d, solver.lattice.meanFieldMap(gap: d) - d))
        }
        for s in solver.solutions() {
            print(String(format: "solution Delta=%.7f slope=%.4f %@", s.gap, s.slope, s.stability.rawValue))
        }
    }

    /// E = 0: the Γ → 0 equilibrium map F(Δ; T_bath) (HF Fig. 1a).
    private func equilibriumScan() {
        let model = EquilibriumMeanField(interaction: drive.interaction)
        for i in 0...points {
            let d = 0.5 * drive.interaction * Double(i) / Double(points)
            let f = model.meanFieldMap(gap: d, temperature: drive.bathTemperature)
            print(String(format: "Delta=%.5f F-Delta=%+.6e", d, f - d))
        }
        let gap = model.gap(temperature: drive.bathTemperature)
        print(String(format: "solution Delta=%.7f (equilibrium, Gamma -> 0)", gap))
    }
}
