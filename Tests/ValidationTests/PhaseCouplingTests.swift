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
        var study = Fig2Study.halfDrive(cells: (8, 7, 3))
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

    /// The Fig. 2a film (W = L) at 0.5 I_a on a coarse mesh: the continuation with
    /// a 1 K window must land on the state the alternating iteration finds with the sharp
    /// threshold (an independent iteration and threshold model), obey its own phase law in
    /// every cell and conserve energy.
    func testContinuationMatchesAlternatingAtHalfDrive() throws {
        var study = Fig2Study.halfDrive()
        let sharp = try study.run(progress: ProgressReporter(quiet: true)).solution
        study.film.settings.phaseCoupling = .continuation
        study.film.settings.transitionWidth = 1
        let solver = try study.makeSolver(progress: ProgressReporter(quiet: true))
        let smooth = try study.run(progress: ProgressReporter(quiet: true), solver: solver).solution
        XCTAssertGreaterThan(sharp.metalFraction, 0.005, "the drive must switch some cells")
        XCTAssertEqual(smooth.voltage, sharp.voltage, accuracy: 2e-3 * sharp.voltage)
        XCTAssertEqual(smooth.metalFraction, sharp.metalFraction, accuracy: 0.05 * sharp.metalFraction)
        XCTAssertEqual(smooth.meanTemperature, sharp.meanTemperature, accuracy: 0.05)
        XCTAssertLessThan(smooth.energyBalanceRelativeError, 1e-8)
        let material = solver.model.problem.material
        for c in 0..<smooth.state.temperature.count {
            let law = material.smoothedMetalFraction(memory: 0, at: smooth.state.temperature[c], width: 1)
            XCTAssertEqual(smooth.state.metalFraction[c], law.fraction, accuracy: 1e-12, "cell \(c)")
        }
    }

    /// The same film with the 4 K window of the Fig. 2 suite: metal at the negative electrode
    /// only, and at −I the mirror image.
    func testContinuationReversalIsAMirror() throws {
        var study = Fig2Study.halfDrive()
        study.film.settings.phaseCoupling = .continuation
        study.film.settings.transitionWidth = 4
        let forward = try study.run(progress: ProgressReporter(quiet: true))
        study.polarity = -1
        let reversed = try study.run(progress: ProgressReporter(quiet: true))
        // reaches are measured from x = 0 and from x = L; the negative electrode is at x = 0 for +I
        XCTAssertGreaterThan(forward.metalReachFromNegative, 0.1)
        XCTAssertEqual(forward.metalReachFromPositive, 0)
        XCTAssertEqual(reversed.metalReachFromPositive, forward.metalReachFromNegative, accuracy: 1e-12)
        XCTAssertEqual(reversed.metalReachFromNegative, forward.metalReachFromPositive, accuracy: 1e-12)
        XCTAssertLessThan(Fig2Suite.mirrorMismatch(forward.solution, reversed.solution), 1e-6)
    }

    /// The PH Fig. 2a material at 0.5 I_a on a coarse 10×9×3 W = L film with 0.2 mm electrodes.
}
