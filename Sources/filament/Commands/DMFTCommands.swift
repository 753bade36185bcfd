import ArgumentParser
import Foundation
import Kernels

/// Model options shared by the `filament dmft …` commands (units of the half bandwidth D).
struct ModelOptions: ParsableArguments {
    @Option(help: "Lattice: bethe or square.") var lattice: String = "bethe"
    @Option(name: .customLong("tperp"), help: "Inter-orbital hopping t⊥ (0: single-orbital model).") var tPerp: Double = 0
    @Option(help: "Bath coupling Γ (DHM Eq. 8).") var gamma: Double = 7.5e-4

    func validate() throws {
        guard Lattice(rawValue: lattice) != nil else { throw ValidationError("--lattice must be bethe or square") }
        guard tPerp >= 0, gamma >= 0 else { throw ValidationError("--tperp and --gamma must be ≥ 0") }
    }

    func model(u: Double, temperature: Double) -> HubbardModel {
        HubbardModel(lattice: Lattice(rawValue: lattice) ?? .bethe, interaction: u, interorbitalHopping: tPerp,
                     temperature: temperature, bathCoupling: gamma)
    }
}

struct DMFT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmft",
        abstract: "DMFT–IPT kernels: Hubbard and dimer-Hubbard models (docs/kernels.md).",
        subcommands: [DMFTGImag.self, DMFTCoexistence.self, DMFTCompare.self, DMFTTemperatureSweep.self,
                      DMFTGap.self, DMFTSpectrum.self, DMFTBench.self,
                      DMFTNESS.self, DMFTNESSBranch.self, DMFTNESSPhaseDiagram.self, DMFTNESSTable.self,
                      DMFTNESSCollapse.self])
}

struct DMFTGImag: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gimag", abstract: "Print Im G(iω₀) of the converged Matsubara IPT solution: one line 'U beta ImG(iw0) iterations'.")
    @OptionGroup var options: ModelOptions
    @Option(name: .customShort("u"), help: "Interaction U.") var u: Double
    @Option(help: "Inverse temperature β = 1/T.") var beta: Double
    @Option(help: "Branch seed: metal or insulator.") var branch: String = "metal"

    func validate() throws {
        guard u >= 0, beta > 0 else { throw ValidationError("need U ≥ 0 and β > 0") }
        guard Branch(rawValue: branch) != nil else { throw ValidationError("--branch must be metal or insulator") }
    }

    func run() throws {
        let model = options.model(u: u, temperature: 1 / beta)
        let solver = MatsubaraIPTSolver(count: MatsubaraIPTSolver.count(temperature: model.temperature), temperature: model.temperature)
        let seed = branch == "metal" ? solver.metallicSeed() : solver.insulatingSeed(for: model)
        let sol = solver.solve(model, seed: seed, convergence: Convergence(tolerance: 1e-10, maximumIterations: 5000))
        if !sol.report.converged { FileHandle.standardError.write(Data("warning: not converged, residual \(sol.report.residual)\n".utf8)) }
        print(String(format: "%.6g %.6g %.10f %d", u, beta, sol.imaginaryGreenAtFirstFrequency, sol.report.iterations))
    }
}

struct DMFTCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Solve on the real axis, continue to iω_n, compare with Matsubara IPT.")
    @OptionGroup var options: ModelOptions
    @Option(name: .customShort("u")) var u: Double
    @Option var temperature: Double
    @Option var branch: String = "metal"
    @Option(help: "log2 of the number of real frequencies.") var log2N: Int = 14
    @Option(help: "Half width W of the real grid.") var width: Double = 6
    @Option(help: "Linear mixing weight (0: Anderson).") var linear: Double = 0

    func run() throws {
        let model = options.model(u: u, temperature: temperature)
        let real = RealAxisIPTSolver(grid: RealFrequencyGrid(count: 1 << log2N, halfWidth: width))
        let seed = branch == "metal" ? real.metallicSeed() : real.insulatingSeed(for: model)
        let conv = Convergence(tolerance: 1e-7, maximumIterations: 1500, mixing: linear > 0 ? .linear(linear) : .standard)
        let r = real.solve(model, seed: seed, convergence: conv)
        let mats = MatsubaraIPTSolver(count: MatsubaraIPTSolver.count(temperature: temperature), temperature: temperature)
        let mseed = r.matsubaraSelfEnergy(at: mats.transforms.frequencies)
        let m = mats.solve(model, seed: mseed)
        let c = compareAxes(r, m)
        print(String(format: "real: iters %d res %.2e rho(0) %.5f | mats: iters %d | ImG(iw0) real %.6f mats %.6f maxdev %.2e",
                     r.report.iterations, r.report.residual, r.densityAtFermiLevel, m.report.iterations,
                     c.realImGAtFirst, c.matsubaraImGAtFirst, c.maximumDeviation))
    }
}

