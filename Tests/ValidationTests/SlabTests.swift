import XCTest
import Mesh
import Materials
import Solvers
@testable import Simulations

/// Fast tier of the slab validation (PH Eqs. 8–11); the refinement study lives in validation/.
final class SlabTests: XCTestCase {
    let study = SlabStudy()

    func testInsulatingProfileConvergesAtSecondOrder() throws {
        let j0 = 0.8 * study.closedForms.criticalCurrentDensity
        let coarse = try study.insulatingProfileError(currentDensity: j0, cellsAlongZ: 8)
        let fine = try study.insulatingProfileError(currentDensity: j0, cellsAlongZ: 16)
        XCTAssertEqual(coarse.solution.metalFraction, 0)
        let order = log2(coarse.error / fine.error)
        XCTAssertEqual(order, 2, accuracy: 0.1, "observed order \(order)")
        XCTAssertLessThan(fine.solution.energyBalanceRelativeError, 1e-8)
    }

    func testMetalLayerThicknessMatchesEq11() throws {
        let forms = study.closedForms
        for ratio in [1.5, 3.0] {
            let j0 = ratio * forms.criticalCurrentDensity
            let solution = try SteadyStateSolver(problem: study.problem(currentDensity: j0, cellsAlongZ: 50)).solve()
            let d = SlabStudy.metalLayerThickness(solution)
            let exact = forms.metalLayerThickness(currentDensity: j0)
            XCTAssertEqual(d / forms.thickness, exact / forms.thickness, accuracy: 0.03, "j0/jcr = \(ratio)")
            XCTAssertLessThan(solution.energyBalanceRelativeError, 1e-8)
        }
    }
}
