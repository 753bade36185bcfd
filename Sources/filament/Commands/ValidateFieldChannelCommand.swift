import ArgumentParser
import Foundation
import IO
import Materials
import Solvers
import Simulations

/// `filament validate field-channel FILE`: the same geometry with the field channel off and on.
/// Without `--sweep-peak` one steady solve each; with it a source-voltage sweep up and down
/// through a load resistor each, written as CSV plus a Markdown report (switching voltages,
/// lattice temperature at switching, field-switched cells). Checks: energy balance of every
/// point ≤ 1e-8, no failed sweep step, the channel-off run's table checks.
struct ValidateFieldChannel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "field-channel",
        abstract: "Run one geometry with the field-driven T_eff channel off and on (one solve, or a hysteresis sweep) and report the difference.")

    @Argument(help: "Geometry file.") var file: String = "geometries/slab-uniform-current.toml"
    @Option(help: "T_eff table (default: the file's [field_channel] table, else the HF table).") var table: String?
    @Option(name: .customLong("sweep-peak"), help: "Sweep the source voltage V_t of the last electrode 0 → PEAK → 0 (V).") var sweepPeak: Double?
    @Option(help: "Sweep steps per branch.") var steps: Int = 40
    @Option(help: "Series load resistor R (Ω) of the swept electrode.") var load: Double = 0
    @Option(help: "Output directory for the sweep CSVs and report.") var out: String = "validation/reports/field-channel"
    @Flag(help: "No progress on stderr.") var quiet = false

    func validate() throws {
        if let p = sweepPeak { guard p > 0 else { throw ValidationError("--sweep-peak must be > 0 V (got \(p))") } }
        guard (2...10_000).contains(steps) else { throw ValidationError("--steps must lie in 2…10000 (got \(steps))") }
        guard load >= 0 else { throw ValidationError("--load must be ≥ 0 Ω (got \(load))") }
    }

    func run() throws {
        let device = try reportingErrors { try GeometryFile.load(URL(fileURLWithPath: file)) }
        var problem = device.problem
        let channel: any EffectiveTemperatureModel
        if let table {
            channel = try reportingErrors { try TableEffectiveTemperature(url: URL(fileURLWithPath: table)) }
        } else if let own = problem.fieldDrivenSwitching {
            channel = own
        } else {
            channel = try TableEffectiveTemperature(url: URL(fileURLWithPath: "geometries/tables/hf-teff-U4-G0.05-11.json"))
        }
        let progress = ProgressReporter(quiet: quiet)
        print("geometry \(file); field channel \(channel.name)")
        guard let peak = sweepPeak else { return try single(device, channel: channel, progress: progress) }
        let plan = SweepPlan(quantity: .sourceVoltage, peak: peak, steps: steps, loadResistance: load,
                             drivenElectrode: problem.electrodes.count - 1)
        // A sweep that stops (no converged state at some drive) is reported, not hidden.
        var results: [(String, SweepResult?, String?)] = []
        for (name, on) in [("off", false), ("on", true)] {
            problem.fieldDrivenSwitching = on ? channel : nil
            progress.report("sweep with the channel \(name)")
            do {
                results.append((name, try SweepRunner(plan: plan, progress: progress).run(problem: problem), nil))
            } catch {
                results.append((name, nil, "\(error)"))
            }
        }
        let directory = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for case let (name, r?, _) in results {
            try AtomicFile.write(r.csv, to: directory.appendingPathComponent("sweep_channel_\(name).csv"))
            try AtomicFile.write(r.eventsCSV, to: directory.appendingPathComponent("events_channel_\(name).csv"))
        }
        let (report, failures) = FieldChannelReport.markdown(file: file, channel: channel.name, plan: plan, runs: results)
        try AtomicFile.write(report, to: directory.appendingPathComponent("report.md"))
        print(report)
        if !failures.isEmpty { throw ValidationFailed(failures: failures) }
    }

    func single(_ device: DeviceCase, channel: any EffectiveTemperatureModel, progress: ProgressReporter) throws {
        var problem = device.problem
        func solve() throws -> SteadySolution {
            let solver = try SteadyStateSolver(problem: problem)
            solver.progress = { progress.detail($0) }
            return try reportingErrors { try DriveRamp(steps: device.rampSteps, progress: progress).solve(solver) }
        }
        problem.fieldDrivenSwitching = nil
        let off = try solve()
        problem.fieldDrivenSwitching = channel
        let on = try solve()
        let switching = on.fieldSwitching!
        print("quantity                 | channel off      | channel on")
        for (name, a, b) in [("current (A)", off.current, on.current), ("voltage (V)", off.voltage, on.voltage),
                             ("T max (K)", off.maximumTemperature, on.maximumTemperature),
                             ("metal fraction", off.metalFraction, on.metalFraction),
                             ("energy balance", off.energyBalanceRelativeError, on.energyBalanceRelativeError)] {
            print(name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: " | %-16.8g | %-16.8g", a, b))
        }
        let dT = zip(off.state.temperature, on.state.temperature).map { abs($0 - $1) }.max() ?? 0
        print(String(format: "max |ΔT| between the runs: %.3e K; field-switched cells: %d; max T_eff − T: %.3e K; max |E|: %.3e V/m",
                     dT, switching.cells, switching.maxExcess, switching.maxField))
    }
}

