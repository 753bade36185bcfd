import XCTest
@testable import Solvers

final class SolverErrorTests: XCTestCase {
    func testNonConvergenceMessageCarriesNumbers() {
        let e = SolverError.notConverged(stage: "phase iteration", iterations: 40, residual: 2.5e-3,
                                         tolerance: 1e-10, detail: "12 cells oscillate")
        XCTAssertTrue(e.description.contains("40"))
        XCTAssertTrue(e.description.contains("0.0025"))
        XCTAssertTrue(e.description.contains("12 cells oscillate"))
    }
}
