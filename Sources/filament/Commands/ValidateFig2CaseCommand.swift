import ArgumentParser
import Foundation
import IO
import Solvers
import Simulations

struct ValidateFig2Case: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fig2-case", abstract: "One PH Fig. 2 film run with chosen groups: where the metal forms, how far it reaches, mean temperatures.")

    @Option(help: "Cells along x,y,z.") var cells: String = "40,40,8"
    @Option(help: "ρ_I I²/(κ L² T0).") var joule: Double = 0.2
    @Option(help: "I ΔS/(κ L).") var peltier: Double = -0.2
    @Option(help: "W / L.") var widthRatio: Double = 1
    @Option(help: "Lead Seebeck coefficient in V/K (nil: 0).") var leadSeebeck: Double = 0
    @Option(help: "Ramp steps.") var ramp: Int = 8
    @Option(help: "Electrode half width across y in mm (default: half a cell).") var electrodeHalfWidthMm: Double?
    @Option(help: "Hysteresis width T_IMT − T_MIT in K, centred on 360 K.") var hysteresis: Double = 0
    @Flag(help: "Reverse the current.") var reverse = false
    @Option(help: "Phase coupling: alternating, joint, newton or continuation.") var phaseCoupling: String = "alternating"
    @Option(help: "Joint coupling: metal fraction per K of violation per step.") var phaseGain: Double = 1
    @Option(help: "Continuation coupling: width in K of the smoothed switching threshold.") var transitionWidth: Double = 1
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
        guard let coupling = PhaseCoupling(rawValue: phaseCoupling) else { throw ValidationError("--phase-coupling: alternating, joint, newton or continuation") }
        study.film.settings.phaseCoupling = coupling
        guard transitionWidth > 0 else { throw ValidationError("--transition-width must be > 0 K (got \(transitionWidth))") }
        study.film.settings.transitionWidth = transitionWidth
        study.film.settings.phaseGain = phaseGain
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

