import ArgumentParser
import Foundation
import Kernels
import Simulations

/// Sample, disorder and numerics shared by `hf lattice`, `hf iv` and `hf lattice-bench`.
struct LatticeOptions: ParsableArguments {
    @Option(help: "Cut of the sample: 11 (slices are diagonals, 80 x 15 = HF's 1200-site sample) or 10 (rows).")
    var cut: FieldDirection = .diagonal
    @Option(help: "Slices along the field (2...100000).") var length: Int = 80
    @Option(help: "Sites per slice (1...400).") var width: Int = 15
    @Flag(help: "Close the sample transversely (no edges parallel to the field).") var periodic = false
    @Option(name: .customLong("u"), help: "On-site interaction U/t.") var interaction: Double = 4
    @Option(help: "Bulk reservoir coupling Γ/t at every site.") var gamma: Double = 0.01
    @Option(help: "Lead coupling Γ_lead/t on the first and last slice.") var gammaLead: Double = 1
    @Option(name: .customLong("temperature"), help: "Bath and lead temperature T_bath/t.") var bathTemperature: Double = 0
    @Option(help: "Side of a central square metallic island, in lattice sites (0: none).") var island: Int = 0
    @Option(help: "Site energy Δε/t of the island sites.") var islandEnergy: Double = 1.5
    @Option(help: "Impurity concentration c in [0, 1] (impurities on distinct random sites).") var impurities: Double = 0
    @Option(help: "Site energy Δε/t of the impurities.") var impurityEnergy: Double = 1.5
    @Option(help: "Random seed of the impurity positions.") var seed: UInt64 = 1
    @Option(help: "Starting order parameter Δ/t of the Néel seed (default: equilibrium Δ0 at T = 0).") var startGap: Double?
    @Option(help: "Frequency step as a fraction of min(Γ, T_bath).") var step: Double = 0.5
    @Option(help: "Frequency window below the band, in t.") var padding: Double = 5
    @Option(help: "Worker threads for the frequency loop (0: one per core).") var threads: Int = 0
    @Option(help: "Convergence: max |Δn| between iterations.") var tolerance: Double = 1e-6
    @Option(help: "Maximum Hartree–Fock iterations per steady state.") var maxIterations: Int = 200
    @Option(help: "Anderson mixing weight in (0, 1].") var mixing: Double = 0.4

    func validate() throws {
        guard (2...100_000).contains(length) else { throw ValidationError("--length must be in 2...100000, got \(length)") }
        guard (1...400).contains(width) else { throw ValidationError("--width must be in 1...400, got \(width)") }
        guard length * width <= 200_000 else { throw ValidationError("--length × --width must be ≤ 200000 sites, got \(length * width)") }
        guard island >= 0, island <= max(length, width) * 2 else { throw ValidationError("--island must be in 0...\(2 * max(length, width))") }
        guard impurities >= 0, impurities <= 1 else { throw ValidationError("--impurities must be in [0, 1], got \(impurities)") }
        guard maxIterations >= 1, maxIterations <= 100_000 else { throw ValidationError("--max-iterations must be in 1...100000") }
        guard tolerance > 0, tolerance < 1 else { throw ValidationError("--tolerance must be in (0, 1)") }
        guard mixing > 0, mixing <= 1 else { throw ValidationError("--mixing must be in (0, 1]") }
        if let g = startGap, !(g >= 0 && g <= 50) { throw ValidationError("--start-gap must be in [0, 50]") }
        if let reason = try? model().invalidReason { throw ValidationError(reason) }
    }

    func model() throws -> FiniteLatticeModel {
        let sample: LatticeSample
        do { sample = try LatticeSample(cut: cut, length: length, width: width, periodic: periodic) }
        catch { throw ValidationError("\(error)") }
        let a = sample.islandEnergies(size: island, energy: islandEnergy)
        let b = sample.impurityEnergies(concentration: impurities, energy: impurityEnergy, seed: seed)
        return FiniteLatticeModel(sample: sample, interaction: interaction, damping: gamma, leadCoupling: gammaLead,
                                  bathTemperature: bathTemperature, siteEnergies: zip(a, b).map { $0 != 0 ? $0 : $1 },
                                  resolution: LatticeResolution(stepPerDamping: step, padding: padding, threads: threads))
    }

    var iteration: LatticeIteration {
        LatticeIteration(tolerance: tolerance, maximumIterations: maxIterations, mixing: .anderson(depth: 5, weight: mixing))
    }

    var equilibriumGap: Double { EquilibriumMeanField(interaction: interaction).zeroTemperatureGap() }

