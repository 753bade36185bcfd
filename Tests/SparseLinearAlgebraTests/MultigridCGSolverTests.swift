import XCTest
@testable import SparseLinearAlgebra

/// Multigrid CG against CHOLMOD on the kind of system the charge operator produces: a
/// seven-point conductance matrix with a 10:1 contrast, grounded through a small contact
/// patch (Neumann elsewhere, so the operator is nearly singular) and one floating contact
/// whose potential is an extra border unknown coupled to a patch of cells.
final class MultigridCGSolverTests: XCTestCase {
    struct BoxSystem {
        let cells: (x: Int, y: Int, z: Int)
        let matrix: SparseMatrix
    }

    /// Face conductances from a cell conductivity of 1 or 10 (a metallic slab in one corner,
    /// plus a checkered set of cells so the contrast is not grid aligned); harmonic faces.
    func box(_ nx: Int, _ ny: Int, _ nz: Int, floatingContact: Bool, extraCoupling: Bool = false) -> BoxSystem {
        let n = nx * ny * nz
        func id(_ i: Int, _ j: Int, _ k: Int) -> Int { i + nx * (j + ny * k) }
        func sigma(_ i: Int, _ j: Int, _ k: Int) -> Double {
            (i < nx / 3 && k > nz / 2) || (i * 7 + j * 3 + k) % 11 == 0 ? 10 : 1
        }
        var values: [Int: Double] = [:]  // row * dim + col
        let dim = n + (floatingContact ? 1 : 0)
        func add(_ r: Int, _ c: Int, _ v: Double) { values[r * dim + c, default: 0] += v }
        for k in 0..<nz { for j in 0..<ny { for i in 0..<nx {
            let p = id(i, j, k)
            add(p, p, 0)
            for (a, b, c) in [(i + 1, j, k), (i, j + 1, k), (i, j, k + 1)] where a < nx && b < ny && c < nz {
                let g = 2 / (1 / sigma(i, j, k) + 1 / sigma(a, b, c))
                let q = id(a, b, c)
                add(p, p, g); add(q, q, g); add(p, q, -g); add(q, p, -g)
            }
            // ground contact: a short line on the top face near x = 0
            if k == nz - 1 && j == ny / 2 && i < max(1, nx / 10) { add(p, p, 2 * sigma(i, j, k)) }
            // floating contact near x = L, driven through a load of conductance 1e-3
            if floatingContact && k == nz - 1 && j == ny / 2 && i >= nx - max(1, nx / 10) {
                let g = 2 * sigma(i, j, k)
                add(p, p, g); add(n, n, g); add(p, n, -g); add(n, p, -g)
            }
        } } }
        if floatingContact { add(n, n, 1e-3) }
        if extraCoupling {  // a non-neighbour coupling: not a seven-point stencil
            add(0, n - 1, -0.1); add(n - 1, 0, -0.1); add(0, 0, 0.1); add(n - 1, n - 1, 0.1)
        }
        let entries = values.keys.map { (row: $0 / dim, col: $0 % dim) }
        let pattern = SparsityPattern(dimension: dim, entries: entries)
        var m = SparseMatrix(pattern: pattern)
        for col in 0..<dim {
            for s in pattern.columnStarts[col]..<pattern.columnStarts[col + 1] {
                m.values[s] = values[pattern.rowIndices[s] * dim + col]!
            }
        }
        return BoxSystem(cells: (nx, ny, nz), matrix: m)
    }

    func directSolution(_ a: SparseMatrix, _ b: [Double]) throws -> [Double] {
        let f = CHOLMODFactorization()
        try f.factorize(a)
        return try f.solve(b)
    }

    func maxRelativeDifference(_ x: [Double], _ y: [Double]) -> Double {
        let scale = y.map(abs).max()!
        return zip(x, y).map { abs($0 - $1) }.max()! / scale
    }

