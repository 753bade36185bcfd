import XCTest
import Solvers
@testable import Simulations

/// Fast tier: the current sweep of the parallel-current slab follows
/// the V–I curve implied by PH Eq. 11 within 3 %, the loop closes for T_IMT = T_MIT and opens
/// for T_IMT > T_MIT. The 100-cell, 100-step study is `filament sweep validate`.
final class SweepSlabTests: XCTestCase {
    func sweep(width: Double, cells: Int = 60, steps: Int = 8) throws -> (SweepResult, SlabHysteresisReference) {
        var study = SlabStudy()
        study.insulatorToMetalTemperature = study.closedForms.switchingTemperature + width
        let reference = SlabHysteresisReference(study: study)
        let peak = 3 * reference.criticalCurrent(switching: study.insulatorToMetalTemperature)
        let plan = SweepPlan(quantity: .current, peak: peak, steps: steps)
        return (try SweepRunner(plan: plan).run(problem: study.problem(currentDensity: 0, cellsAlongZ: cells)), reference)
    }

    func testCurrentSweepFollowsEq11AndHysteresisOpensTheLoop() throws {
        let (closed, reference) = try sweep(width: 0)
        let (open, openReference) = try sweep(width: 6)
        let scale = reference.criticalCurrent(switching: 360) * reference.criticalCurrent(switching: 360) * reference.insulatingResistance
        XCTAssertLessThan(reference.worstRelativeDeviation(closed).error, 0.03)
        XCTAssertLessThan(openReference.worstRelativeDeviation(open).error, 0.03)
        XCTAssertLessThan(closed.loopArea / scale, 2e-3, "T_IMT = T_MIT: the loop closes")
        XCTAssertGreaterThan(open.loopArea, 10 * closed.loopArea)
        XCTAssertEqual(open.loopArea, openReference.loopArea(peakCurrent: open.plan.peak), accuracy: 0.25 * openReference.loopArea(peakCurrent: open.plan.peak))
        XCTAssertLessThan(closed.worstEnergyBalanceError, 1e-8)
        // metal appears on the way up and disappears on the way down, at the thresholds of PH Eq. 9
        let onset = try XCTUnwrap(open.events.first { $0.kind == .onset })
        let vanish = try XCTUnwrap(open.events.first { $0.kind == .vanish })
        XCTAssertEqual(onset.branch, .up)
        XCTAssertEqual(vanish.branch, .down)
        XCTAssertEqual(onset.after.current / openReference.criticalCurrent(switching: 366), 1, accuracy: 0.01)
        XCTAssertEqual(vanish.before.current / openReference.criticalCurrent(switching: 360), 1, accuracy: 0.01)
    }

    func testFailedStepIsRetriedAndNeverRecorded() throws {
        var study = SlabStudy()
        study.settings.maxFieldIterations = 6  // too few for the switching steps
        let plan = SweepPlan(quantity: .current, peak: 2 * study.closedForms.criticalCurrentDensity * study.crossSection, steps: 4,
                             minimumStepFraction: 1.0 / 8)
        do {
            let result = try SweepRunner(plan: plan).run(problem: study.problem(currentDensity: 0, cellsAlongZ: 20))
            XCTAssertFalse(result.failures.isEmpty, "some step must have failed and been retried")
            XCTAssertGreaterThan(result.rows.map(\.metalFraction).max()!, 0.05, "the sweep went through the transition")
            XCTAssertTrue(result.rows.allSatisfy { $0.energyBalanceError < 1e-6 })
        } catch let SweepError.stepFailed(_, message, completed) {
            XCTAssertGreaterThan(completed.rows.count, 1, "the sweep got going before it stopped")
            XCTAssertTrue(message.contains("did not converge"), message)
            XCTAssertFalse(completed.failures.isEmpty)
            XCTAssertTrue(completed.rows.allSatisfy { $0.energyBalanceError < 1e-6 }, "only converged points are recorded")
        }
    }
}