    func startDensities(_ model: FiniteLatticeModel) -> [[Double]] {
        model.neelDensities(gap: startGap ?? equilibriumGap)
    }
}

/// `filament hf lattice`: one self-consistent steady state of the finite sample, with maps.
struct HFLattice: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lattice",
        abstract: "Finite lattice between leads: one steady state (Δ_r, n_r, T_eff(r), bond currents), maps.")
    @OptionGroup var lattice: LatticeOptions
    @Option(help: "Uniform field E/(t/ea) (sample voltage E·(length−1)·δ).") var field: Double?
    @Option(help: "Generator voltage V_t/t (with --resistance): V_t = V_s + R I.") var vt: Double?
    @Option(help: "Series resistance R in ħ/e² (HF main text: 1.2, HF SI: 0.634).") var resistance: Double = 1.2
    @Option(help: "Probe sites for f(ω): x,y positions in the sample frame separated by ';' (e.g. '0,0;3,-10').")
    var probes: String = ""
    @Option(help: "Output directory for sites.csv, bonds.csv, sites.vtu, distributions.csv, summary.json.") var out: String?
    @Flag(help: "No progress on stderr.") var quiet = false

    func validate() throws {
        guard (field == nil) != (vt == nil) else { throw ValidationError("give exactly one of --field or --vt") }
        if let e = field, !(abs(e) <= 10) { throw ValidationError("--field must be in [−10, 10], got \(e)") }
        if let v = vt, !(abs(v) <= 1e4) { throw ValidationError("--vt must be in [−1e4, 1e4], got \(v)") }
        guard resistance >= 0, resistance <= 1e6 else { throw ValidationError("--resistance must be in [0, 1e6]") }
        _ = try parseProbes(try lattice.model().sample)
    }

    func parseProbes(_ sample: LatticeSample) throws -> [Int] {
        try probes.split(separator: ";").map { item in
            let xy = item.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard xy.count == 2 else { throw ValidationError("--probes: '\(item)' is not 'x,y'") }
            return sample.nearestSite(x: xy[0], y: xy[1])
        }
    }

    func run() throws {
        let model = try lattice.model()
        let probeSites = try parseProbes(model.sample)
        let progress = ProgressReporter(quiet: quiet)
        let bias: LatticeBias = field.map { .field($0) } ?? .circuit(totalVoltage: vt!, resistance: resistance)
        let start = Date()
        let state: LatticeSteadyState
        do {
            state = try model.solve(bias: bias, start: lattice.startDensities(model),
                                    startField: (vt ?? 0) / model.effectiveLength,
                                    iteration: lattice.iteration, probes: probeSites) { k, r in
                let elapsed = Date().timeIntervalSince(start)
                progress.report(String(format: "hf lattice: iteration %d/%d  residual %.2e  %.1f s", k,
                                       lattice.maxIterations, r, elapsed))
            }
        } catch { throw ValidationError("\(error)") }
        let seconds = Date().timeIntervalSince(start)
        let line = LatticeReport.summaryLine(state, seconds: seconds)
        print(line)
        if let out {
            let dir = URL(fileURLWithPath: out)
            try LatticeMapWriter.write(state, model: model, probes: probeSites, to: dir)
            try LatticeReport.writeSummary(state, model: model, options: lattice, seconds: seconds,
                                           to: dir.appendingPathComponent("summary.json"))
        }
        if !state.converged {
            throw ValidationError(String(format: "not converged after %d iterations (residual %.2e, conservation %.2e); maps written for inspection",
                                         state.iterations, state.residual, state.conservationResidual))
        }
    }
}

/// Text and JSON summaries of a steady state.
enum LatticeReport {
    static func summaryLine(_ s: LatticeSteadyState, seconds: Double) -> String {
        String(format: "E=%.6g V_s=%.6g I=%.6e mean|Delta|=%.6f mean_Teff=%.6f leak=%.2e power=%.6e heat=%.6e conservation=%.1e iterations=%d converged=%@ frequencies=%d seconds=%.1f",
               s.field, s.sampleVoltage, s.current, s.meanAbsoluteOrder, s.meanEffectiveTemperature, s.bulkLeak,
               s.electricalPower, s.totalHeat, s.conservationResidual, s.iterations, s.converged ? "yes" : "no",
               s.frequencyCount, seconds)
    }

