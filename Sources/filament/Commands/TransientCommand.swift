import ArgumentParser
import Foundation
import IO
import Mesh
import Simulations
import Solvers

/// `filament transient`: a drive waveform on a built-in device, integrated implicitly in time;
/// writes the time series as CSV, snapshots as a series (`snapshots.pvd` + `.vtu`, t = 0
/// included) and `summary.json`.
struct TransientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transient",
        abstract: "Transient run with a drive waveform (backward Euler or BDF2, step control, .pvd snapshots).")

    @OptionGroup var device: DeviceOptions

    @Option(help: "Driven quantity: current or source_voltage.")
    var quantity: String = "current"

    @Option(help: "Waveform (SI): constant:V | step:BEFORE,AFTER,T | ramp:FROM,TO,T0,T1 | pulse:BASE,AMP,START,WIDTH,RISE | pwl:T0,V0,T1,V1,...")
    var waveform: String

    @Option(name: .customLong("end-time"), help: "End time (s).")
    var endTime: Double

    @Option(help: "Series load resistor R (Ω).")
    var load: Double = 0

    @Option(help: "Time scheme: backward_euler or bdf2.")
    var scheme: String = "backward_euler"

    @Option(name: .customLong("initial-step"), help: "First Δt (s).")
    var initialStep: Double = 1e-4

    @Option(name: .customLong("max-step"), help: "Largest Δt (s).")
    var maxStep: Double = 1

    @Option(name: .customLong("target-dT"), help: "Temperature change per step the step control aims at (K).")
    var targetDT: Double = 2

    @Option(name: .customLong("snapshot-every"), help: "Write a snapshot (.vtu in snapshots.pvd) at t = 0, every N accepted steps and at the end (0 = none).")
    var snapshotEvery: Int = 10

    @Option(name: .customLong("min-step"), help: "Smallest Δt (s); a step that fails at it ends the run (exit 3, completed steps kept).")
    var minStep: Double = 1e-12

    @Option(name: .customLong("max-steps"), help: "Most time steps (accepted and rejected) before the run stops (exit 3, completed steps kept).")
    var maxSteps: Int = 1_000_000

    @Option(name: .customLong("max-wall-seconds"), help: "Stop after this many seconds of wall-clock time (exit 3, completed steps kept).")
    var maxWallSeconds: Double?

    @Option(help: "Output directory (replaced whole when the run ends; a run that stops part-way keeps its completed steps, marked incomplete in status.json).")
    var out: String = "runs/transient"

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Flag(help: "Also print rejected steps and iteration counts on stderr.")
    var verbose = false

    func validate() throws {
        guard SweepQuantity(rawValue: quantity) != nil else { throw ValidationError("--quantity must be current or source_voltage") }
        guard Waveform(parsing: waveform) != nil else { throw ValidationError("--waveform: cannot parse '\(waveform)'") }
        guard TimeScheme(rawValue: scheme) != nil else { throw ValidationError("--scheme must be backward_euler or bdf2") }
        try checkingOptions {
            try InputLimits.positive(endTime, "--end-time", unit: "s")
            try InputLimits.within(minStep, 1e-15...1, "--min-step", unit: "s")
            try InputLimits.within(initialStep, minStep...max(minStep, endTime), "--initial-step", unit: "s")
            try InputLimits.within(maxStep, initialStep...Double.greatestFiniteMagnitude, "--max-step", unit: "s")
            try InputLimits.within(targetDT, 1e-6...1e3, "--target-dT", unit: "K")
            try InputLimits.nonNegative(load, "--load", unit: "Ω")
            try InputLimits.count(snapshotEvery, 0...1_000_000, "--snapshot-every")
            try InputLimits.count(maxSteps, 1...100_000_000, "--max-steps")
            if let maxWallSeconds { try InputLimits.positive(maxWallSeconds, "--max-wall-seconds", unit: "s") }
            let fewest = endTime / maxStep
            guard fewest <= Double(maxSteps) else {
                throw InputError(option: "--end-time", message: "\(endTime) s needs at least \(fewest) steps of --max-step \(maxStep) s; allowed at most --max-steps \(maxSteps). Raise --max-step or --max-steps")
            }
        }
    }

    func run() throws {
        let provenance = FilamentVersion.provenance()
        var settings = TransientSettings()
        settings.scheme = TimeScheme(rawValue: scheme)!
        settings.initialStep = initialStep
        settings.maximumStep = maxStep
        settings.targetTemperatureChange = targetDT
        settings.maximumTemperatureChange = 5 * targetDT
        settings.minimumStep = minStep
        settings.maximumSteps = maxSteps
        settings.wallClockBudget = maxWallSeconds
        let runner = WaveformRun(quantity: SweepQuantity(rawValue: quantity)!, loadResistance: load, waveform: Waveform(parsing: waveform)!,
                                 endTime: endTime, settings: settings, snapshotEvery: snapshotEvery,
                                 progress: ProgressReporter(quiet: quiet, verbose: verbose))
        let (problem, _, _) = device.problem()
        let folder = try OutputFolder.prepareForCommand(out, expectedBytes: 256_000 + (snapshotEvery > 0 ? 2 * 300 * problem.grid.cellCount : 0))
        // Snapshots go into the staging folder as they are reached (none are kept in memory).
        let series = FieldSeries(directory: folder.staging, name: "snapshots", timeName: "time [s]")
        let result: WaveformRun.Result
        Interruption.install()
        do {
            result = try runner.run(problem: problem) { t, state in try series.append(DeviceFields(solution: state), time: t) }
        } catch let stopped as WaveformRun.Stopped {
            try folder.finish { try write(stopped.partial, problem: problem, settings: settings, snapshots: series.count, provenance: provenance,
                                          into: folder, status: .incomplete(stopped.reason)) }
            throw exitError(for: IncompleteRun(reason: stopped.reason, folder: folder.destination.path))
        } catch {
            folder.abandon()
            throw exitError(for: error)
        }
        try folder.finish { try write(result, problem: problem, settings: settings, snapshots: series.count, provenance: provenance, into: folder, status: .complete) }
        let last = result.rows.last
        print(String(format: "%d steps (%d rejected), %.2f s wall; energy: stored %.6g J + out %.6g J vs work %.6g J, relative imbalance %.2e",
                     result.rows.count, result.rejected.count, result.wallSeconds, last?.storedHeat ?? 0,
                     last?.heatOut ?? 0, last?.work ?? 0, result.energyBalanceError))
        print("time series written to \(out)/timeseries.csv, summary to \(out)/summary.json"
              + (series.count == 0 ? "" : ", snapshots to \(out)/snapshots.pvd"))
    }

    /// Writes the time series, summary.json and status.json (the snapshots are already in the
    /// staging folder).
    func write(_ result: WaveformRun.Result, problem: ElectrothermalProblem, settings: TransientSettings, snapshots: Int,
               provenance: Provenance, into folder: OutputFolder, status: RunStatus) throws {
        try folder.write(result.csv, to: "timeseries.csv")
        let last = result.rows.last
        let numbers: [(String, JSONValue)] = [
            ("accepted_steps", .integer(result.rows.count)),
            ("rejected_steps", .integer(result.rejected.count)),
            ("end_time_s", .number(last?.time ?? 0)),
            ("final_current_A", .number(last?.current ?? 0)),
            ("final_sample_voltage_V", .number(last?.sampleVoltage ?? 0)),
            ("final_metal_fraction", .number(last?.metalFraction ?? 0)),
            ("peak_metal_fraction", .number(result.rows.map(\.metalFraction).max() ?? 0)),
            ("peak_T_max_K", .number(result.rows.map(\.maximumTemperature).max() ?? 0)),
            ("stored_heat_J", .number(last?.storedHeat ?? 0)),
            ("heat_out_J", .number(last?.heatOut ?? 0)),
            ("electrical_work_J", .number(last?.work ?? 0)),
            ("energy_balance_rel_error", .number(result.energyBalanceError)),
            ("snapshots", .integer(snapshots)),
        ]
        let run: [(String, JSONValue)] = [
            ("device", .string(device.study)), ("quantity", .string(quantity)), ("waveform", .string(waveform)),
            ("load_ohm", .number(load)), ("transient_settings", ParameterDump.json(settings)),
        ]
        try SeriesSummary.write(numbers, run: run, problem: problem, provenance: provenance, wallSeconds: result.wallSeconds,
                                to: folder.url(RunOutputs.summaryName))
        try folder.write(status.json(command: "transient", steps: result.rows.count), to: RunStatus.fileName)
    }
}
