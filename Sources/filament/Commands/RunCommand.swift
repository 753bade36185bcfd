import ArgumentParser
import Foundation
import IO
import Solvers
import SparseLinearAlgebra

/// `filament run [FILE] --out DIR`: solve a geometry file (or the built-in Ca2RuO4 case) and
/// write `summary.json`, `fields.vtr`, `fields.vtu`, the ramp series `ramp.pvd` and the CSV
/// slices into DIR.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Solve a geometry file and write fields, slices and a summary (or run its [sweep] or [transient]).",
        discussion: "Without FILE the built-in Ca2RuO4 case (PH Fig. 2a regime, coarse mesh) is run. A file with [sweep] (a quasi-static hysteresis sweep) writes iv.csv, events.csv, iv_loop.svg, status.json and, with snapshot_every, points.pvd; one with [transient] (a drive waveform in time) timeseries.csv, snapshots.pvd, iv_loop.svg and status.json; a study that stops part-way (a failed step, --max-wall-seconds, Ctrl-C) keeps its completed steps, marked incomplete, with exit 3. The PH devices are geometries/ph-slab-sweep.toml, ph-film-sweep.toml and ph-slab-pulse.toml. Progress goes to standard error unless --quiet. DIR is replaced whole when the run is complete (never a mix of two runs); on any error it is left as it was and the exit code is non-zero (2: invalid input, 3: the solve failed, 4: DIR cannot be written; docs/exit-codes.md).")

    @Argument(help: "Geometry file (TOML, see docs/geometry-format.md). Omit for the built-in default case.")
    var file: String?

    @Option(name: .long, help: ArgumentHelp("Directory for the outputs (created if needed).", valueName: "DIR"))
    var out: String = "filament-output"

    @Option(name: .customLong("max-wall-seconds"), help: "Stop after this many seconds of wall-clock time (exit 3; a steady solve leaves DIR as it was, a sweep or transient keeps its completed steps).")
    var maxWallSeconds: Double?

    @Option(name: .long, help: ArgumentHelp("Linear stability check of the converged state: the leading eigenvalues (1/s) of the linearised transient problem, recorded in summary.json; an unstable state is reported on standard error and its growing mode written to the field files (docs/model.md §7). auto: on up to 50,000 cells (its sparse LU of the coupled system costs more than the steady solve itself: 5.1 s against 3.4 s on 16.4k cells).", valueName: "auto|on|off"))
    var stability: StabilitySwitch = .auto

    @OptionGroup var options: CaseOptions

    func validate() throws {
        try checkingOptions { if let maxWallSeconds { try InputLimits.positive(maxWallSeconds, "--max-wall-seconds", unit: "s") } }
    }

    func run() throws {
        let start = Date()
        let provenance = FilamentVersion.provenance()
        let device = try reportingErrors { try options.load(file) }
        try reportingErrors { try ParallelBackend.startIfRequested(device, coarsestCellsZ: try options.coarsestCellsZ(device, file: file)) }
        if device.problem.settings.symmetricStrategy == .petsc {
            // Every rank runs the same solve; rank 0 alone reports and writes.
            guard ParallelBackend.isRoot else {
                var silent = options
                silent.quiet = true
                silent.verbose = false
                _ = try reportingErrors { try silent.solve(device, file: file) }
                return
            }
            options.progress.report(ParallelBackend.description)
        }
        if let sweep = device.sweep {
            return try StudyRun.sweep(device, spec: sweep, out: out, progress: options.progress, maxWallSeconds: maxWallSeconds)
        }
        if let transient = device.transient {
            return try StudyRun.transient(device, spec: transient, out: out, progress: options.progress, maxWallSeconds: maxWallSeconds)
        }
        // The output folder is checked and locked before the solve; the files are written
        // into a staging folder that replaces DIR whole once all are written. Each field file
        // (fields.vtr, fields.vtu, a ramp state) takes about 300 bytes per cell.
        let fieldFiles = device.output.fields ? 2 + device.rampSteps + 1 : 0
        let folder = try OutputFolder.prepareForCommand(out, expectedBytes: (400 + 300 * fieldFiles) * device.problem.grid.cellCount + 64_000)
        let watchdog = maxWallSeconds.map { WallClockBudget(seconds: $0, folder: folder) }
        var ramp: [(fraction: Double, fields: DeviceFields)] = []
        let solution = try reportingErrors {
            do {
                return try options.solve(device, file: file) { fraction, state in
                    if device.output.fields { ramp.append((fraction, DeviceFields(solution: state))) }
                }
            } catch { folder.abandon(); throw error }
        }
        let cellCount = device.problem.grid.cellCount
        let check = stability == .on || (stability == .auto && cellCount <= StabilitySwitch.autoLimit)
        if stability == .auto && !check {
            options.progress.report("stability check skipped: \(cellCount) cells > \(StabilitySwitch.autoLimit) (--stability on forces it)")
        }
        let report = check ? checkStability(solution) : nil
        let directory = folder.destination
        let wall = Date().timeIntervalSince(start)
        var written: [URL] = []
        watchdog?.cancel()
        try folder.finish {
            written = try RunOutputs.write(solution, of: device, to: folder.staging, provenance: provenance,
                                           wallSeconds: wall, ramp: ramp, stability: report)
        }
        let summary = String(format: "I = %.6g A, V = %.6g V, P = %.6g W, T max = %.2f K, metal fraction = %.4f, energy balance %.1e (%.1f s)",
                             solution.current, solution.voltage, solution.electricalPower, solution.maximumTemperature,
                             solution.metalFraction, solution.energyBalanceRelativeError, wall)
        print("\(device.file): \(summary)")
        if let report { print("stability: \(report.sentence)") }
        print("outputs in \(directory.path):")
        for url in written { print("  \(url.lastPathComponent)") }
    }

    /// The stability check of a converged state; a state that is not stable is reported on
    /// standard error even with --quiet.
    func checkStability(_ solution: SteadySolution) -> StabilityReport {
        let reporter = options.progress
        reporter.report("stability check: eigenvalues of the linearised transient problem nearest 0 …")
        let report: StabilityReport
        do {
            report = try StabilityAnalysis(solution: solution).analyse()
        } catch {
            report = StabilityReport(verdict: .unknown, eigenvalues: [], residual: .nan, mode: nil, seconds: 0,
                                     cellsFollowingThreshold: 0, detail: "the check failed: \(error)")
        }
        reporter.report(String(format: "stability check: %@ (%.1f s)", report.verdict.rawValue, report.seconds))
        if report.verdict != .stable {
            FileHandle.standardError.write(Data("warning: stability check of the steady state: \(report.sentence)\n".utf8))
        }
        return report
    }
}

/// `--stability on|off`.
enum StabilitySwitch: String, ExpressibleByArgument, CaseIterable {
    case auto, on, off
    /// Largest grid `auto` checks.
    static let autoLimit = 50_000
}
