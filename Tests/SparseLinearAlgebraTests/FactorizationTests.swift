import XCTest
@testable import SparseLinearAlgebra

final class FactorizationTests: XCTestCase {
    /// 7-point Laplacian plus a diagonal shift on an n³ grid (SPD).
    func laplacian(_ n: Int, shift: Double = 0.1) -> SparseMatrix {
        var entries: [(row: Int, col: Int)] = []
        func id(_ i: Int, _ j: Int, _ k: Int) -> Int { i + n * (j + n * k) }
        var values: [Int: Double] = [:]
        let size = n * n * n
        for k in 0..<n { for j in 0..<n { for i in 0..<n {
            let p = id(i, j, k)
            entries.append((p, p)); values[p * size + p, default: 0] += 6 + shift
            for (a, b, c) in [(i + 1, j, k), (i - 1, j, k), (i, j + 1, k), (i, j - 1, k), (i, j, k + 1), (i, j, k - 1)]
            where a >= 0 && a < n && b >= 0 && b < n && c >= 0 && c < n {
                let q = id(a, b, c)
                entries.append((p, q)); values[p * size + q, default: 0] -= 1
            }
        } } }
        let pattern = SparsityPattern(dimension: size, entries: entries)
        var m = SparseMatrix(pattern: pattern)
        for col in 0..<size { for s in pattern.columnStarts[col]..<pattern.columnStarts[col + 1] {
            m.values[s] = values[pattern.rowIndices[s] * size + col] ?? 0 } }
        return m
    }

    func residual(_ a: SparseMatrix, _ x: [Double], _ b: [Double]) -> Double {
        let ax = a.multiply(x)
        return zip(ax, b).map { abs($0 - $1) }.max()!
    }

    func testUMFPACKAndCHOLMODAgreeAndReuseSymbolic() throws {
        let a = laplacian(6)
        let xTrue = (0..<a.dimension).map { sin(Double($0)) }
        let b = a.multiply(xTrue)
        for kind in DirectSolverKind.allCases {
            let f = kind.makeFactorization()
            try f.factorize(a)
            let x = try f.solve(b)
            XCTAssertLessThan(zip(x, xTrue).map { abs($0 - $1) }.max()!, 1e-12, "\(kind)")
            var a2 = a
            for s in 0..<a2.values.count { a2.values[s] *= 2 }
            try f.factorize(a2)
            XCTAssertEqual(f.statistics.symbolicCount, 1, "same pattern: no second symbolic analysis (\(kind))")
            XCTAssertEqual(f.statistics.numericCount, 2)
            try f.factorize(a2)
            XCTAssertEqual(f.statistics.numericCount, 2, "unchanged values: factors reused (\(kind))")
            XCTAssertLessThan(residual(a2, try f.solve(b), b), 1e-12)
        }
    }

    func testCholeskyRejectsIndefiniteMatrix() {
        var a = laplacian(3)
        for s in 0..<a.values.count { a.values[s] = -a.values[s] }
        let f = CHOLMODFactorization()
        XCTAssertThrowsError(try f.factorize(a))
    }

    func testReusedFactorizationPreconditionsNearbyMatrix() throws {
        let a = laplacian(8)
        let solver = ReusedFactorizationSolver(factorization: CHOLMODFactorization())
        let b = (0..<a.dimension).map { cos(Double($0)) }
        _ = try solver.solve(a, b)
        var a2 = a
        let diagonalSlot = a.pattern.slot(row: 10, col: 10)!
        a2.values[diagonalSlot] += 3  // a rank-one change
        let x = try solver.solve(a2, b)
        XCTAssertLessThan(residual(a2, x, b), 1e-11)
        XCTAssertEqual(solver.factorization.statistics.numericCount, 1, "rank-one change solved by PCG on the old factors")
        XCTAssertGreaterThan(solver.pcgIterations, 0)
    }
}
