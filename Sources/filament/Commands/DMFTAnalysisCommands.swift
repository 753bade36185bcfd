import ArgumentParser
import Foundation
import Kernels

struct DMFTGap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gap",
        abstract: "Gap Δ of the real-axis dimer insulator vs t⊥ (DHM Fig. 3b): 'tperp Delta' lines, then 'fit intercept slope R2'.")
    @Option(name: .customShort("u")) var u: Double = 3.5
    @Option var temperature: Double = 2.5e-3
    @Option var gamma: Double = 7.5e-4
    @Option var lattice: String = "square"
    @Option(help: "Comma-separated t⊥ values.") var tperps: String = "0.2,0.25,0.3,0.35,0.4,0.45,0.5"
    @Option(help: "Gap edges where ρ_loc reaches this multiple of ρ_loc(0).") var factor: Double = 10

    func run() throws {
        let values = tperps.split(separator: ",").compactMap { Double($0) }
        let solver = RealAxisIPTSolver()
        var xs: [Double] = [], ys: [Double] = []
        var seed: BandPair<[Complex]>? = nil
        for tp in values {
            let m = HubbardModel(lattice: Lattice(rawValue: lattice) ?? .square, interaction: u, interorbitalHopping: tp,
                                 temperature: temperature, bathCoupling: gamma)
            let s = solver.solve(m, seed: seed ?? solver.insulatingSeed(for: m))
            seed = s.selfEnergy
            let d = s.gapWidth(factor: factor)
            print(String(format: "%.4f %@", tp, d.map { String(format: "%.5f", $0) } ?? "nan"))
            if let d { xs.append(tp); ys.append(d) }
        }
        if xs.count >= 2 {
            let f = linearFit(xs, ys)
            print(String(format: "fit %.5f %.5f %.6f", f.intercept, f.slope, f.r2))
        }
    }
}

struct DMFTSpectrum: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectrum", abstract: "Real-axis local DOS: lines 'omega rho(omega)' (every k-th point).")
    @OptionGroup var options: ModelOptions
    @Option(name: .customShort("u")) var u: Double
    @Option var temperature: Double
    @Option var branch: String = "metal"
    @Option(help: "Print every k-th frequency.") var every: Int = 8

    func run() throws {
        let m = options.model(u: u, temperature: temperature)
        let solver = RealAxisIPTSolver()
        let s = solver.solve(m, seed: branch == "metal" ? solver.metallicSeed() : solver.insulatingSeed(for: m))
        let w = s.grid.frequencies, rho = s.localDensity
        for i in stride(from: 0, to: w.count, by: max(1, every)) { print(String(format: "%.6f %.6e", w[i], rho[i])) }
    }
}

/// Process CPU seconds (wall time alone overstates the cost on a shared machine).
func cpuSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }

struct DMFTBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Speed numbers (build with -c release): one IPT solve on 2^14 frequencies; a 40-T two-branch table.")

    func run() throws {
        let solver = RealAxisIPTSolver(grid: RealFrequencyGrid(count: 1 << 14, halfWidth: 6))
        let cases: [(String, HubbardModel, Branch)] = [
            ("SOHM Bethe metal U=2 T=0.02", HubbardModel(interaction: 2, temperature: 0.02, bathCoupling: 7.5e-4), .metal),
            ("SOHM Bethe insulator U=3 T=0.01 Gamma=2e-3", HubbardModel(interaction: 3, temperature: 0.01, bathCoupling: 2e-3), .insulator),
            ("DHM square insulator U=2.5 t⊥=0.3 T=0.01", HubbardModel(lattice: .square, interaction: 2.5, interorbitalHopping: 0.3,
                                                                    temperature: 0.01, bathCoupling: 7.5e-4), .insulator),
        ]
        for (name, m, b) in cases {
            let t0 = Date(), c0 = cpuSeconds()
            let s = solver.solve(m, seed: b == .metal ? solver.metallicSeed() : solver.insulatingSeed(for: m))
            print(String(format: "solve 2^14 %@: %.3f s (cpu %.3f s), %d iterations, residual %.1e, converged %@", name,
                         Date().timeIntervalSince(t0), cpuSeconds() - c0, s.report.iterations, s.report.residual,
                         s.report.converged ? "yes" : "no"))
        }
        let t0 = Date(), c0 = cpuSeconds()
        let temps = (0..<40).map { 0.013 + 0.019 * Double($0) / 39 }
        let model = HubbardModel(lattice: .square, interaction: 2.5, interorbitalHopping: 0.3, temperature: 0.013, bathCoupling: 7.5e-4)
        let tab = BranchTabulator(template: model, grid: RealFrequencyGrid(count: 1 << 14, halfWidth: 6),
                                  transport: KuboTransport(function: TransportFunction(lattice: .square, tilt: -3.5)))
            .tabulate(temperatures: temps)
        print(String(format: "table 40 T x 2 branches (DHM square U=2.5, 2^14 freqs): %.2f s (cpu %.2f s; insulator %d T, metal %d T)",
                     Date().timeIntervalSince(t0), cpuSeconds() - c0, tab.insulator.temperatures.count, tab.metal.temperatures.count))
    }
}
