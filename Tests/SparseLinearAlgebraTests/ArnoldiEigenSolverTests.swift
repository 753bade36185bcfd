import XCTest
import Foundation
@testable import SparseLinearAlgebra

/// The shift-invert Arnoldi solver against closed forms and against LAPACK's dense QZ.
final class ArnoldiEigenSolverTests: XCTestCase {
    /// Finite-volume heat equation c V dT/dt = −K T on an nx×ny×nz box of cells h: adiabatic
    /// (Neumann) in x and y, fixed temperature (Dirichlet, boundary face at h/2) in z.
    func heatBox(_ n: (Int, Int, Int), _ h: (Double, Double, Double), kappa: Double)
        -> (jacobian: SparseMatrix, volume: Double) {
        let (nx, ny, nz) = n
        func id(_ i: Int, _ j: Int, _ k: Int) -> Int { i + nx * (j + ny * k) }
        let size = nx * ny * nz, volume = h.0 * h.1 * h.2
        var entries: [(row: Int, col: Int)] = []
        var values: [Int: Double] = [:]
        for k in 0..<nz { for j in 0..<ny { for i in 0..<nx {
            let p = id(i, j, k)
            entries.append((p, p))
            let neighbours = [((i + 1, j, k), h.0, h.1 * h.2), ((i - 1, j, k), h.0, h.1 * h.2),
                              ((i, j + 1, k), h.1, h.0 * h.2), ((i, j - 1, k), h.1, h.0 * h.2),
                              ((i, j, k + 1), h.2, h.0 * h.1), ((i, j, k - 1), h.2, h.0 * h.1)]
            for ((a, b, c), d, area) in neighbours {
                if c < 0 || c >= nz { values[p * size + p, default: 0] -= kappa * area / (d / 2); continue }
                guard a >= 0, a < nx, b >= 0, b < ny else { continue }
                let q = id(a, b, c), g = kappa * area / d
                entries.append((p, q))
                values[p * size + p, default: 0] -= g
                values[p * size + q, default: 0] += g
            }
        } } }
        let pattern = SparsityPattern(dimension: size, entries: entries)
        var m = SparseMatrix(pattern: pattern)
        for col in 0..<size { for s in pattern.columnStarts[col]..<pattern.columnStarts[col + 1] {
            m.values[s] = values[pattern.rowIndices[s] * size + col] ?? 0 } }
        return (m, volume)
    }

    /// λ = −(κ/c) Σ_axes (4/h²) sin²(m π / 2n): m = 0…n−1 (Neumann), m = 1…n (Dirichlet).
    /// (The continuum values −κ k²/c, k = mπ/L, follow as h → 0.)
    func testHeatBoxEigenvaluesMatchDiscreteClosedForm() throws {
        let n = (9, 7, 5), h = (1.0e-6, 1.3e-6, 0.4e-6)
        let kappa = 5.0, c = 2.5e6
        let (jacobian, volume) = heatBox(n, h, kappa: kappa)
        func mu(_ m: Int, _ cells: Int, _ h: Double) -> Double { 4 / (h * h) * pow(sin(Double(m) * .pi / Double(2 * cells)), 2) }
        var exact: [Double] = []
        for p in 0..<n.0 { for q in 0..<n.1 { for r in 1...n.2 {
            exact.append(-kappa / c * (mu(p, n.0, h.0) + mu(q, n.1, h.1) + mu(r, n.2, h.2)))
        } } }
        exact.sort(by: >)
        let result = try ArnoldiEigenSolver.eigenvalues(jacobian: jacobian, capacity: Array(repeating: c * volume, count: jacobian.dimension),
                                                        shift: 0, count: 6)
        XCTAssertEqual(result.converged, 6)
        XCTAssertGreaterThanOrEqual(result.pairs.count, 6)
        for (m, pair) in result.pairs.prefix(6).enumerated() {
            XCTAssertEqual(pair.real, exact[m], accuracy: 1e-6 * abs(exact[m]), "eigenvalue \(m)")
            XCTAssertEqual(pair.imaginary, 0, accuracy: 1e-9 * abs(exact[m]))
            XCTAssertLessThan(pair.residual, 1e-8)
        }
        // the leading one approaches the continuum −κ (π/L_z)²/c (Dirichlet in z, uniform in x
        // and y) to second order in h: the ratio is (sin x / x)², x = π/(2 n_z) — 3.3 % low at n_z = 5
        let lz = Double(n.2) * h.2, x = Double.pi / Double(2 * n.2)
        let continuum = -kappa / c * pow(.pi / lz, 2)
        XCTAssertEqual(result.pairs[0].real / continuum, pow(sin(x) / x, 2), accuracy: 1e-6)
        XCTAssertGreaterThan(result.pairs[0].real / continuum, 0.96)
    }

    /// A nonsymmetric pencil with algebraic rows (zero capacity) and an unstable, complex part:
    /// the nearest eigenvalues agree with every finite eigenvalue LAPACK's QZ finds near 0.
    func testNonsymmetricSingularPencilMatchesDenseQZ() throws {
        let n = 60
        var entries: [(row: Int, col: Int)] = []
        var dense = [Double](repeating: 0, count: n * n)
        var rng = SystemRandomNumberGenerator.Seeded(seed: 7)
        for i in 0..<n {
            for j in [i - 2, i - 1, i, i + 1, i + 3] where j >= 0 && j < n {
                entries.append((i, j))
                let offDiagonal: Double = rng.next() - 0.3
                let diagonal: Double = -4 - Double(i % 5)
                dense[i * n + j] = i == j ? diagonal : offDiagonal
            }
        }
        dense[10 * n + 10] = 2.5   // an unstable direction
        let pattern = SparsityPattern(dimension: n, entries: entries)
        var jac = SparseMatrix(pattern: pattern)
        for col in 0..<n { for s in pattern.columnStarts[col]..<pattern.columnStarts[col + 1] { jac.values[s] = dense[pattern.rowIndices[s] * n + col] } }
        let capacity: [Double] = (0..<n).map { (i: Int) -> Double in i % 4 == 3 ? 0 : 1 + 0.1 * Double(i % 7) }
        var b = [Double](repeating: 0, count: n * n)
        for i in 0..<n { b[i * n + i] = capacity[i] }
        let reference = try DenseGeneralizedEigenvalues.eigenvalues(dense, b, n: n)
        let result = try ArnoldiEigenSolver.eigenvalues(jacobian: jac, capacity: capacity, shift: 0.1, count: 6)
        XCTAssertEqual(result.converged, 6)
        for pair in result.pairs {
            let nearest = reference.map { hypot($0.re - pair.real, $0.im - pair.imaginary) }.min()!
            XCTAssertLessThan(nearest, 1e-8 * max(1, hypot(pair.real, pair.imaginary)), "λ = \(pair.real) + \(pair.imaginary)i")
            XCTAssertLessThan(pair.residual, 1e-8)
        }
        // the found set is the 6 nearest the shift: none of QZ's is nearer than the farthest found
        let farthest = result.pairs.map { hypot($0.real - 0.1, $0.imaginary) }.max()!
        let nearer = reference.filter { hypot($0.re - 0.1, $0.im) < farthest * (1 - 1e-9) }.count
        XCTAssertLessThanOrEqual(nearer, result.pairs.count)
        XCTAssertEqual(result.pairs[0].real, reference[0].re, accuracy: 1e-8 * abs(reference[0].re))
    }
}

extension SystemRandomNumberGenerator {
    /// A reproducible uniform [0, 1) stream for test matrices (64-bit LCG).
    struct Seeded {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }
}