    func testAgreesWithCholeskyWithFloatingContactAndOddCounts() throws {
        let system = box(29, 21, 9, floatingContact: true)
        XCTAssertTrue(system.matrix.isSymmetric())
        let b = (0..<system.matrix.dimension).map { sin(0.37 * Double($0)) }
        let reference = try directSolution(system.matrix, b)
        let solver = MultigridCGSolver(cells: system.cells, fallback: CHOLMODFactorization(), tolerance: 1e-12)
        let x = try solver.solve(system.matrix, b, initialGuess: nil)
        XCTAssertEqual(solver.fallbackSolves, 0, "the multigrid path must solve it, not the fallback")
        XCTAssertLessThan(maxRelativeDifference(x, reference), 1e-9)
        XCTAssertLessThanOrEqual(solver.cgIterations, 40, "multigrid preconditioning: a few tens of CG steps at most")
    }

    /// The point of multigrid: the CG iteration count hardly grows with the grid (a
    /// factor 2 refinement in every direction, 8× the cells).
    func testIterationCountNearlyIndependentOfTheGrid() throws {
        var counts: [Int] = []
        for (nx, ny, nz) in [(16, 16, 6), (32, 32, 12)] {
            let system = box(nx, ny, nz, floatingContact: true)
            let b = (0..<system.matrix.dimension).map { cos(0.11 * Double($0)) }
            let solver = MultigridCGSolver(cells: system.cells, fallback: CHOLMODFactorization(), tolerance: 1e-10)
            _ = try solver.solve(system.matrix, b, initialGuess: nil)
            XCTAssertEqual(solver.fallbackSolves, 0)
            counts.append(solver.cgIterations)
        }
        XCTAssertLessThanOrEqual(counts[1], counts[0] + 6, "iterations \(counts)")
    }

    func testErrorToleranceBoundsTheError() throws {
        let system = box(24, 17, 8, floatingContact: false)
        let b = (0..<system.matrix.dimension).map { 1 + sin(Double($0)) }
        let reference = try directSolution(system.matrix, b)
        let solver = MultigridCGSolver(cells: system.cells, fallback: CHOLMODFactorization())
        solver.errorTolerance = 1e-4
        let x = try solver.solve(system.matrix, b, initialGuess: nil)
        let error = maxRelativeDifference(x, reference)
        XCTAssertLessThan(error, 1e-3)
        XCTAssertGreaterThan(error, 1e-14, "an early stop, not a full solve")
    }

    func testNonStencilPatternFallsBackToTheFactorization() throws {
        let system = box(12, 9, 5, floatingContact: true, extraCoupling: true)
        let b = (0..<system.matrix.dimension).map { sin(Double($0)) }
        let solver = MultigridCGSolver(cells: system.cells, fallback: CHOLMODFactorization())
        let x = try solver.solve(system.matrix, b, initialGuess: nil)
        XCTAssertEqual(solver.fallbackSolves, 1)
        XCTAssertLessThan(maxRelativeDifference(x, try directSolution(system.matrix, b)), 1e-12)
    }

    /// The V-cycle is a symmetric operator (forward then backward Gauss–Seidel), which plain
    /// CG needs: uᵀ B v = vᵀ B u.
    func testVCycleIsSymmetric() throws {
        let system = box(20, 14, 7, floatingContact: false)
        let layout = try XCTUnwrap(StencilLayout(pattern: system.matrix.pattern, cells: system.cells))
        let hierarchy = try XCTUnwrap(MultigridHierarchy(finest: layout.stencil(of: system.matrix)))
        XCTAssertGreaterThan(hierarchy.levels.count, 2)
        let n = hierarchy.cellCount
        let u = (0..<n).map { sin(Double($0)) }, v = (0..<n).map { cos(3 * Double($0)) }
        var bu = u, bv = v
        hierarchy.apply(u, into: &bu)
        hierarchy.apply(v, into: &bv)
        let left = zip(v, bu).reduce(0) { $0 + $1.0 * $1.1 }, right = zip(u, bv).reduce(0) { $0 + $1.0 * $1.1 }
        XCTAssertEqual(left, right, accuracy: 1e-10 * abs(left))
    }
}