    static func writeSummary(_ s: LatticeSteadyState, model: FiniteLatticeModel, options: LatticeOptions,
                             seconds: Double, to url: URL) throws {
        let summary: [String: Any] = [
            "units": "model units: t = hbar = e = a = k_B = 1; currents are particle currents (both spins) along +y",
            "cut": model.sample.cut.rawValue, "length": model.sample.length, "width": model.sample.width,
            "periodic": model.sample.periodic, "U": model.interaction, "gamma": model.damping,
            "gamma_lead": model.leadCoupling, "T_bath": model.bathTemperature, "island": options.island,
            "impurity_concentration": options.impurities, "seed": options.seed,
            "field": s.field, "sample_voltage": s.sampleVoltage, "total_voltage": s.totalVoltage as Any,
            "resistance": s.resistance as Any, "current": s.current, "injected_current": s.injectedCurrent,
            "extracted_current": s.extractedCurrent, "bulk_leak": s.bulkLeak, "electrical_power": s.electricalPower,
            "heat_into_reservoirs": s.totalHeat, "conservation_residual": s.conservationResidual,
            "mean_abs_delta": s.meanAbsoluteOrder, "mean_teff": s.meanEffectiveTemperature,
            "iterations": s.iterations, "residual": s.residual, "converged": s.converged,
            "frequency_step": s.frequencyStep, "frequency_count": s.frequencyCount, "wall_seconds": seconds,
        ]
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys])
        try LatticeMapWriter.atomic(String(decoding: data, as: UTF8.self) + "\n", url)
    }
}

/// `filament hf iv`: the V_t ramp up and down through V_t = V_s + R I (HF Fig. 3, SI Eqs. 3–5).
struct HFIV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iv",
        abstract: "I–V loop of the finite lattice: V_t up then down with a series resistor, switching events, maps.")
    @OptionGroup var lattice: LatticeOptions
    @Option(help: "Generator voltages V_t/t, increasing: a:b:n or a list.") var vt = ValueList(argument: "1:20:20")!
    @Option(help: "Series resistance R in ħ/e² (HF main text: 1.2, HF SI: 0.634).") var resistance: Double = 1.2
    @Option(help: "Change of the sample-mean |Δ| that counts as a switching event.") var switchThreshold: Double = 0.1
    @Option(help: "Bisections in V_t that locate each switching event.") var refine: Int = 3
    @Option(help: "Write maps at these V_t values (both legs), ',' separated.") var mapsAt: String = ""
    @Option(help: "Output directory (iv.csv, events.csv, failures.csv, maps-<leg>-<V_t>/…).") var out: String = "hf-iv"
    @Flag(help: "No progress on stderr.") var quiet = false

    func validate() throws {
        let v = vt.values
        guard !v.isEmpty, zip(v, v.dropFirst()).allSatisfy({ $0 < $1 }) else { throw ValidationError("--vt must be strictly increasing") }
        guard v.allSatisfy({ abs($0) <= 1e4 }) else { throw ValidationError("--vt values must be in [−1e4, 1e4]") }
        guard resistance >= 0, resistance <= 1e6 else { throw ValidationError("--resistance must be in [0, 1e6]") }
        guard switchThreshold > 0 else { throw ValidationError("--switch-threshold must be > 0") }
        guard (0...20).contains(refine) else { throw ValidationError("--refine must be in 0...20") }
        _ = try mapVoltages()
    }

    func mapVoltages() throws -> [Double] {
        try mapsAt.split(separator: ",").map { item in
            guard let x = Double(item.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--maps-at: '\(item)' is not a number") }
            return x
        }
    }

    func run() throws {
        let model = try lattice.model()
        let dir = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let progress = ProgressReporter(quiet: quiet)
        let loop = LatticeVoltageLoop(model: model, resistance: resistance, iteration: lattice.iteration,
                                      switchThreshold: switchThreshold, refinements: refine)
        let wanted = try mapVoltages()
        let start = Date()
        var mapError: Error? = nil
        let result: LatticeVoltageLoop.Result
        do {
            var partial = LatticeVoltageLoop.Result()
            result = try loop.run(voltages: vt.values, start: lattice.startDensities(model), visit: { point, state in
                // iv.csv grows with every converged step, so an interrupted loop keeps its points.
                partial.points.append(point)
                do { try write(partial, to: dir, model: model) } catch { mapError = error }
                guard wanted.contains(where: { abs($0 - point.totalVoltage) < 1e-9 }) else { return }
                let name = String(format: "maps-%@-%g", point.leg.rawValue, point.totalVoltage)
                do { try LatticeMapWriter.write(state, model: model, probes: [], to: dir.appendingPathComponent(name)) }
                catch { mapError = error }
            }, progress: { done, total in
                guard done > 0 else { return }
                let elapsed = Date().timeIntervalSince(start)
                let left = elapsed / Double(done) * Double(total - done)
                progress.report(String(format: "hf iv: %d/%d V_t steps (%.0f %%), %.0f s elapsed, ~%.0f s left",
                                       done, total, 100 * Double(done) / Double(total), elapsed, left))
            })
        } catch { throw ValidationError("\(error)") }
        if let mapError { throw mapError }
        try write(result, to: dir, model: model)
        print(String(format: "hf iv: %d converged points, %d switching events, %d failed steps, %.0f s; tables in %@",
                     result.points.count, result.events.count, result.failures.count,
                     Date().timeIntervalSince(start), dir.path))
        for e in result.events {
            print(String(format: "switch (%@): V_t in (%.6g, %.6g]  mean|Delta| %.4f -> %.4f  I %.6e -> %.6e",
                         e.leg.rawValue, e.lastOldVoltage, e.firstNewVoltage, e.orderBefore, e.orderAfter,
                         e.currentBefore, e.currentAfter))
        }
        for f in result.failures { FileHandle.standardError.write(Data("failed step (\(f.leg.rawValue)) V_t=\(f.totalVoltage): \(f.reason)\n".utf8)) }
        if !result.failures.isEmpty {
            throw ValidationError("\(result.failures.count) V_t step(s) failed (listed above and in failures.csv); the converged points are in iv.csv")
        }
    }

    private func write(_ r: LatticeVoltageLoop.Result, to dir: URL, model: FiniteLatticeModel) throws {
        let f = LatticeMapWriter.f
        var iv = "# I-V loop, model units (t = hbar = e = a = 1): V in t/e, I in e t/hbar (particles, both spins), E in t/(e a); R = \(resistance)\n"
        iv += "leg,V_t,I,V_s,E,mean_abs_delta,mean_teff,iterations,refinement\n"
        for p in r.points {
            iv += "\(p.leg.rawValue),\(f(p.totalVoltage)),\(f(p.current)),\(f(p.sampleVoltage)),\(f(p.field)),"
            iv += "\(f(p.meanAbsoluteOrder)),\(f(p.meanEffectiveTemperature)),\(p.iterations),\(p.refinement ? 1 : 0)\n"
        }
        try LatticeMapWriter.atomic(iv, dir.appendingPathComponent("iv.csv"))
        var events = "leg,last_old_V_t,first_new_V_t,delta_before,delta_after,I_before,I_after\n"
        for e in r.events {
            events += "\(e.leg.rawValue),\(f(e.lastOldVoltage)),\(f(e.firstNewVoltage)),\(f(e.orderBefore)),\(f(e.orderAfter)),"
            events += "\(f(e.currentBefore)),\(f(e.currentAfter))\n"
        }
        try LatticeMapWriter.atomic(events, dir.appendingPathComponent("events.csv"))
        var failures = "leg,V_t,reason\n"
        for x in r.failures { failures += "\(x.leg.rawValue),\(f(x.totalVoltage)),\"\(x.reason)\"\n" }
        try LatticeMapWriter.atomic(failures, dir.appendingPathComponent("failures.csv"))
    }
}

