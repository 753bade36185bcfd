import ArgumentParser
import Foundation
import IO
import Mesh
import Simulations
import Solvers

/// `filament transient`: a drive waveform on a built-in device, integrated implicitly in time;
/// writes the time series as CSV and snapshots as a ParaView time series (.pvd + .vtr).
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

    @Option(name: .customLong("snapshot-every"), help: "Write a .vtr snapshot every N accepted steps (0 = none).")
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
                                 progress: ProgressReporter(quiet: quiet))
        let (problem, _, _) = device.problem()
        let folder = try OutputFolder.prepareForCommand(out, expectedBytes: 256_000)
        let result: WaveformRun.Result
        Interruption.install()
        do {
            result = try runner.run(problem: problem)
        } catch let stopped as WaveformRun.Stopped {
            try folder.finish { _ = try write(stopped.partial, grid: problem.grid, into: folder, status: .incomplete(stopped.reason)) }
            throw exitError(for: IncompleteRun(reason: stopped.reason, folder: folder.destination.path))
        } catch {
            folder.abandon()
            throw exitError(for: error)
        }
        var entries: [(time: Double, file: String)] = []
        try folder.finish { entries = try write(result, grid: problem.grid, into: folder, status: .complete) }
        print(String(format: "%d steps (%d rejected), %.2f s wall; energy: stored %.6g J + out %.6g J vs work %.6g J, relative imbalance %.2e",
                     result.rows.count, result.rejected.count, result.wallSeconds, result.rows.last?.storedHeat ?? 0,
                     result.rows.last?.heatOut ?? 0, result.rows.last?.work ?? 0, result.energyBalanceError))
        print("time series written to \(out)/timeseries.csv" + (entries.isEmpty ? "" : ", snapshots to \(out)/snapshots.pvd"))
    }

    /// Writes the time series, the snapshots and status.json; returns the snapshot entries.
    func write(_ result: WaveformRun.Result, grid: RectilinearGrid, into folder: OutputFolder, status: RunStatus) throws -> [(time: Double, file: String)] {
        try folder.write(result.csv, to: "timeseries.csv")
        var entries: [(time: Double, file: String)] = []
        for (k, snap) in result.snapshots.enumerated() {
            let name = String(format: "snapshot_%05d.vtr", k)
            try folder.write(WaveformSeries.vtr(grid: grid, state: snap.state, time: snap.time), to: name)
            entries.append((snap.time, name))
        }
        if !entries.isEmpty { try folder.write(WaveformSeries.pvd(entries), to: "snapshots.pvd") }
        try folder.write(status.json(command: "transient", steps: result.rows.count), to: RunStatus.fileName)
        return entries
    }
}
