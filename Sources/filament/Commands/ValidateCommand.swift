import ArgumentParser
import Foundation
import IO
import Solvers
import Simulations

/// `filament validate STUDY --out DIR`: regenerates a validation study's numbers as CSV and
/// a Markdown report; exits non-zero when a stated tolerance is missed.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Run a validation study against the closed forms (see validation/README.md).",
        subcommands: [ValidateSlab.self, ValidateFig2.self, ValidateCriticalRadius.self, ValidateFieldChannel.self])
}

struct ValidationFailed: Error, CustomStringConvertible {
    var failures: [String]
    var description: String { "validation failed: " + failures.joined(separator: "; ") }
}

struct ValidateSlab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slab", abstract: "Uniform-current slab: PH Eqs. 8 (order of accuracy), 9 (j_cr), 11 (d(j)).")

    @Option(help: "Output directory for the report and CSV files.")
    var out: String = "validation/reports/slab"

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        let validation = SlabValidation()
        let report = try validation.run(progress: ProgressReporter(quiet: quiet))
        let dir = URL(fileURLWithPath: out)
        var profile = "cells,max_abs_error_K,observed_order\n"
        for row in report.profile { profile += "\(row.cells),\(row.maxError),\(row.order.map { String($0) } ?? "")\n" }
        try AtomicFile.write(profile, to: dir.appendingPathComponent("profile_convergence.csv"))
        var samples = "z_m,T_simulated_K,T_eq8_K\n"
        for s in report.profileSamples { samples += "\(s.z),\(s.simulated),\(s.exact)\n" }
        try AtomicFile.write(samples, to: dir.appendingPathComponent("profile_finest.csv"))
        var layers = "j0_over_jcr,d_over_h_simulated,d_over_h_eq11,abs_error_over_h\n"
        for row in report.layers { layers += "\(row.ratio),\(row.simulated),\(row.exact),\(row.errorOverThickness)\n" }
        try AtomicFile.write(layers, to: dir.appendingPathComponent("layer_thickness.csv"))
        let markdown = markdownReport(report, validation)
        try AtomicFile.write(markdown, to: dir.appendingPathComponent("report.md"))
        print(markdown)
        print("report written to \(dir.path)")
        if !report.failures.isEmpty { throw ValidationFailed(failures: report.failures) }
    }

    func markdownReport(_ r: SlabValidation.Report, _ v: SlabValidation) -> String {
        var s = "# Slab validation (PH Eqs. 8, 9, 11)\n\n"
        s += "Insulating profile, max |T − Eq. 8| over cell centres at j0 = 0.8 j_cr:\n\n| cells in z | max error (K) | observed order |\n|---|---|---|\n"
        for row in r.profile { s += "| \(row.cells) | \(String(format: "%.3e", row.maxError)) | \(row.order.map { String(format: "%.3f", $0) } ?? "–") |\n" }
        let jcrError = r.criticalCurrent.simulated / r.criticalCurrent.exact - 1
        s += String(format: "\nCritical current density (top surface at T_MIT): simulated %.5g A/cm², Eq. 9 %.5g A/cm², relative error %.2e (tolerance %.0e)\n",
                    r.criticalCurrent.simulated * 1e-4, r.criticalCurrent.exact * 1e-4, jcrError, v.criticalCurrentTolerance)
        s += "\nMetal-layer thickness (\(v.layerCells) cells in z):\n\n| j0/j_cr | d/h simulated | d/h Eq. 11 | |Δd|/h |\n|---|---|---|---|\n"
        for row in r.layers { s += String(format: "| %.2f | %.4f | %.4f | %.4f |\n", row.ratio, row.simulated, row.exact, row.errorOverThickness) }
        s += String(format: "\nWorst energy-balance error |P − Q_out|/P over all solves: %.2e (tolerance %.0e)\n", r.worstEnergyError, v.energyTolerance)
        s += r.failures.isEmpty ? "\n**PASS**\n" : "\n**FAIL**: " + r.failures.joined(separator: "; ") + "\n"
        return s
    }
}