/// `filament hf lattice-bench`: wall time of one Hartree–Fock iteration and of one converged
/// steady state (release build).
struct HFLatticeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lattice-bench", abstract: "Time one HF iteration and one steady state of the finite lattice.")
    @OptionGroup var lattice: LatticeOptions
    @Option(help: "Field E/(t/ea).") var field: Double = 0.34
    @Flag(help: "Also time a full self-consistent steady state.") var full = false

    func run() throws {
        let model = try lattice.model()
        let start = lattice.startDensities(model)
        let t0 = Date(), c0 = clock()
        let one = try model.solve(bias: .field(field), start: start,
                                  iteration: LatticeIteration(tolerance: 1e-300, maximumIterations: 1))
        let seconds = Date().timeIntervalSince(t0)
        let cpu = Double(clock() - c0) / Double(CLOCKS_PER_SEC)
        let s = model.sample
        print(String(format: "sites=%d slices=%d width=%d frequencies=%d step=%.4g one_iteration_seconds=%.2f cpu_seconds=%.2f per_slice_per_frequency_us=%.2f",
                     s.siteCount, s.length, s.width, one.frequencyCount, one.frequencyStep, seconds, cpu,
                     1e6 * cpu / Double(2 * s.length * one.frequencyCount)))
        guard full else { return }
        let t1 = Date()
        let state = try model.solve(bias: .field(field), start: start, iteration: lattice.iteration)
        print(LatticeReport.summaryLine(state, seconds: Date().timeIntervalSince(t1)))
    }
}
