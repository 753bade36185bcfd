import Foundation
import Solvers

/// The sweep checks of issue 5 on the parallel-current slab (PH Eq. 11, Fig. 1b) and the
/// load-resistor circuit (HF SI Eqs. 3–5), with their tolerances. Every number is computed.
public struct SweepValidation: Sendable {
    public var cellsAlongZ = 100
    public var stepsPerBranch = 100
    /// T_IMT − T_MIT values (K) of the hysteresis study (T_MIT = 360 K).
    public var hysteresisWidths = [0.0, 4.0, 8.0]
    /// Load resistor of the NDR sweep in units of the measured R_min.
    public var loadOverMinimum = 1.25
    /// R_min is measured on I ≥ (1 + this) × I_peak: the slab's cusp at I_cr has dV/dI → −∞.
    public var ndrExclusion = 0.02
    public var curveTolerance = 0.03
    /// With T_IMT > T_MIT the discrete up branch lags the closed form just after the onset
    /// (measured: 5.2 % at I = 1.03 I_cr(T_IMT), < 2.3 % elsewhere, 100 cells); stated separately.
    public var hysteresisCurveTolerance = 0.06
    /// Closed loop: |∮V dI| / (V_cr I_cr) below this.
    public var closedLoopTolerance = 2e-3
    public var energyTolerance = 1e-8
    /// Film mesh of the robustness sweep.
    public var filmCells = (x: 20, y: 20, z: 5)

    public init() {}

    public struct HysteresisRow: Sendable {
        public var width: Double
        public var worstDeviation: Double
        public var loopArea: Double
        public var referenceArea: Double
        public var result: SweepResult
    }

    public struct Report: Sendable {
        public var hysteresis: [HysteresisRow] = []
        public var ndr: NDRMeasurement.Result?
        public var insulatingResistance = 0.0
        public var criticalCurrent = 0.0
        public var criticalVoltage = 0.0
        public var loadSweep: SweepResult?
        public var loadSweepDeviation = 0.0
        public var loadSweepLargestGap = 0.0
        public var potentialSweep: SweepResult?
        public var robustness: [(name: String, result: SweepResult)] = []
        public var failures: [String] = []
    }