struct ValidateFig2: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fig2", abstract: "PH Fig. 2 film: where the metal forms, how far it reaches, mean temperatures.")

    @Option(help: "Cells along x,y,z.") var cells: String = "40,40,8"
    @Option(help: "ρ_I I²/(κ L² T0).") var joule: Double = 0.2
    @Option(help: "I ΔS/(κ L).") var peltier: Double = -0.2
    @Option(help: "W / L.") var widthRatio: Double = 1
    @Option(help: "Lead Seebeck coefficient in V/K (nil: 0).") var leadSeebeck: Double = 0
    @Option(help: "Ramp steps.") var ramp: Int = 8
    @Option(help: "Electrode half width across y in mm (default: half a cell).") var electrodeHalfWidthMm: Double?
    @Option(help: "Hysteresis width T_IMT − T_MIT in K, centred on 360 K.") var hysteresis: Double = 0
    @Flag(help: "Reverse the current.") var reverse = false
    @Flag(help: "No progress on stderr.") var quiet = false

    func run() throws {
        var study = Fig2Study()
        study.film.insulatorToMetalTemperature = 360 + hysteresis / 2
        study.film.metalToInsulatorTemperature = 360 - hysteresis / 2
        let n = cells.split(separator: ",").compactMap { Int($0) }
        guard n.count == 3 else { throw ValidationError("--cells takes NX,NY,NZ") }
        study.film.cells = (n[0], n[1], n[2])
        study.film.widthOverLength = widthRatio
        study.film.electrodeSeebeck = leadSeebeck
        study.film.electrodeHalfWidth = electrodeHalfWidthMm.map { $0 * 1e-3 }
        study.jouleStrength = joule
        study.peltierStrength = peltier
        study.rampSteps = ramp
        study.polarity = reverse ? -1 : 1
        let start = Date()
        let solver = try study.makeSolver(progress: ProgressReporter(quiet: quiet))
        let r: Fig2Study.Result
        do { r = try study.run(progress: ProgressReporter(quiet: quiet), solver: solver) } catch {
            if let last = solver.lastState {
                let g = solver.model.grid
                for k in stride(from: g.nz - 1, through: max(0, g.nz - 3), by: -1) {
                    print("last iterate, layer k = \(k):")
                    Fig2Study.layerMap(last, grid: g, material: solver.model.problem.material, layer: k).forEach { print($0) }
                }
            }
            throw error
        }
        let s = r.solution
        print(String(format: "I = %.4g mA, S_I = %.4g µV/K, V = %.4g V, metal fraction %.4f", 1e3 * s.current, 1e6 * r.insulatorSeebeck, s.voltage, s.metalFraction))
        print(String(format: "metal reach on the top row y = W/2: from x = 0: %.3f L, from x = L: %.3f L", r.metalReachFromNegative, r.metalReachFromPositive))
        print(String(format: "T mean / T0 = %.4f, top-surface mean / T0 = %.4f, T max = %.2f K, energy error %.1e, %d field iterations, %.1f s",
                     r.meanTemperatureOverT0, r.topMeanTemperatureOverT0, s.maximumTemperature, s.energyBalanceRelativeError, s.fieldIterations, Date().timeIntervalSince(start)))
        Fig2Study.topMap(s).forEach { print($0) }
    }
}