/// The sweep comparison as Markdown, and the checks it failed.
enum FieldChannelReport {
    static func markdown(file: String, channel: String, plan: SweepPlan, runs: [(String, SweepResult?, String?)])
        -> (String, [String]) {
        var s = "# Field channel on/off: \(file)\n\nT_eff table: \(channel). Source-voltage sweep 0 → \(plan.peak) V → 0 in \(plan.steps) steps per branch, load R = \(plan.loadResistance) Ω.\n\n"
        s += "| run | points | loop area (W) | worst energy balance | steps retried | sweep |\n|---|---|---|---|---|---|\n"
        var failures: [String] = []
        var events = "\n| run | event | branch | V_t before → after (V) | V_s before → after (V) | I before → after (A) | metal fraction after | T_max before → after (K) |\n|---|---|---|---|---|---|---|---|\n"
        for (short, result, error) in runs {
            let name = "channel \(short)"
            guard let r = result else {
                s += "| \(name) | — | — | — | — | stopped: \(error ?? "") |\n"
                failures.append("\(name): the sweep stopped")
                continue
            }
            s += String(format: "| %@ | %d | %.3e | %.1e | %d | complete |\n", name, r.rows.count, r.loopArea,
                        r.worstEnergyBalanceError, r.failures.count)
            if r.worstEnergyBalanceError > 1e-8 { failures.append("\(name): energy balance \(r.worstEnergyBalanceError) > 1e-8") }
            for e in r.events {
                events += String(format: "| %@ | %@ %@ | %@ | %.5g → %.5g | %.5g → %.5g | %.4g → %.4g | %.3g | %.2f → %.2f |\n",
                                 name, e.kind.rawValue, e.direction.rawValue, e.branch.rawValue,
                                 e.before.sourceVoltage, e.after.sourceVoltage, e.before.sampleVoltage, e.after.sampleVoltage,
                                 e.before.current, e.after.current, e.after.metalFraction,
                                 e.before.maximumTemperature, e.after.maximumTemperature)
            }
        }
        s += events
        s += "\nA `jump` with metal fraction 0 after it is a thermal runaway of the insulator (activated ρ_I(T) with Joule heating), not a phase switch. Columns of the CSVs: see `filament sweep` (docs/sweeps.md). Energy balance |P − Q_out|/P over points with drive ≥ 1 % of the peak. Steps retried: solves that failed and were redone with a smaller increment.\n"
        s += failures.isEmpty ? "\n**PASS**\n" : "\n**FAIL**: " + failures.joined(separator: "; ") + "\n"
        return (s, failures)
    }
}
