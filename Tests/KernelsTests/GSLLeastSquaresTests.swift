import XCTest
@testable import Kernels

/// GSL's trust-region least squares against the closed-form straight-line fit.
final class GSLLeastSquaresTests: XCTestCase {
    /// y = a + b x with unit weights: the normal equations give a, b and (XᵀX)⁻¹ exactly.
    func testStraightLineMatchesNormalEquations() throws {
        let x: [Double] = [0, 1, 2, 3, 4, 5, 6]
        let y: [Double] = [1.1, 2.9, 5.2, 6.8, 9.1, 11.0, 12.8]
        let result = try GSL.nonlinearLeastSquares(
            start: [0, 0], residualCount: x.count,
            residuals: { p in zip(x, y).map { p[0] + p[1] * $0 - $1 } },
            jacobian: { _ in x.map { [1, $0] } })
        let n = Double(x.count), sx = x.reduce(0, +), sxx = x.reduce(0) { $0 + $1 * $1 }
        let sy = y.reduce(0, +), sxy = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        let det = n * sxx - sx * sx
        let b = (n * sxy - sx * sy) / det, a = (sy - b * sx) / n
        XCTAssertTrue(result.converged, result.stopReason)
        XCTAssertEqual(result.parameters[0], a, accuracy: 1e-9)
        XCTAssertEqual(result.parameters[1], b, accuracy: 1e-9)
        XCTAssertEqual(result.covariance[0][0], sxx / det, accuracy: 1e-12)
        XCTAssertEqual(result.covariance[1][1], n / det, accuracy: 1e-12)
        XCTAssertEqual(result.covariance[0][1], -sx / det, accuracy: 1e-12)
    }

    /// An error thrown by the residual function stops the fit and reaches the caller.
    func testResidualErrorIsRethrown() {
        struct Boom: Error {}
        XCTAssertThrowsError(try GSL.nonlinearLeastSquares(
            start: [1], residualCount: 1, residuals: { _ in throw Boom() }, jacobian: { _ in [[1]] })) { error in
            XCTAssertTrue(error is Boom)
        }
    }
}
