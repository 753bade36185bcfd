import ArgumentParser
import Foundation
import IO
import Simulations
import Solvers

/// `filament sweep`: a current or source-voltage sweep (up, then down) on a built-in study,
/// writing the I–V table and the switching events as CSV, the fields of every N-th point as a
/// series (`points.pvd`) and `summary.json`.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Hysteresis sweep of the current or of V_t through a load resistor (I–V table, switching events).",
        subcommands: [SweepRun.self, SweepValidate.self],
        defaultSubcommand: SweepRun.self)
}

/// Options shared by the sweep commands: which built-in device.
struct DeviceOptions: ParsableArguments {
    @Option(help: "Built-in device: slab (PH Fig. 1, parallel current) or film (PH Fig. 2).")
    var study: String = "slab"

    @Option(name: .customLong("cells-z"), help: "Slab: cells through the thickness (nx = ny = 1).")
    var cellsZ: Int = 100

    @Option(help: "Film: cells as NX,NY,NZ.")
    var cells: String = "20,20,5"

    @Option(name: .customLong("t-imt"), help: "Insulator→metal temperature T_IMT (K).")
    var tIMT: Double = 360

    @Option(name: .customLong("t-mit"), help: "Metal→insulator temperature T_MIT (K), ≤ T_IMT.")
    var tMIT: Double = 360

    @Option(name: .customLong("insulator-seebeck"), help: "Film: insulator Seebeck coefficient S_I (V/K); PH's Fig. 2 groups give 2.582e-3.")
    var insulatorSeebeck: Double = 1e-3

    @Option(name: .customLong("electrode-half-width"), help: "Film: electrode half width across y as a fraction of L.")
    var electrodeHalfWidth: Double = 0.1

    @Option(name: .customLong("width-ratio"), help: "Film: width W / L (PH Fig. 2a: 1, Fig. 2d–e: 0.5).")
    var widthRatio: Double = 1

    func validate() throws {
        guard ["slab", "film"].contains(study) else { throw ValidationError("--study must be slab or film") }
        try checkingOptions {
            try InputLimits.within(tIMT, 1...1e4, "--t-imt", unit: "K")
            try InputLimits.within(tMIT, 1...1e4, "--t-mit", unit: "K")
            try InputLimits.within(insulatorSeebeck, -1...1, "--insulator-seebeck", unit: "V/K")
            try InputLimits.within(electrodeHalfWidth, 1e-3...0.5, "--electrode-half-width")
            try InputLimits.count(cellsZ, 2...InputLimits.cellsPerAxis.upperBound, "--cells-z")
            let counts = try InputLimits.cells(cells, "--cells", minimum: 2)
            try MemoryBudget.check(cells: study == "slab" ? cellsZ : counts.reduce(1, *), study == "slab" ? "--cells-z" : "--cells")
        }
        guard tMIT <= tIMT else { throw ValidationError("--t-mit must not exceed --t-imt") }
        guard widthRatio > 0 && widthRatio <= 10 else { throw ValidationError("--width-ratio must be in (0, 10] (got \(widthRatio))") }
    }

    var slab: SlabStudy {
        var s = SlabStudy(insulatorToMetalTemperature: tIMT)
        s.closedForms.switchingTemperature = tMIT
        return s
    }

    var film: FilmStudy {
        var f = FilmStudy()
        let c = cells.split(separator: ",").compactMap { Int($0) }
        f.cells = (c[0], c[1], c[2])
        f.insulatorToMetalTemperature = tIMT
        f.metalToInsulatorTemperature = tMIT
        f.electrodeHalfWidth = electrodeHalfWidth * f.length
        f.insulatorSeebeck = insulatorSeebeck
        f.widthOverLength = widthRatio
        return f
    }

    /// The problem, and the natural current scale (A): I_cr of PH Eq. 9 for the slab,
    /// the current of PH Fig. 2 (ρ_I I²/(κ L² T0) = 0.2) for the film.
    func problem() -> (ElectrothermalProblem, currentScale: Double, resistanceScale: Double) {
        if study == "slab" {
            let s = slab
            let i = s.closedForms.criticalCurrentDensity * s.crossSection
            return (s.problem(currentDensity: 0, cellsAlongZ: cellsZ), i, SlabHysteresisReference(study: s).insulatingResistance)
        }
        let f = film
        let r = f.insulatorResistivity * 0.8 * f.length / (f.thickness * 2 * f.electrodeHalfWidth!)
        return (f.problem(current: 0), f.current(jouleStrength: 0.2), r)
    }
}

