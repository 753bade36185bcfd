import ArgumentParser
import Foundation
import IO
import Solvers
import Simulations

struct ValidateCriticalRadius: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rc", abstract: "Critical radius around a point electrode vs PH Eq. 14 and the interface ODE (Eq. 13/39).")

    @Option(help: "Output directory.") var out: String = "validation/reports/rc"
    @Option(help: "Total currents in mA (comma-separated, spanning ≥ a decade).") var currents: String = "0.215,0.464,1,2.15"
    @Option(help: "Geometry: axisymmetric (the (r, z) problem: disk electrode, current entering at r = L) or quarter (the 3D quarter around a square electrode).") var geometry: String = "axisymmetric"
    @Option(help: "Lateral (radial) cells, graded toward the electrode (default: 96 axisymmetric, 48 quarter).") var lateralCells: Int?
    @Option(help: "Cells across the thickness (default: 8 axisymmetric, 6 quarter).") var verticalCells: Int?
    @Option(help: "Phase coupling: alternating, joint, newton or continuation.") var phaseCoupling: String = "alternating"
    @Option(help: "Joint coupling: metal fraction per K of violation per step.") var phaseGain: Double = 1
    @Option(help: "Continuation coupling: width in K of the smoothed switching threshold.") var transitionWidth: Double = 1
    @Option(help: "Switching temperature T_IMT in K (T0 = 300 K).") var switchingTemperature: Double = 305
    @Option(help: "Hysteresis width T_IMT − T_MIT in K.") var hysteresis: Double = 1
    @Option(help: "Drive-ramp steps per current (1: the current switched on in one step, halved on failure; default: 16 axisymmetric, 8 quarter).") var ramp: Int?
    @Option(help: "Grid levels: > 1 ramps on a grid with halved cell counts and refines (grid sequencing).") var gridLevels: Int = 1
    @Option(help: "Phase coupling on the refined grid levels (default: --phase-coupling).") var refinedCoupling: String?
    @Option(help: "Alternating coupling: a phase update moves only cells whose violation is ≥ this fraction of the largest (0: all beyond tolerance; default: 0.5 axisymmetric, 0 quarter).") var phaseUpdateCutoff: Double?
    @Option(help: "Upper bound on field iterations per steady solve (default: 3000 axisymmetric, 1000 quarter).") var maxFieldIterations: Int?
    @Flag(help: "Where the ramp finds no steady state, switch the current on at t = 0 and integrate in time to the steady state.") var timeRelaxation = false
    @Option(help: "Tolerance on the fitted exponent (|p − 1/2|).") var exponentTolerance: Double = 0.1
    @Option(help: "Tolerance on r_c relative to the ODE shooting value, judged where Eq. 14 gives r_c ≥ --regime-ratio × h.") var radiusTolerance: Double = 0.3
    @Option(help: "The regime of Eq. 14 for the radius check: Eq. 14's r_c/h at least this.") var regimeRatio: Double = 4
    @Flag(help: "No progress on stderr.") var quiet = false

    func run() throws {
        let provenance = FilamentVersion.provenance()
        guard ["axisymmetric", "quarter"].contains(geometry) else { throw ValidationError("--geometry: axisymmetric or quarter (got '\(geometry)')") }
        var study = geometry == "axisymmetric" ? CriticalRadiusStudy.axisymmetricFilm() : CriticalRadiusStudy()
        study.lateralCells = lateralCells ?? study.lateralCells
        study.verticalCells = verticalCells ?? study.verticalCells
        guard (4...4096).contains(study.lateralCells), (2...256).contains(study.verticalCells) else {
            throw ValidationError("--lateral-cells must lie in 4...4096 and --vertical-cells in 2...256 (got \(study.lateralCells), \(study.verticalCells))")
        }
        guard regimeRatio > 0 else { throw ValidationError("--regime-ratio must be > 0 (got \(regimeRatio))") }
        guard let coupling = PhaseCoupling(rawValue: phaseCoupling) else { throw ValidationError("--phase-coupling: alternating, joint, newton or continuation") }
        study.settings.phaseCoupling = coupling
        guard transitionWidth > 0 else { throw ValidationError("--transition-width must be > 0 K (got \(transitionWidth))") }
        study.settings.transitionWidth = transitionWidth
        study.settings.phaseGain = phaseGain
        guard (301...1000).contains(switchingTemperature) else {
            throw ValidationError("--switching-temperature must lie in [301, 1000] K (got \(switchingTemperature))")
        }
        study.switchingTemperature = switchingTemperature
        guard (0..<(study.switchingTemperature - study.substrateTemperature)).contains(hysteresis) else {
            throw ValidationError("--hysteresis must lie in [0, \(study.switchingTemperature - study.substrateTemperature)) K (got \(hysteresis))")
        }
        study.hysteresisWidth = hysteresis
        let rampSteps = ramp ?? study.rampSteps
        guard (1...256).contains(rampSteps) else { throw ValidationError("--ramp must lie in 1...256 (got \(rampSteps))") }
        study.rampSteps = rampSteps
        guard (1...4).contains(gridLevels) else { throw ValidationError("--grid-levels must lie in 1...4 (got \(gridLevels))") }
        study.gridLevels = gridLevels
        study.timeRelaxationFallback = timeRelaxation
        let cutoff = phaseUpdateCutoff ?? study.settings.phaseUpdateCutoff
        guard (0..<1).contains(cutoff) else { throw ValidationError("--phase-update-cutoff must lie in [0, 1) (got \(cutoff))") }
        study.settings.phaseUpdateCutoff = cutoff
        let iterations = maxFieldIterations ?? study.settings.maxFieldIterations
        guard (1...100_000).contains(iterations) else { throw ValidationError("--max-field-iterations must lie in 1...100000 (got \(iterations))") }
        study.settings.maxFieldIterations = iterations
        if let refinedCoupling {
            guard let c = PhaseCoupling(rawValue: refinedCoupling) else { throw ValidationError("--refined-coupling: alternating, joint, newton or continuation (got '\(refinedCoupling)')") }
            study.refinedCoupling = c
        }
        let progress = ProgressReporter(quiet: quiet)
        var table = "I_total_A,rc_simulated_m,rc_eq14_m,rc_ode_m,rc_eq37_38_m,rc_eq37_38_without_joule_m,rc_edge_loss_m,rc_eq14_over_h,j_at_rc_over_jcr,joule_over_peltier,energy_error,path\n"
        var profiles = "I_total_A,r_m,d_simulated_m\n"
        var odeProfiles = "I_total_A,r_m,d_ode_m\n"
        var fullProfiles = "I_total_A,r_m,d_eq37_38_m\n"
        var points: [(current: Double, radius: Double)] = []
        var edgePoints: [(current: Double, radius: Double)] = []
        var failures: [String] = []
        print("I_total (mA) | r_c simulated (µm) | r_c Eq. 14 (µm) | r_c ODE (µm) | r_c Eqs. 37–38 (µm) | without Joule (µm) | r_c edge loss (µm) | Eq. 14 r_c/h | j(r_c)/j_cr | Joule/Peltier | energy error | path")
        for mA in currents.split(separator: ",").compactMap({ Double($0) }) {
            let current = mA * 1e-3
            let r: CriticalRadiusStudy.Run
            do { r = try study.run(totalCurrent: current, progress: progress) } catch {
                // keep the currents that did converge; the command still fails
                print(String(format: "%12.2f | did not converge: %@", mA, "\(error)"))
                fflush(nil)  // failure rows appear as they happen too
                failures.append(String(format: "no steady state at %.3g mA", mA))
                continue
            }
            let ode = study.ode(totalCurrent: current)
            let rcODE = ode.criticalRadius(innerRadius: study.electrodeSize)
            let rc14 = ode.smallSlopeCriticalRadius
            let full = study.ode(totalCurrent: current, form: .jouleAndPeltier)
            // Where Joule heat alone brings the insulator to T_MIT out to the shooting's start, no
            // interface satisfies Eqs. 37–38 and the shooting collapses onto the electrode: NaN.
            let shot = full.criticalRadius(innerRadius: study.electrodeSize)
            let rcFull = shot > 1.01 * study.electrodeSize ? shot : .nan
            var peltierOnly = full
            peltierOnly.insulatorResistivity = 0
            let rcFullNoJoule = peltierOnly.criticalRadius(innerRadius: study.electrodeSize)
            // the regime of Eq. 14: r_c ≫ h (edge loss, `edgeLossCriticalRadius`) and j(r_c) ≪ j_cr (no Joule switching)
            let rcEdge = edgeLossCriticalRadius(eq14Radius: rc14, thickness: study.thickness)
            let jouleRatio = study.closedForms.pointElectrodeJouleRatio(current: current, radius: r.criticalRadius)
            points.append((current, r.criticalRadius))
            edgePoints.append((current, rcEdge))
            print(String(format: "%12.2f | %18.1f | %15.1f | %12.1f | %19.1f | %18.1f | %18.1f | %12.2f | %11.3f | %13.3f | %.1e | ", mA, r.criticalRadius * 1e6, rc14 * 1e6,
                         rcODE * 1e6, rcFull * 1e6, rcFullNoJoule * 1e6, rcEdge * 1e6, rc14 / study.thickness, jouleRatio, r.jouleOverPeltier, r.energyError) + r.path)
            fflush(nil)  // rows appear as they are computed, also into a file
            table += "\(current),\(r.criticalRadius),\(rc14),\(rcODE),\(rcFull),\(rcFullNoJoule),\(rcEdge),\(rc14 / study.thickness),\(jouleRatio),\(r.jouleOverPeltier),\(r.energyError),\(r.path)\n"
            for p in r.profile { profiles += "\(current),\(p.r),\(p.d)\n" }
            for p in ode.profile(criticalRadius: rcODE, innerRadius: study.electrodeSize) { odeProfiles += "\(current),\(p.r),\(p.d)\n" }
            if rcFull.isFinite {
                for p in full.profile(criticalRadius: rcFull, innerRadius: study.electrodeSize) { fullProfiles += "\(current),\(p.r),\(p.d)\n" }
            }
            if rc14 >= regimeRatio * study.thickness, abs(r.criticalRadius / rcODE - 1) > radiusTolerance { failures.append(String(format: "r_c at %.3g mA off the ODE by %.0f %%", mA, 100 * (r.criticalRadius / rcODE - 1))) }
        }
        guard points.count >= 2 else {
            throw ValidationFailed(failures: failures + ["fewer than two currents converged: no fit"])
        }
        let fit = CriticalRadiusStudy.powerLawFit(points)
        // the same fit through the edge-loss closed form at the same currents: the local
        // exponent Eq. 14 acquires at r_c of a few h
        let edgeFit = CriticalRadiusStudy.powerLawFit(edgePoints)
        let eq14Prefactor = study.ode(totalCurrent: 1).smallSlopeCriticalRadius
        print(String(format: "fit r_c = A |I|^p: p = %.3f (Eq. 14: 0.5; edge-loss estimate at these currents: %.3f), A = %.4g m/A^p (Eq. 14: %.4g m/A^0.5)",
                     fit.exponent, edgeFit.exponent, fit.prefactor, eq14Prefactor))
        if abs(fit.exponent - 0.5) > exponentTolerance { failures.append(String(format: "exponent %.3f", fit.exponent)) }
        let span = points.map(\.current).max()! / points.map(\.current).min()!
        if points.count < 4 || span < 9.99 { failures.append(String(format: "the fit needs ≥ 4 currents over a decade (has %d over a factor %.2f)", points.count, span)) }
        let dir = URL(fileURLWithPath: out)
        try AtomicFile.write(table, to: dir.appendingPathComponent("critical_radius.csv"))
        try AtomicFile.write(profiles, to: dir.appendingPathComponent("profiles_simulated.csv"))
        try AtomicFile.write(odeProfiles, to: dir.appendingPathComponent("profiles_ode.csv"))
        try AtomicFile.write(fullProfiles, to: dir.appendingPathComponent("profiles_eq37_38.csv"))
        try AtomicFile.write(String(format: "{\"geometry\": \"%@\", \"exponent\": %.6f, \"prefactor_m_per_A_pow_p\": %.6g, \"eq14_prefactor_m_per_sqrtA\": %.6g, \"edge_loss_exponent\": %.6f}\n",
                                    geometry, fit.exponent, fit.prefactor, eq14Prefactor, edgeFit.exponent),
                             to: dir.appendingPathComponent("fit.json"))
        try StudySummary.write(study: "rc", failures: failures, provenance: provenance, to: dir)
        print("report written to \(dir.path)")
        if !failures.isEmpty { throw ValidationFailed(failures: failures) }
    }
}