struct ValidateCriticalRadius: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rc", abstract: "Critical radius around a point electrode vs PH Eq. 14 and the interface ODE (Eq. 13/39).")

    @Option(help: "Output directory.") var out: String = "validation/reports/rc"
    @Option(help: "Total currents in mA (comma-separated, spanning ≥ a decade).") var currents: String = "6,12,24,60"
    @Option(help: "Lateral cells (graded toward the electrode).") var lateralCells: Int = 48
    @Option(help: "Cells across the thickness.") var verticalCells: Int = 6
    @Option(help: "Tolerance on the fitted exponent (|p − 1/2|).") var exponentTolerance: Double = 0.1
    @Option(help: "Tolerance on r_c relative to the ODE shooting value.") var radiusTolerance: Double = 0.3
    @Flag(help: "No progress on stderr.") var quiet = false

    func run() throws {
        var study = CriticalRadiusStudy()
        study.lateralCells = lateralCells
        study.verticalCells = verticalCells
        let progress = ProgressReporter(quiet: quiet)
        var table = "I_total_A,rc_simulated_m,rc_eq14_m,rc_ode_m,joule_over_peltier,energy_error\n"
        var profiles = "I_total_A,r_m,d_simulated_m\n"
        var odeProfiles = "I_total_A,r_m,d_ode_m\n"
        var points: [(current: Double, radius: Double)] = []
        var failures: [String] = []
        print("I_total (mA) | r_c simulated (µm) | r_c Eq. 14 (µm) | r_c ODE (µm) | Joule/Peltier | energy error")
        for mA in currents.split(separator: ",").compactMap({ Double($0) }) {
            let current = mA * 1e-3
            let r = try study.run(totalCurrent: current, progress: progress)
            let ode = study.ode(totalCurrent: current)
            let rcODE = ode.criticalRadius(innerRadius: study.electrodeSize)
            let rc14 = ode.smallSlopeCriticalRadius
            points.append((current, r.criticalRadius))
            print(String(format: "%12.2f | %18.1f | %15.1f | %12.1f | %13.3f | %.1e", mA, r.criticalRadius * 1e6, rc14 * 1e6, rcODE * 1e6, r.jouleOverPeltier, r.energyError))
            fflush(nil)  // rows appear as they are computed, also into a file
            table += "\(current),\(r.criticalRadius),\(rc14),\(rcODE),\(r.jouleOverPeltier),\(r.energyError)\n"
            for p in r.profile { profiles += "\(current),\(p.r),\(p.d)\n" }
            for p in ode.profile(criticalRadius: rcODE, innerRadius: study.electrodeSize) { odeProfiles += "\(current),\(p.r),\(p.d)\n" }
            if abs(r.criticalRadius / rcODE - 1) > radiusTolerance { failures.append(String(format: "r_c at %.3g mA off the ODE by %.0f %%", mA, 100 * (r.criticalRadius / rcODE - 1))) }
        }
        let fit = CriticalRadiusStudy.powerLawFit(points)
        let eq14Prefactor = study.ode(totalCurrent: 1).smallSlopeCriticalRadius
        print(String(format: "fit r_c = A |I|^p: p = %.3f (Eq. 14: 0.5), A = %.4g m/A^p (Eq. 14: %.4g m/A^0.5)", fit.exponent, fit.prefactor, eq14Prefactor))
        if abs(fit.exponent - 0.5) > exponentTolerance { failures.append(String(format: "exponent %.3f", fit.exponent)) }
        let dir = URL(fileURLWithPath: out)
        try AtomicFile.write(table, to: dir.appendingPathComponent("critical_radius.csv"))
        try AtomicFile.write(profiles, to: dir.appendingPathComponent("profiles_simulated.csv"))
        try AtomicFile.write(odeProfiles, to: dir.appendingPathComponent("profiles_ode.csv"))
        try AtomicFile.write(String(format: "{\"exponent\": %.6f, \"prefactor_m_per_A_pow_p\": %.6g, \"eq14_prefactor_m_per_sqrtA\": %.6g}\n", fit.exponent, fit.prefactor, eq14Prefactor),
                             to: dir.appendingPathComponent("fit.json"))
        print("report written to \(dir.path)")
        if !failures.isEmpty { throw ValidationFailed(failures: failures) }
    }
}

struct ValidateFieldChannel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "field-channel",
        abstract: "Run one geometry with the field-driven T_eff channel off and on and report the difference.")

    @Argument(help: "Geometry file.") var file: String = "geometries/slab-uniform-current.toml"
    @Option(help: "T_eff table (filament hf teff-table).") var table: String = "geometries/tables/hf-teff-U4-G0.05-11.json"
    @Flag(help: "No progress on stderr.") var quiet = false

    func run() throws {
        var device = try GeometryFile.load(URL(fileURLWithPath: file))
        let progress = ProgressReporter(quiet: quiet)
        func solve(_ problem: ElectrothermalProblem) throws -> SteadySolution {
            let solver = try SteadyStateSolver(problem: problem)
            solver.progress = { progress.report($0) }
            return try DriveRamp(steps: device.rampSteps, progress: progress).solve(solver)
        }
        device.problem.fieldDrivenSwitching = nil
        let off = try solve(device.problem)
        device.problem.fieldDrivenSwitching = try TableEffectiveTemperature(url: URL(fileURLWithPath: table))
        let on = try solve(device.problem)
        let switching = on.fieldSwitching!
        print("geometry \(file); field channel \(device.problem.fieldDrivenSwitching!.name)")
        print("quantity                 | channel off      | channel on")
        for (name, a, b) in [("current (A)", off.current, on.current), ("voltage (V)", off.voltage, on.voltage),
                             ("T max (K)", off.maximumTemperature, on.maximumTemperature),
                             ("metal fraction", off.metalFraction, on.metalFraction)] {
            print(name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: " | %-16.8g | %-16.8g", a, b))
        }
        let dT = zip(off.state.temperature, on.state.temperature).map { abs($0 - $1) }.max() ?? 0
        print(String(format: "max |ΔT| between the runs: %.3e K; field-switched cells: %d; max T_eff − T: %.3e K",
                     dT, switching.cells, switching.maxExcess))
    }
}
