import ArgumentParser
import Foundation
import IO
import Simulations
import Solvers

/// `filament sweep validate`: the sweep validation study. A sweep of a device is a `[sweep]`
/// table in its geometry file, run by `filament run FILE`.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Sweep validation study (a device's own sweep is [sweep] in its file, run by `filament run FILE`).",
        subcommands: [SweepValidate.self, RetiredSweepRun.self])
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