struct DMFTCoexistence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coexistence",
        abstract: "Coexistence boundaries from Matsubara IPT branches: one line 'T Uc1 Uc2' per T, then 'critical-end-point T* U*'.")
    @OptionGroup var options: ModelOptions
    @Option(help: "Comma-separated temperatures (units of D).") var temperatures: String = "0.01,0.015,0.02,0.025,0.03"
    @Option(help: "Lowest U of the sweep.") var uMin: Double = 2.0
    @Option(help: "Highest U of the sweep.") var uMax: Double = 3.6
    @Option(help: "U step of the coarse sweep.") var step: Double = 0.02
    @Option(help: "Bisection resolution in U.") var resolution: Double = 1e-3
    @Flag(help: "Skip the search for the critical end point.") var noEndPoint = false

    func temperatureList() throws -> [Double] {
        let list = temperatures.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty, list.allSatisfy({ $0 > 0 }) else { throw ValidationError("--temperatures: positive numbers, comma-separated") }
        return list.sorted()
    }

    func validate() throws {
        _ = try temperatureList()
        guard uMax > uMin, step > 0, resolution > 0 else { throw ValidationError("need u-max > u-min, step > 0") }
    }

    func window(_ t: Double) -> CoexistenceWindow {
        InteractionSweep(template: options.model(u: uMin, temperature: t))
            .coexistence(range: uMin...uMax, step: step, resolution: resolution)
    }

    func run() throws {
        var lastInside: (Double, CoexistenceWindow)? = nil
        var firstOutside: Double? = nil
        for t in try temperatureList() {
            let w = window(t)
            let fmt = { (x: Double?) in x.map { String(format: "%.4f", $0) } ?? "nan" }
            print(String(format: "%.5g", t), fmt(w.lower), fmt(w.upper))
            if w.lower != nil { lastInside = (t, w) } else if firstOutside == nil, lastInside != nil { firstOutside = t }
        }
        guard !noEndPoint else { return }
        guard var (tIn, wIn) = lastInside, var tOut = firstOutside else {
            print("critical-end-point nan nan"); return
        }
        // Bisection in T for the end of the coexistence region (T*, U*).
        while tOut - tIn > 5e-4 {
            let mid = 0.5 * (tIn + tOut), w = window(mid)
            if w.lower != nil { tIn = mid; wIn = w } else { tOut = mid }
        }
        let uStar = 0.5 * ((wIn.lower ?? .nan) + (wIn.upper ?? .nan))
        print(String(format: "critical-end-point %.5g %.4f", 0.5 * (tIn + tOut), uStar))
    }
}

struct DMFTTemperatureSweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tsweep",
        abstract: "Branches in T at fixed U (Matsubara): one line 'U T_IMT(insulator heated) T_MIT(metal heated) T_MIT(metal cooled) T(insulator cooled, turns metallic)' per U (nan: not reached).")
    @OptionGroup var options: ModelOptions
    @Option(help: "Comma-separated U values.") var interactions: String = "2.5,3.25"
    @Option var tMin: Double = 0.0025
    @Option var tMax: Double = 0.04
    @Option var tStep: Double = 0.0025
    @Flag(help: "Also print Im G(iω₀) of both branches at every T.") var verbose = false

    func run() throws {
        let us = interactions.split(separator: ",").compactMap { Double($0) }
        let n = Int(((tMax - tMin) / tStep).rounded()) + 1
        let ts = (0..<n).map { tMin + Double($0) * tStep }
        for u in us {
            let sweep = TemperatureSweep(template: options.model(u: u, temperature: tMin))
            let r = sweep.switchingTemperatures(ts)
            if verbose {
                for i in ts.indices {
                    print(String(format: "# T %.5f insulator-heated %.6f metal-heated %.6f", ts[i],
                                 r.insulator[i].imaginaryGreenAtFirstFrequency, r.metal[i].imaginaryGreenAtFirstFrequency))
                }
            }
            let f = { (x: Double?) in x.map { String(format: "%.5f", $0) } ?? "nan" }
            print(String(format: "%.4g", u), f(r.insulatorOnHeating), f(r.metalOnHeating), f(r.metalOnCooling), f(r.insulatorOnCooling))
        }
    }
}
