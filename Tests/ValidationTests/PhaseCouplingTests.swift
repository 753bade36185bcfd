import XCTest
import Mesh
import Materials
import Solvers
@testable import Simulations

/// The joint (T, φ) iteration and frozen phase maps.
final class PhaseCouplingTests: XCTestCase {
    /// Joint coupling reaches the same metal layer as PH Eq. 11 (the alternating scheme's test).
    func testJointCouplingMatchesEq11() throws {
        var study = SlabStudy()
        study.settings.phaseCoupling = .joint
        study.settings.phaseGain = 0.05
        try checkEq11(study)
    }

    /// Below the switching threshold Newton's method and the Picard iteration solve the same
    /// nonlinear field problem (Joule and Peltier feedback, Seebeck EMFs): same temperatures to
    /// 1e-7 K, and Newton in a handful of iterations.
    func testNewtonMatchesPicardWithoutSwitching() throws {
        var study = Fig2Study()
        study.film.cells = (8, 7, 3)
        study.film.electrodeHalfWidth = 1e-4
        study.jouleStrength = 0.2 * 0.5 * 0.5
        study.peltierStrength = -0.2 * 0.5
        study.film.insulatorToMetalTemperature = 900   // no switching: a pure field problem
        study.film.metalToInsulatorTemperature = 900
        let picard = try study.makeSolver(progress: ProgressReporter(quiet: true)).solve()
        study.film.settings.phaseCoupling = .newton
        let newton = try study.makeSolver(progress: ProgressReporter(quiet: true)).solve()
        XCTAssertEqual(newton.metalFraction, 0, "the test case must stay below T_IMT")
        XCTAssertGreaterThan(picard.maximumTemperature - 300, 5, "the drive must heat the film")
        let gap = zip(picard.state.temperature, newton.state.temperature).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(gap, 1e-7)
        XCTAssertLessThanOrEqual(newton.fieldIterations, 8)
        XCTAssertLessThan(newton.energyBalanceRelativeError, 1e-8)
    }

    private func checkEq11(_ study: SlabStudy) throws {
        let forms = study.closedForms
        for ratio in [1.5, 3.0] {
            let j0 = ratio * forms.criticalCurrentDensity
            let solution = try SteadyStateSolver(problem: study.problem(currentDensity: j0, cellsAlongZ: 50)).solve()
            let d = SlabStudy.metalLayerThickness(solution)
            XCTAssertEqual(d / forms.thickness, forms.metalLayerThickness(currentDensity: j0) / forms.thickness,
                           accuracy: 0.03, "j0/jcr = \(ratio)")
            XCTAssertLessThanOrEqual(solution.maxThresholdViolation, study.settings.phaseTolerance)
            XCTAssertLessThan(solution.energyBalanceRelativeError, 1e-8)
        }
    }

    /// A frozen map stays as prescribed; the fields still balance energy and the violation of
    /// the thresholds is reported.
    func testFrozenTrialBoundaryKeepsItsMap() throws {
        var study = Fig2Study()
        study.film.cells = (10, 9, 3)
        study.film.electrodeHalfWidth = 1e-4
        let map = study.trialMetalFraction(reach: 2e-4)
        let g = study.configuredFilm.grid
        XCTAssertEqual(map[g.index(0, 4, 2)], 1, "metal at the negative electrode")
        XCTAssertEqual(map[g.index(9, 4, 2)], 0, "insulator at the positive electrode")
        XCTAssertEqual(map[g.index(3, 4, 2)], 0, "beyond x = 0.3 L the top row is insulating")
        let r = try study.runTrialBoundary(reach: 2e-4, progress: ProgressReporter(quiet: true))
        XCTAssertEqual(r.solution.state.metalFraction, map)
        XCTAssertEqual(r.metalReachFromNegative, 0.3, accuracy: 1e-12)
        XCTAssertGreaterThan(r.solution.maxThresholdViolation, 1)
        XCTAssertLessThan(r.solution.energyBalanceRelativeError, 1e-8)
    }
}