    public func run(progress: ProgressReporter, robustness: Bool = true) throws -> Report {
        var report = Report()
        let base = SlabStudy()
        let reference = SlabHysteresisReference(study: base)
        let iCr = reference.criticalCurrent(switching: base.closedForms.switchingTemperature)
        report.criticalCurrent = iCr
        report.insulatingResistance = reference.insulatingResistance
        report.criticalVoltage = iCr * reference.insulatingResistance
        let scale = report.criticalVoltage * iCr
        var energy = 0.0

        // 1. current sweeps with and without hysteresis
        var areas: [Double] = []
        for width in hysteresisWidths {
            var study = base
            study.insulatorToMetalTemperature = base.closedForms.switchingTemperature + width
            let ref = SlabHysteresisReference(study: study)
            let peak = 3 * ref.criticalCurrent(switching: study.insulatorToMetalTemperature)
            let plan = SweepPlan(quantity: .current, peak: peak, steps: stepsPerBranch)
            let result = try SweepRunner(plan: plan, progress: progress).run(problem: study.problem(currentDensity: 0, cellsAlongZ: cellsAlongZ))
            let deviation = ref.worstRelativeDeviation(result).error
            let row = HysteresisRow(width: width, worstDeviation: deviation, loopArea: result.loopArea,
                                    referenceArea: ref.loopArea(peakCurrent: peak), result: result)
            report.hysteresis.append(row)
            energy = max(energy, result.worstEnergyBalanceError)
            progress.report(String(format: "hysteresis width %.1f K: worst |V − V_Eq.11|/V = %.4f, loop area %.4g W (closed form %.4g W)",
                                   width, deviation, row.loopArea, row.referenceArea))
            if deviation > (width == 0 ? curveTolerance : hysteresisCurveTolerance) { report.failures.append(String(format: "V–I off PH Eq. 11 by %.4f at T_IMT − T_MIT = %.1f K", deviation, width)) }
            if width == 0 && row.loopArea / scale > closedLoopTolerance {
                report.failures.append(String(format: "loop does not close at T_IMT = T_MIT: area/(V_cr I_cr) = %.2e", row.loopArea / scale))
            }
            if width > 0, let previous = areas.last, !(row.loopArea > previous) {
                report.failures.append("loop area does not grow with T_IMT − T_MIT (\(row.loopArea) W at \(width) K)")
            }
            areas.append(row.loopArea)
        }

        // 2. R_min of HF SI Eq. 5 from the current-driven characteristic
        let slab = base.problem(currentDensity: 0, cellsAlongZ: cellsAlongZ)
        var measurement = NDRMeasurement(lowerCurrent: 0.9 * iCr, upperCurrent: 3 * iCr, progress: progress)
        measurement.onsetExclusion = ndrExclusion
        let ndr = try measurement.run(problem: slab)
        report.ndr = ndr
        progress.report(String(format: "R_min = %.6g Ω = %.4g R_ins; valley at I = %.4g I_cr, V = %.4g V_cr",
                               ndr.minimumLoadResistance, ndr.minimumLoadResistance / report.insulatingResistance,
                               ndr.valley.current / iCr, ndr.valley.voltage / report.criticalVoltage))

        // 3. V_t sweeps through R = 1.25 R_min (continuous) and R = 0 (jumps)
        let load = loadOverMinimum * ndr.minimumLoadResistance
        let vPeak = 3 * iCr * (reference.voltage(current: 3 * iCr, branch: .up, peakCurrent: 3 * iCr) / (3 * iCr) + load)
        let loadPlan = SweepPlan(quantity: .sourceVoltage, peak: vPeak, steps: stepsPerBranch, loadResistance: load)
        let loadSweep = try SweepRunner(plan: loadPlan, progress: progress).run(problem: slab)
        report.loadSweep = loadSweep
        report.loadSweepDeviation = reference.worstRelativeDeviation(loadSweep).error
        energy = max(energy, loadSweep.worstEnergyBalanceError)
        let ndrCurrents = loadSweep.rows(.up).map(\.current).filter { $0 >= (1 + ndrExclusion) * iCr && $0 <= ndr.valley.current }.sorted()
        report.loadSweepLargestGap = zip(ndrCurrents, ndrCurrents.dropFirst()).map { $1 - $0 }.max() ?? .infinity
        // the only jump allowed is the onset step of the discrete model at the cusp
        for e in loadSweep.events where e.kind == .jump {
            let atOnset = e.before.current < (1 + 2 * ndrExclusion) * ndr.peak.current
            let drop = abs(e.before.sampleVoltage - e.after.sampleVoltage)
            if !atOnset || drop > 2 * ndr.onsetVoltageStep + 0.01 * report.criticalVoltage {
                report.failures.append("R = \(loadOverMinimum) R_min: the V_t sweep jumped off the onset (\(loadSweep.eventSummary.joined(separator: "; ")))")
            }
        }
        if report.loadSweepDeviation > curveTolerance {
            report.failures.append(String(format: "R = %.2f R_min: V–I off PH Eq. 11 by %.4f", loadOverMinimum, report.loadSweepDeviation))
        }
        if !(report.loadSweepLargestGap < 0.05 * iCr) {
            report.failures.append(String(format: "R = %.2f R_min: NDR branch not traced continuously (largest current gap %.3g I_cr)",
                                          loadOverMinimum, report.loadSweepLargestGap / iCr))
        }
        let potentialPlan = SweepPlan(quantity: .sourceVoltage, peak: 1.2 * report.criticalVoltage, steps: stepsPerBranch, loadResistance: 0)
        let potentialSweep = try SweepRunner(plan: potentialPlan, progress: progress).run(problem: slab)
        report.potentialSweep = potentialSweep
        energy = max(energy, potentialSweep.worstEnergyBalanceError)
        let jumps = potentialSweep.events.filter { $0.kind == .jump }
        if !jumps.contains(where: { $0.direction == .insulatorToMetal && $0.branch == .up })
            || !jumps.contains(where: { $0.direction == .metalToInsulator && $0.branch == .down }) {
            report.failures.append("R = 0: expected an IMT jump going up and an MIT jump going down, got \(potentialSweep.eventSummary)")
        }
        let inside = potentialSweep.rows.filter { $0.current > 1.05 * iCr && $0.current < 0.95 * ndr.valley.current }
        if !inside.isEmpty { report.failures.append("R = 0: \(inside.count) points lie on the NDR branch, which a potential drive cannot hold") }

        // 4. robustness: 2 × 100-step sweeps through the transition on both example geometries
        if robustness {
            var film = FilmStudy()
            film.cells = filmCells
            film.electrodeHalfWidth = 0.1 * film.length
            film.insulatorToMetalTemperature = 362
            film.metalToInsulatorTemperature = 358
            let filmPlan = SweepPlan(quantity: .current, peak: 1.5 * film.current(jouleStrength: 0.2), steps: 100)
            var slabH = base
            slabH.insulatorToMetalTemperature = 364
            let slabPlan = SweepPlan(quantity: .current, peak: 3 * iCr, steps: 100)
            for (name, plan, problem) in [("slab 1×1×\(cellsAlongZ), T_IMT − T_MIT = 4 K", slabPlan, slabH.problem(currentDensity: 0, cellsAlongZ: cellsAlongZ)),
                                          ("film \(filmCells.x)×\(filmCells.y)×\(filmCells.z), T_IMT − T_MIT = 4 K", filmPlan, film.problem(current: 0))] {
                do {
                    let r = try SweepRunner(plan: plan, progress: progress).run(problem: problem)
                    report.robustness.append((name, r))
                    energy = max(energy, r.worstEnergyBalanceError)
                } catch {
                    report.failures.append("robustness sweep on \(name) failed: \(error)")
                }
            }
        }
        if energy > energyTolerance { report.failures.append(String(format: "energy balance %.2e > %.0e", energy, energyTolerance)) }
        return report
    }
}
