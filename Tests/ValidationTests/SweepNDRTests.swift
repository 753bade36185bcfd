import XCTest
import Solvers
@testable import Simulations

/// Fast tier: a potential drive (R = 0) jumps across the NDR branch of
/// the slab (PH Fig. 1b, HF SI Fig. S1a); a large load resistor (HF SI Eqs. 3–5) holds points on it.
final class SweepNDRTests: XCTestCase {
    let study = SlabStudy()
    var iCr: Double { study.closedForms.criticalCurrentDensity * study.crossSection }
    var reference: SlabHysteresisReference { SlabHysteresisReference(study: study) }

    func testPotentialDriveJumpsAcrossTheNDRBranch() throws {
        let vCr = iCr * reference.insulatingResistance
        let plan = SweepPlan(quantity: .sourceVoltage, peak: 1.2 * vCr, steps: 8, loadResistance: 0)
        let result = try SweepRunner(plan: plan).run(problem: study.problem(currentDensity: 0, cellsAlongZ: 40))
        // the largest jump of each branch (a coarse mesh adds small steps where single cells switch)
        func largest(_ b: SweepBranch) -> SweepEvent? {
            result.events.filter { $0.kind == .jump && $0.branch == b }.max { abs($0.after.current - $0.before.current) < abs($1.after.current - $1.before.current) }
        }
        let up = try XCTUnwrap(largest(.up))
        let down = try XCTUnwrap(largest(.down))
        XCTAssertEqual(up.direction, .insulatorToMetal)
        XCTAssertEqual(down.direction, .metalToInsulator)
        XCTAssertEqual(up.before.sampleVoltage / vCr, 1, accuracy: 0.01, "switches up at V_cr = ρ_I j_cr L")
        XCTAssertGreaterThan(up.after.current, 5 * iCr, "lands on the metallic branch")
        XCTAssertEqual(down.before.sampleVoltage / vCr, 0.436, accuracy: 0.02, "switches down at the valley of PH Eq. 11")
        XCTAssertTrue(result.rows.allSatisfy { $0.current < 1.05 * iCr || $0.current > 2.2 * iCr }, "nothing on the NDR branch")
        XCTAssertLessThan(reference.worstRelativeDeviation(result).error, 0.03)
    }

    func testLoadResistorHoldsTheNDRBranch() throws {
        let load = 20 * reference.insulatingResistance
        let plan = SweepPlan(quantity: .sourceVoltage, peak: 3 * iCr * (0.5 * reference.insulatingResistance + load), steps: 10,
                             loadResistance: load)
        let result = try SweepRunner(plan: plan).run(problem: study.problem(currentDensity: 0, cellsAlongZ: 40))
        let onNDR = result.rows.filter { $0.current > 1.1 * iCr && $0.current < 2.2 * iCr }
        XCTAssertGreaterThanOrEqual(onNDR.count, 4)
        for e in result.events where e.kind == .jump {
            XCTAssertLessThan(e.before.current, 1.05 * iCr, "only the onset cusp may jump: \(e)")
        }
        XCTAssertLessThan(reference.worstRelativeDeviation(result).error, 0.03)
        for r in result.rows { XCTAssertEqual(r.sourceVoltage, r.sampleVoltage + load * r.current, accuracy: 1e-9 * r.sourceVoltage + 1e-12) }
    }
}
