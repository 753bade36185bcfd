import Foundation
import IO
import Mesh
import Simulations
import Solvers

/// Runs the `[sweep]` or `[transient]` of a geometry file on the file's own device
/// (`filament run FILE`) and writes the outputs into the output folder (replaced whole at the
/// end): for a sweep `iv.csv`, `events.csv`, `iv_loop.svg`; for a transient `timeseries.csv`,
/// `snapshots.pvd` + `snapshots/` (t = 0 included), `iv_loop.svg`; both with `status.json` and
/// `summary.json` (with provenance). A study that stops part-way (a failed step, Ctrl-C) keeps
/// its completed steps, marked incomplete (exit 3).
enum StudyRun {
    static func sweepPlan(_ spec: SweepSpec) -> SweepPlan {
        SweepPlan(quantity: spec.quantity == .current ? .current : .sourceVoltage, start: spec.start, peak: spec.peak,
                  end: spec.end, steps: spec.steps, loadResistance: spec.loadResistance,
                  drivenElectrode: spec.electrode, eventBisections: spec.eventBisections)
    }

    static func title(_ device: DeviceCase) -> String { device.title.isEmpty ? device.file : device.title }

    static func sweep(_ device: DeviceCase, spec: SweepSpec, out: String, progress: ProgressReporter,
                      maxWallSeconds: Double?) throws {
        let provenance = FilamentVersion.provenance()
        let plan = sweepPlan(spec)
        let fieldBytes = spec.snapshotEvery > 0 ? 300 * device.problem.grid.cellCount * (2 * spec.steps / spec.snapshotEvery + 2) : 0
        let folder = try OutputFolder.prepareForCommand(out, expectedBytes: 400 * spec.steps + 100_000 + fieldBytes)
        // The fields of every N-th point go into the staging folder as they are reached.
        let series = FieldSeries(directory: folder.staging, name: "points", timeName: "point [1]")
        func write(_ result: SweepResult, status: RunStatus) throws {
            try folder.write(result.csv, to: "iv.csv")
            try folder.write(result.eventsCSV, to: "events.csv")
            try folder.write(IVLoopPlot(sweep: result, title: title(device)).svg, to: "iv_loop.svg")
            try folder.write(status.json(command: "sweep", steps: result.rows.count), to: RunStatus.fileName)
            try SeriesSummary.write([("points", .integer(result.rows.count)), ("solves", .integer(result.solveCount)),
                                     ("events", .array(result.eventSummary.map(JSONValue.string))),
                                     ("loop_area_W", .number(result.loopArea)),
                                     ("worst_energy_balance_rel_error", .number(result.worstEnergyBalanceError)),
                                     ("field_snapshots", .integer(series.count))],
                                    run: [("input_file", .string(device.file)), ("input_file_sha256", .string(device.sha256)),
                                          ("sweep_plan", ParameterDump.json(plan))],
                                    problem: device.problem, provenance: provenance, wallSeconds: result.wallSeconds,
                                    to: folder.url(RunOutputs.summaryName))
        }
        Interruption.install()
        let result: SweepResult
        do {
            var runner = SweepRunner(plan: plan, progress: progress)
            runner.wallClockBudget = maxWallSeconds
            result = try runner.run(problem: device.problem) { index, state in
                if spec.snapshotEvery > 0 && index % spec.snapshotEvery == 0 {
                    try series.append(DeviceFields(solution: state), time: Double(index))
                }
            }
        } catch let SweepError.stepFailed(drive, message, completed) {
            let reason = "\(device.file): sweep stopped at \(drive) \(plan.unit) after \(completed.rows.count) points: \(message)"
            try folder.finish { try write(completed, status: .incomplete(reason)) }
            throw exitError(for: IncompleteRun(reason: reason, folder: folder.destination.path))
        } catch {
            folder.abandon()
            throw exitError(for: error)
        }
        try folder.finish { try write(result, status: .complete) }
        for line in result.eventSummary { print(line) }
        print(String(format: "%@: %d points, %d solves, %d failed solves retried, %.2f s wall, loop area %.6g W, worst energy balance %.2e",
                     device.file, result.rows.count, result.solveCount, result.failures.count, result.wallSeconds, result.loopArea,
                     result.worstEnergyBalanceError))
        print("outputs in \(folder.destination.path): iv.csv, events.csv, iv_loop.svg, status.json" + (series.count > 0 ? ", points.pvd" : ""))
    }

