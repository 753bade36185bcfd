import Foundation
import Solvers

/// The sweep checks on the parallel-current slab (PH Eq. 11, Fig. 1b) and the
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
    /// Closed loop: |∮V dI| / (V_cr I_cr) below this.
    public var closedLoopTolerance = 2e-3
    public var energyTolerance = 1e-8
    public var relaxationTolerance = 1e-6
    public var transientEnergyTolerance = 1e-6
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
        public var loadSweeps: [SweepResult] = []
        /// Per load sweep: R / R_min, worst deviation from PH Eq. 11, largest current gap on the
        /// NDR branch beyond the cusp (A), largest current change across a jump (A).
        public var loadSweepRows: [(factor: Double, deviation: Double, gap: Double, jumpSpan: Double)] = []
        public var potentialSweep: SweepResult?
        public var robustness: [(name: String, result: SweepResult)] = []
        /// Transient check: max |T_transient/T_steady − 1| after relaxing, and the energy imbalance of
        /// a pulse through the transition per scheme.
        public var relaxationError = 0.0
        public var relaxationSteps = 0
        public var pulseEnergy: [(scheme: TimeScheme, error: Double, steps: Int, rejected: Int, peakMetal: Double, wall: Double)] = []
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
            if deviation > curveTolerance { report.failures.append(String(format: "V–I off PH Eq. 11 by %.4f at T_IMT − T_MIT = %.1f K", deviation, width)) }
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

        // 3. V_t sweeps through R = 1.25 R_min and 5 R_min (NDR branch held beyond the cusp) and R = 0 (jumps)
        let cusp = (1 + 4 * ndrExclusion) * ndr.peak.current
        for factor in [loadOverMinimum, 4 * loadOverMinimum] {
            let load = factor * ndr.minimumLoadResistance
            let vPeak = 3 * iCr * (reference.voltage(current: 3 * iCr, branch: .up, peakCurrent: 3 * iCr) / (3 * iCr) + load)
            let plan = SweepPlan(quantity: .sourceVoltage, peak: vPeak, steps: stepsPerBranch, loadResistance: load)
            let sweep = try SweepRunner(plan: plan, progress: progress).run(problem: slab)
            report.loadSweeps.append(sweep)
            energy = max(energy, sweep.worstEnergyBalanceError)
            let deviation = reference.worstRelativeDeviation(sweep).error
            let currents = sweep.rows(.up).map(\.current).filter { $0 >= cusp && $0 <= ndr.valley.current }.sorted()
            let gap = zip(currents, currents.dropFirst()).map { $1 - $0 }.max() ?? .infinity
            let jumpSpan = sweep.events.filter { $0.kind == .jump }.map { abs($0.after.current - $0.before.current) }.max() ?? 0
            report.loadSweepRows.append((factor, deviation, gap, jumpSpan))
            progress.report(String(format: "R = %.2f R_min: worst deviation %.4f, largest NDR gap %.3g I_cr, largest jump ΔI %.3g I_cr",
                                   factor, deviation, gap / iCr, jumpSpan / iCr))
            // a finite R cannot avoid the cusp of PH Eq. 11 (dV/dI → −∞ at I_cr): a jump may start
            // there, but it must land inside the cusp region, and the rest of the branch is traced
            for e in sweep.events where e.kind == .jump {
                let low = min(e.before.current, e.after.current), high = max(e.before.current, e.after.current)
                if low > 1.01 * ndr.peak.current || high > cusp {
                    report.failures.append(String(format: "R = %.2f R_min: jump outside the cusp region: %@", factor, sweep.eventSummary.joined(separator: "; ")))
                }
            }
            if deviation > curveTolerance { report.failures.append(String(format: "R = %.2f R_min: V–I off PH Eq. 11 by %.4f", factor, deviation)) }
            if !(gap < 0.05 * iCr) {
                report.failures.append(String(format: "R = %.2f R_min: NDR branch not traced continuously (largest current gap %.3g I_cr)", factor, gap / iCr))
            }
        }
        if report.loadSweepRows.count == 2, !(report.loadSweepRows[1].jumpSpan < report.loadSweepRows[0].jumpSpan) {
            report.failures.append("the cusp jump does not shrink when R grows")
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
        try transientChecks(&report, progress: progress)
        if energy > energyTolerance { report.failures.append(String(format: "energy balance %.2e > %.0e", energy, energyTolerance)) }
        return report
    }

    /// Transient check on the slab: a constant current relaxes to the steady state (T within
    /// `relaxationTolerance` relative, phase tolerance tightened to 1e-7 K since steady states are
    /// defined only to it), and a current pulse through the transition balances its energy.
    func transientChecks(_ report: inout Report, progress: ProgressReporter) throws {
        var study = SlabStudy()
        study.settings.phaseTolerance = 1e-7
        let iCr = study.closedForms.criticalCurrentDensity * study.crossSection
        var settings = TransientSettings()
        settings.maximumStep = 100
        let relax = try WaveformRun(waveform: .constant(1.5 * iCr), endTime: 2000, settings: settings)
            .run(problem: study.problem(currentDensity: 0, cellsAlongZ: 50))
        let steady = try SteadyStateSolver(problem: study.problem(currentDensity: 1.5 * iCr / study.crossSection, cellsAlongZ: 50)).solve()
        report.relaxationError = zip(relax.finalState!.temperature, steady.state.temperature).map { abs($0 / $1 - 1) }.max()!
        report.relaxationSteps = relax.rows.count
        if report.relaxationError > relaxationTolerance {
            report.failures.append(String(format: "transient does not relax to the steady state: %.2e", report.relaxationError))
        }
        for scheme in TimeScheme.allCases {
            var s = TransientSettings()
            s.scheme = scheme
            s.initialStep = 1e-3
            s.targetTemperatureChange = 0.5
            let pulse = Waveform.pulse(base: 0, amplitude: 2 * iCr, start: 0.01, width: 1.0, rise: 0.05)
            let r = try WaveformRun(waveform: pulse, endTime: 3, settings: s).run(problem: study.problem(currentDensity: 0, cellsAlongZ: 50))
            report.pulseEnergy.append((scheme, r.energyBalanceError, r.rows.count, r.rejected.count, r.rows.map(\.metalFraction).max() ?? 0, r.wallSeconds))
            progress.report(String(format: "pulse (%@): energy imbalance %.2e over %d steps", scheme.rawValue, r.energyBalanceError, r.rows.count))
            if r.energyBalanceError > transientEnergyTolerance {
                report.failures.append(String(format: "transient energy imbalance %.2e (%@)", r.energyBalanceError, scheme.rawValue))
            }
        }
    }
}
