import ArgumentParser
import Foundation
import IO
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

    @Option(help: "Output directory.")
    var out: String = "runs/transient"

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        guard SweepQuantity(rawValue: quantity) != nil else { throw ValidationError("--quantity must be current or source_voltage") }
        guard Waveform(parsing: waveform) != nil else { throw ValidationError("--waveform: cannot parse '\(waveform)'") }
        guard TimeScheme(rawValue: scheme) != nil else { throw ValidationError("--scheme must be backward_euler or bdf2") }
        guard endTime > 0, initialStep > 0, maxStep >= initialStep, targetDT > 0, load >= 0, snapshotEvery >= 0 else {
            throw ValidationError("--end-time, --initial-step, --target-dT must be > 0, --max-step ≥ --initial-step, --load ≥ 0")
        }
    }

    func run() throws {
        var settings = TransientSettings()
        settings.scheme = TimeScheme(rawValue: scheme)!
        settings.initialStep = initialStep
        settings.maximumStep = maxStep
        settings.targetTemperatureChange = targetDT
        settings.maximumTemperatureChange = 5 * targetDT
        let runner = WaveformRun(quantity: SweepQuantity(rawValue: quantity)!, loadResistance: load, waveform: Waveform(parsing: waveform)!,
                                 endTime: endTime, settings: settings, snapshotEvery: snapshotEvery,
                                 progress: ProgressReporter(quiet: quiet))
        let (problem, _, _) = device.problem()
        let result = try runner.run(problem: problem)
        let dir = URL(fileURLWithPath: out)
        try AtomicFile.write(result.csv, to: dir.appendingPathComponent("timeseries.csv"))
        var entries: [(time: Double, file: String)] = []
        for (k, snap) in result.snapshots.enumerated() {
            let name = String(format: "snapshot_%05d.vtr", k)
            try AtomicFile.write(WaveformSeries.vtr(grid: problem.grid, state: snap.state, time: snap.time), to: dir.appendingPathComponent(name))
            entries.append((snap.time, name))
        }
        if !entries.isEmpty { try AtomicFile.write(WaveformSeries.pvd(entries), to: dir.appendingPathComponent("snapshots.pvd")) }
        print(String(format: "%d steps (%d rejected), %.2f s wall; energy: stored %.6g J + out %.6g J vs work %.6g J, relative imbalance %.2e",
                     result.rows.count, result.rejected.count, result.wallSeconds, result.rows.last?.storedHeat ?? 0,
                     result.rows.last?.heatOut ?? 0, result.rows.last?.work ?? 0, result.energyBalanceError))
        print("time series written to \(out)/timeseries.csv" + (entries.isEmpty ? "" : ", snapshots to \(out)/snapshots.pvd"))
    }
}