    static func transient(_ device: DeviceCase, spec: TransientSpec, out: String, progress: ProgressReporter,
                          maxWallSeconds: Double?) throws {
        let provenance = FilamentVersion.provenance()
        var settings = TransientSettings()
        settings.scheme = TimeScheme(rawValue: spec.scheme)!
        settings.initialStep = spec.initialStep
        settings.maximumStep = spec.maximumStep
        settings.targetTemperatureChange = spec.targetTemperatureChange
        settings.maximumTemperatureChange = 5 * spec.targetTemperatureChange
        settings.minimumStep = spec.minimumStep
        settings.maximumSteps = spec.maximumSteps
        settings.wallClockBudget = maxWallSeconds
        let runner = WaveformRun(quantity: spec.quantity == .current ? .current : .sourceVoltage, loadResistance: spec.loadResistance,
                                 drivenElectrode: spec.electrode, waveform: Waveform(parsing: spec.waveform)!, endTime: spec.endTime,
                                 settings: settings, snapshotEvery: spec.snapshotEvery, progress: progress)
        let folder = try OutputFolder.prepareForCommand(out, expectedBytes: 1_000_000 + 300 * device.problem.grid.cellCount * (spec.snapshotEvery > 0 ? 20 : 1))
        // Snapshots go into the staging folder as they are reached.
        let series = FieldSeries(directory: folder.staging, name: "snapshots", timeName: "time [s]")
        func write(_ result: WaveformRun.Result, status: RunStatus) throws -> Int {
            try folder.write(result.csv, to: "timeseries.csv")
            try SeriesSummary.write([("accepted_steps", .integer(result.rows.count)), ("rejected_steps", .integer(result.rejected.count)),
                                     ("energy_balance_rel_error", .number(result.energyBalanceError)),
                                     ("snapshots", .integer(series.count))],
                                    run: [("input_file", .string(device.file)), ("input_file_sha256", .string(device.sha256)),
                                          ("waveform", .string(spec.waveform)), ("transient_settings", ParameterDump.json(settings))],
                                    problem: device.problem, provenance: provenance, wallSeconds: result.wallSeconds,
                                    to: folder.url(RunOutputs.summaryName))
            let loop = IVLoopPlot(title: title(device), series: [.init(label: "in time", color: "#2463a6",
                                                                        points: result.rows.map { ($0.current, $0.sampleVoltage) })])
            try folder.write(loop.svg, to: "iv_loop.svg")
            try folder.write(status.json(command: "transient", steps: result.rows.count), to: RunStatus.fileName)
            return series.count
        }
        Interruption.install()
        let result: WaveformRun.Result
        do {
            result = try runner.run(problem: device.problem) { t, state in try series.append(DeviceFields(solution: state), time: t) }
        } catch let stopped as WaveformRun.Stopped {
            let reason = "\(device.file): \(stopped.reason)"
            try folder.finish { _ = try write(stopped.partial, status: .incomplete(reason)) }
            throw exitError(for: IncompleteRun(reason: reason, folder: folder.destination.path))
        } catch {
            folder.abandon()
            throw exitError(for: error)
        }
        var snapshots = 0
        try folder.finish { snapshots = try write(result, status: .complete) }
        print(String(format: "%@: %d steps (%d rejected), %.2f s wall; energy: stored %.6g J + out %.6g J vs work %.6g J, relative imbalance %.2e",
                     device.file, result.rows.count, result.rejected.count, result.wallSeconds, result.rows.last?.storedHeat ?? 0,
                     result.rows.last?.heatOut ?? 0, result.rows.last?.work ?? 0, result.energyBalanceError))
        print("outputs in \(folder.destination.path): timeseries.csv, iv_loop.svg, status.json" + (snapshots > 0 ? ", snapshots.pvd" : ""))
    }
}
