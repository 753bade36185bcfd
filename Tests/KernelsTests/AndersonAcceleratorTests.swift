import XCTest
@testable import Kernels

final class AndersonAcceleratorTests: XCTestCase {
    /// G(x) = M x + b with a slowly contracting M (spectral radius 0.99): on a linear map, Anderson
    /// with depth ≥ n is a Krylov method and reaches the fixed point in about n + 1 steps, where
    /// damped Picard needs thousands. The fixed point is checked against a direct solve.
    func testLinearMapConvergesLikeAKrylovMethod() {
        let n = 6
        let eigenvalues = (0..<n).map { 0.99 - 0.15 * Double($0) }
        // M = Q diag(λ) Qᵀ with Q a Householder reflection, so M is symmetric with known spectrum.
        let v = (0..<n).map { 1.0 + Double($0) }
        let vv = v.reduce(0) { $0 + $1 * $1 }
        func q(_ i: Int, _ j: Int) -> Double { (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv }
        var m = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n { for j in 0..<n { for k in 0..<n { m[i][j] += q(i, k) * eigenvalues[k] * q(j, k) } } }
        let b = (0..<n).map { Double($0 % 3) - 0.7 }
        func g(_ x: [Double]) -> [Double] { (0..<n).map { i in b[i] + (0..<n).reduce(0) { $0 + m[i][$1] * x[$1] } } }
        // exact: x* = Q diag(1/(1−λ)) Qᵀ b
        var exact = [Double](repeating: 0, count: n)
        for i in 0..<n { for k in 0..<n { for j in 0..<n { exact[i] += q(i, k) / (1 - eigenvalues[k]) * q(j, k) * b[j] } } }

        var anderson = AndersonAccelerator(depth: n)
        var x = [Double](repeating: 0, count: n)
        var steps = 0
        while steps < 50 {
            let gx = g(x)
            if zip(gx, x).map({ abs($0 - $1) }).max()! < 1e-11 { break }
            x = anderson.next(x: x, gx: gx, damping: 1)
            steps += 1
        }
        XCTAssertLessThanOrEqual(steps, n + 3, "Anderson(depth n) on a linear map: at most n + O(1) steps")
        for i in 0..<n { XCTAssertEqual(x[i], exact[i], accuracy: 1e-9 * max(1, abs(exact[i]))) }

        var picard = AndersonAccelerator(depth: 0)
        var y = [Double](repeating: 0, count: n)
        for _ in 0..<steps { y = picard.next(x: y, gx: g(y), damping: 1) }
        let picardError = zip(y, exact).map { abs($0 - $1) }.max()!
        XCTAssertGreaterThan(picardError, 1e-3, "plain Picard is still far from x* after as many steps")
    }

    /// Identical history columns (a stalled iteration) make the least-squares problem rank-deficient:
    /// the pivoted QR drops the dependent column and the step stays finite.
    func testRankDeficientHistoryGivesAFiniteStep() {
        let columns: [[Double]] = [[1, 2, 3, 4], [1, 2, 3, 4], [0, 1, 0, 1]]
        let gamma = AndersonAccelerator.leastSquares(columns: columns, rhs: [2, 5, 6, 9])
        XCTAssertNotNil(gamma)
        let fit = (0..<4).map { i in (0..<3).reduce(0.0) { $0 + columns[$1][i] * gamma![$1] } }
        // best fit of [2,5,6,9] by span{(1,2,3,4),(0,1,0,1)}: exact, residual zero
        for (a, e) in zip(fit, [2.0, 5, 6, 9]) { XCTAssertEqual(a, e, accuracy: 1e-10) }
    }
}