struct SweepRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run one sweep and write iv.csv and events.csv.")

    @OptionGroup var device: DeviceOptions

    @Option(help: "Swept quantity: current or source_voltage.")
    var quantity: String = "current"

    @Option(help: "Turning point in A or V (default: 3 × the current scale, or the matching V_t).")
    var peak: Double?

    @Option(help: "First (and last) drive value in A or V.")
    var start: Double = 0

    @Option(help: "Increments per branch (up and down each).")
    var steps: Int = 100

    @Option(help: "Series load resistor R in Ω (source_voltage: 0 = pure potential drive).")
    var load: Double = 0

    @Option(help: "Output directory (replaced whole when the sweep ends; a sweep that stops part-way keeps its completed points, marked incomplete in status.json).")
    var out: String = "runs/sweep"

    @Option(name: .customLong("max-wall-seconds"), help: "Stop after this many seconds of wall-clock time (exit 3, completed points kept).")
    var maxWallSeconds: Double?

    @Option(name: .customLong("snapshot-every"), help: "Write the fields (.vtu in points.pvd) of the starting point and of every N-th point after it (0 = none).")
    var snapshotEvery: Int = 10

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Flag(help: "Also print failed and retried steps and iteration counts on stderr.")
    var verbose = false

    func validate() throws {
        guard SweepQuantity(rawValue: quantity) != nil else { throw ValidationError("--quantity must be current or source_voltage") }
        try checkingOptions {
            try InputLimits.count(steps, 1...SweepLimits.maximumSteps, "--steps")
            try InputLimits.nonNegative(load, "--load", unit: "Ω")
            if let maxWallSeconds { try InputLimits.positive(maxWallSeconds, "--max-wall-seconds", unit: "s") }
            try InputLimits.count(snapshotEvery, 0...Int(Int32.max), "--snapshot-every")
        }
    }

    func run() throws {
        let provenance = FilamentVersion.provenance()
        let (problem, scale, resistance) = device.problem()
        let q = SweepQuantity(rawValue: quantity)!
        let defaultPeak = q == .current ? 3 * scale : 3 * scale * (resistance + load)
        let plan = SweepPlan(quantity: q, start: start, peak: peak ?? defaultPeak, steps: steps, loadResistance: load)
        let folder = try OutputFolder.prepareForCommand(out, expectedBytes: 800 * steps + 64_000)
        var runner = SweepRunner(plan: plan, progress: ProgressReporter(quiet: quiet, verbose: verbose))
        runner.wallClockBudget = maxWallSeconds
        Interruption.install()
        let result: SweepResult
        // The fields of every N-th point go into the staging folder as they are reached.
        let series = FieldSeries(directory: folder.staging, name: "points", timeName: "point [1]")
        do {
            result = try runner.run(problem: problem) { index, state in
                if snapshotEvery > 0 && index % snapshotEvery == 0 { try series.append(DeviceFields(solution: state), time: Double(index)) }
            }
        } catch let SweepError.stepFailed(drive, message, completed) {
            let reason = "sweep stopped at \(drive) \(plan.unit) after \(completed.rows.count) points: \(message)"
            try folder.finish { try write(completed, plan: plan, problem: problem, provenance: provenance, snapshots: series.count,
                                          into: folder, status: .incomplete(reason)) }
            throw exitError(for: IncompleteRun(reason: reason, folder: folder.destination.path))
        } catch {
            folder.abandon()
            throw exitError(for: error)
        }
        try folder.finish { try write(result, plan: plan, problem: problem, provenance: provenance, snapshots: series.count,
                                      into: folder, status: .complete) }
        for line in result.eventSummary { print(line) }
        print(String(format: "%d points, %d solves, %d failed solves retried, %.2f s wall (%.2f s CPU), loop area %.6g W, worst energy balance %.2e",
                     result.rows.count, result.solveCount, result.failures.count, result.wallSeconds, result.cpuSeconds, result.loopArea,
                     result.worstEnergyBalanceError))
        print("I–V table written to \(out)/iv.csv, summary to \(out)/summary.json" + (snapshotEvery > 0 ? ", fields to \(out)/points.pvd" : ""))
    }

    func write(_ result: SweepResult, plan: SweepPlan, problem: ElectrothermalProblem, provenance: Provenance, snapshots: Int,
               into folder: OutputFolder, status: RunStatus) throws {
        try folder.write(result.csv, to: "iv.csv")
        try folder.write(result.eventsCSV, to: "events.csv")
        let numbers: [(String, JSONValue)] = [
            ("points", .integer(result.rows.count)),
            ("solves", .integer(result.solveCount)),
            ("failed_solves_retried", .integer(result.failures.count)),
            ("events", .array(result.eventSummary.map(JSONValue.string))),
            ("loop_area_W", .number(result.loopArea)),
            ("worst_energy_balance_rel_error", .number(result.worstEnergyBalanceError)),
            ("peak_metal_fraction", .number(result.rows.map(\.metalFraction).max() ?? 0)),
            ("cpu_time_s", .number(result.cpuSeconds)),
            ("field_snapshots", .integer(snapshots)),
        ]
        let run: [(String, JSONValue)] = [("device", .string(device.study)), ("sweep_plan", ParameterDump.json(plan))]
        try SeriesSummary.write(numbers, run: run, problem: problem, provenance: provenance, wallSeconds: result.wallSeconds,
                                to: folder.url(RunOutputs.summaryName))
        try folder.write(status.json(command: "sweep", steps: result.rows.count), to: RunStatus.fileName)
    }
}

