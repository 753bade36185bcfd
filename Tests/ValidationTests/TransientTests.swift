import XCTest
import Solvers
@testable import Simulations

/// A transient run relaxes to the steady state, and the energy of a
/// transient balances (stored heat change + heat out = electrical work, per backward-Euler step).
final class TransientTests: XCTestCase {
    let study = SlabStudy()
    var iCr: Double { study.closedForms.criticalCurrentDensity * study.crossSection }

    func testRelaxesToSteadyState() throws {
        // steady states are defined to the phase tolerance (K) at the interface cell: tighten it
        var study = self.study
        study.settings.phaseTolerance = 1e-7
        let current = 1.5 * iCr
        let problem = study.problem(currentDensity: 0, cellsAlongZ: 12)
        var settings = TransientSettings()
        settings.maximumStep = 100
        let run = WaveformRun(waveform: .constant(current), endTime: 2000, settings: settings)
        let transient = try run.run(problem: problem)
        let steady = try SteadyStateSolver(problem: study.problem(currentDensity: current / study.crossSection, cellsAlongZ: 12)).solve()
        let final = try XCTUnwrap(transient.finalState)
        let difference = zip(final.temperature, steady.state.temperature).map { abs($0 / $1 - 1) }.max()!
        XCTAssertLessThan(difference, 1e-6)
        XCTAssertGreaterThan(steady.metalFraction, 0.05, "the relaxed state has switched")
        XCTAssertLessThan(transient.energyBalanceError, 1e-6)
    }

    func testEnergyBalanceOfAPulseThroughTheTransition() throws {
        for scheme in [TimeScheme.backwardEuler, .bdf2] {
            var settings = TransientSettings()
            settings.scheme = scheme
            settings.initialStep = 1e-3
            let pulse = Waveform.pulse(base: 0, amplitude: 2 * iCr, start: 0.01, width: 1.0, rise: 0.05)
            let run = WaveformRun(waveform: pulse, endTime: 2.5, settings: settings, snapshotEvery: 5)
            var times: [Double] = []
            let result = try run.run(problem: study.problem(currentDensity: 0, cellsAlongZ: 10)) { t, _ in times.append(t) }
            XCTAssertGreaterThan(result.rows.map(\.metalFraction).max()!, 0.05, "the pulse switches the slab")
            XCTAssertLessThan(result.rows.last!.metalFraction, 1e-9, "and it switches back")
            XCTAssertLessThan(result.energyBalanceError, 1e-6, "\(scheme)")
            XCTAssertEqual(times.first, 0, "the series starts with the state at t = 0")
            XCTAssertEqual(times.last!, 2.5, accuracy: 1e-12, "and ends with the last step")
            XCTAssertEqual(times.count, result.snapshotCount)
            XCTAssertEqual(times, times.sorted())
        }
    }
}