/// Limits of the sweep options.
enum SweepLimits {
    /// Increments per branch: a sweep keeps every point in memory and on disk.
    static let maximumSteps = 100_000
}

/// `filament sweep validate`: the sweep study (slab hysteresis vs PH Eq. 11, R_min and the
/// load-resistor sweeps of HF SI Eqs. 3–5, robustness sweeps); exits non-zero on a missed tolerance.
struct SweepValidate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Sweep validation study: slab hysteresis against PH Eq. 11, R_min and load-resistor sweeps, transients (docs/sweeps.md).")

    @Option(help: "Output directory for CSV files and report.md.")
    var out: String = "validation/reports/sweeps"

    @Option(help: "Increments per branch of the slab sweeps.")
    var steps: Int = 100

    @Option(name: .customLong("cells-z"), help: "Slab cells through the thickness.")
    var cellsZ: Int = 100

    @Flag(help: "Skip the robustness sweeps (slab and film).")
    var skipRobustness = false

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        let provenance = FilamentVersion.provenance()
        var v = SweepValidation()
        v.stepsPerBranch = steps
        v.cellsAlongZ = cellsZ
        let r = try v.run(progress: ProgressReporter(quiet: quiet), robustness: !skipRobustness)
        let dir = URL(fileURLWithPath: out)
        for h in r.hysteresis {
            try AtomicFile.write(h.result.csv, to: dir.appendingPathComponent(String(format: "current_sweep_dT%.0fK.csv", h.width)))
        }
        for (k, l) in r.loadSweeps.enumerated() {
            try AtomicFile.write(l.csv, to: dir.appendingPathComponent(k == 0 ? "voltage_sweep_load.csv" : "voltage_sweep_load_large.csv"))
        }
        let reference = SlabHysteresisReference(study: SlabStudy())
        var curve = "current_A,sample_voltage_eq11_V\n"
        for k in 1...600 {
            let i = 10 * r.criticalCurrent * Double(k) / 600
            curve += "\(i),\(reference.voltage(current: i, branch: .up, peakCurrent: i))\n"
        }
        try AtomicFile.write(curve, to: dir.appendingPathComponent("reference_eq11.csv"))
        if let s = r.potentialSweep {
            try AtomicFile.write(s.csv, to: dir.appendingPathComponent("voltage_sweep_R0.csv"))
            try AtomicFile.write(s.eventsCSV, to: dir.appendingPathComponent("events_R0.csv"))
        }
        if let n = r.ndr {
            var s = "current_A,sample_voltage_V\n"
            for p in n.points { s += "\(p.current),\(p.voltage)\n" }
            try AtomicFile.write(s, to: dir.appendingPathComponent("ndr_characteristic.csv"))
        }
        for (k, rb) in r.robustness.enumerated() {
            try AtomicFile.write(rb.result.csv, to: dir.appendingPathComponent("robustness_\(k == 0 ? "slab" : "film").csv"))
        }
        let md = markdown(r, v)
        try AtomicFile.write(md, to: dir.appendingPathComponent("report.md"))
        try StudySummary.write(study: "sweeps", failures: r.failures, provenance: provenance, to: dir)
        print(md)
        if !r.failures.isEmpty { throw fail("sweep validation failed: " + r.failures.joined(separator: "; "), code: 1) }
    }

    func markdown(_ r: SweepValidation.Report, _ v: SweepValidation) -> String {
        var s = "# Sweep validation\n\n"
        s += String(format: "Slab (PH Fig. 1): %d cells in z, I_cr = %.5g A, V_cr = %.5g V, R_ins = %.5g Ω.\n\n", v.cellsAlongZ, r.criticalCurrent, r.criticalVoltage, r.insulatingResistance)
        s += "## Current sweeps 0 → 3 I_cr(T_IMT) → 0 vs PH Eq. 11\n\n| T_IMT − T_MIT (K) | worst |V − V_ref|/V_ref | loop area (W) | closed-form area (W) | points | solves | wall (s) |\n|---|---|---|---|---|---|---|\n"
        for h in r.hysteresis {
            s += String(format: "| %.1f | %.4f | %.4g | %.4g | %d | %d | %.2f |\n", h.width, h.worstDeviation, h.loopArea, h.referenceArea,
                        h.result.rows.count, h.result.solveCount, h.result.wallSeconds)
        }
        if let n = r.ndr {
            s += String(format: "\n## R_min (HF SI Eq. 5)\n\nR_min = %.5g Ω = %.4g R_ins on I ≥ %.2f I_peak (steepest −dV/dI on [%.6g, %.6g] A; %.5g Ω at twice the sampling interval; %d solves). Peak V = %.5g V at I = %.6g A; valley V = %.5g V at I = %.5g A. Onset step of the discrete characteristic: ΔV = %.4g V (%.3g V_cr) over ΔI = %.3g A.\n",
                        n.minimumLoadResistance, n.minimumLoadResistance / r.insulatingResistance, 1 + v.ndrExclusion, n.steepestInterval.lowerBound,
                        n.steepestInterval.upperBound, n.coarseMinimumLoadResistance, n.solves, n.peak.voltage, n.peak.current, n.valley.voltage, n.valley.current,
                        n.onsetVoltageStep, n.onsetVoltageStep / r.criticalVoltage, n.onsetStepWidth)
        }
        s += "\n## V_t sweeps through a load resistor (HF SI Eqs. 3–5)\n\n| R / R_min | R (Ω) | worst |V − V_Eq.11|/V | largest NDR current gap beyond the cusp (I_cr) | largest jump ΔI (I_cr) | points | wall (s) |\n|---|---|---|---|---|---|---|\n"
        for (row, l) in zip(r.loadSweepRows, r.loadSweeps) {
            s += String(format: "| %.2f | %.5g | %.4f | %.3g | %.3g | %d | %.2f |\n", row.factor, l.plan.loadResistance, row.deviation,
                        row.gap / r.criticalCurrent, row.jumpSpan / r.criticalCurrent, l.rows.count, l.wallSeconds)
        }
        for l in r.loadSweeps {
            s += String(format: "\nEvents at R = %.5g Ω:\n\n", l.plan.loadResistance)
            for e in l.eventSummary { s += "- \(e)\n" }
        }
        if let p = r.potentialSweep {
            s += "\n## V_t sweep with R = 0 (potential drive)\n\n"
            for e in p.eventSummary { s += "- \(e)\n" }
        }
        if !r.robustness.isEmpty {
            s += "\n## Robustness: 100 + 100 steps through the transition (release build)\n\n| device | points | solves | failed solves retried | events | wall (s) | CPU (s) |\n|---|---|---|---|---|---|---|\n"
            for (name, x) in r.robustness {
                s += String(format: "| %@ | %d | %d | %d | %d | %.2f | %.2f |\n", name, x.rows.count, x.solveCount, x.failures.count, x.events.count, x.wallSeconds, x.cpuSeconds)
            }
        }
        s += String(format: "\n## Transient (slab, 50 cells)\n\nConstant I = 1.5 I_cr from a cold start, %d steps to t = 2000 s: max |T/T_steady − 1| = %.2e (tolerance %.0e).\n\n| scheme | pulse 0 → 2 I_cr → 0: energy imbalance |ΣΔU + ΣQΔt − ΣPΔt|/ΣPΔt | steps | rejected | peak metal fraction | wall (s) |\n|---|---|---|---|---|---|\n",
                    r.relaxationSteps, r.relaxationError, v.relaxationTolerance)
        for p in r.pulseEnergy { s += String(format: "| %@ | %.2e | %d | %d | %.3f | %.2f |\n", p.scheme.rawValue, p.error, p.steps, p.rejected, p.peakMetal, p.wall) }
        s += r.failures.isEmpty ? "\n**PASS**\n" : "\n**FAIL**: " + r.failures.joined(separator: "; ") + "\n"
        return s
    }
}
