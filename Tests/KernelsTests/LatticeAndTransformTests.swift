import XCTest
@testable import Kernels

/// Closed forms and independent quadratures for the building blocks of the DMFT loop.
final class LatticeAndTransformTests: XCTestCase {
    /// ∫ D(ε)/(z − ε) dε by a midpoint rule with n cells (independent of `Lattice.localGreen`).
    func quadratureGreen(_ density: (Double) -> Double, _ z: Complex, n: Int = 200_000) -> Complex {
        var s = Complex.zero
        let h = 2.0 / Double(n)
        for j in 0..<n {
            let e = -1 + (Double(j) + 0.5) * h
            s += (density(e) * h) / (z - Complex(e))
        }
        return s
    }

    func testBetheLocalGreenMatchesQuadrature() {
        let semicircle = { (e: Double) in 2 / Double.pi * (1 - e * e).squareRoot() }
        for z in [Complex(0.3, 0.05), Complex(-1.2, 0.2), Complex(0, 1.5), Complex(0.9, 0.01)] {
            let g = Lattice.bethe.localGreen(z), q = quadratureGreen(semicircle, z)
            XCTAssertEqual((g - q).length, 0, accuracy: 2e-4 * q.length, "z = \(z)")
        }
    }

    func testSquareLocalGreenMatchesQuadrature() {
        // Square-lattice DOS with half bandwidth 1: (2/π²) K(√(1−ε²)) via the real AGM.
        let dos = { (e: Double) in Lattice.square.density(e) }
        for z in [Complex(0.3, 0.1), Complex(-0.7, 0.05), Complex(0, 0.4), Complex(1.3, 0.2)] {
            let g = Lattice.square.localGreen(z), q = quadratureGreen(dos, z)
            XCTAssertEqual((g - q).length, 0, accuracy: 2e-3 * q.length, "z = \(z)")
        }
        // Normalisation of the DOS (log singularity at 0 handled by the fine midpoint mesh).
        let n = 400_000
        let norm = (0..<n).reduce(0.0) { $0 + dos(-1 + (Double($1) + 0.5) * 2 / Double(n)) * 2 / Double(n) }
        XCTAssertEqual(norm, 1, accuracy: 2e-3)
    }

    func testTripleConvolutionOfGaussians() {
        // A normalised Gaussian of variance s² convolved thrice is a Gaussian of variance 3s².
        let grid = RealFrequencyGrid(count: 2048, halfWidth: 4)
        let conv = RealAxisConvolver(grid: grid)
        let s = 0.2
        let a = grid.frequencies.map { exp(-$0 * $0 / (2 * s * s)) / (s * (2 * Double.pi).squareRoot()) }
        let p = conv.tripleConvolution(a)
        let v = 3 * s * s
        for i in stride(from: 0, to: grid.count, by: 97) {
            let w = grid.frequency(i)
            let exact = exp(-w * w / (2 * v)) / (2 * Double.pi * v).squareRoot()
            XCTAssertEqual(p[i], exact, accuracy: 1e-6)
        }
    }

    func testHilbertTransformOfLorentzian() {
        // ρ = (γ/π)/(ω² + γ²) ⇒ Re F = P∫ρ/(ω − x) = ω/(ω² + γ²) (up to the truncated tails ~ γ/(πW²)·ω).
        let grid = RealFrequencyGrid(count: 1 << 14, halfWidth: 40)
        let conv = RealAxisConvolver(grid: grid)
        let g = 0.3
        let rho = grid.frequencies.map { g / Double.pi / ($0 * $0 + g * g) }
        let re = conv.hilbert(rho)
        for w in [-2.0, -0.5, 0.1, 0.7, 3.0] {
            let i = Int((w / grid.spacing + Double(grid.count - 1) / 2).rounded())
            let x = grid.frequency(i)
            XCTAssertEqual(re[i], x / (x * x + g * g), accuracy: 2e-3, "ω = \(x)")
        }
    }

    func testMatsubaraTransformsOfSinglePole() {
        // G(iω) = 1/(iω − ε) ↔ G(τ) = −e^{−ετ}/(1 + e^{−βε}).
        let t = 0.05, e = 0.3
        let tr = MatsubaraTransforms(count: 512, temperature: t)
        let g = tr.frequencies.map { 1 / Complex(-e, $0) }
        let tau = tr.toTau(g, c1: 1, c2: 0)
        let beta = 1 / t, l = tau.count - 1
        for k in stride(from: 1, to: l, by: 131) {
            let x = Double(k) * beta / Double(l)
            XCTAssertEqual(tau[k], -exp(-e * x) / (1 + exp(-beta * e)), accuracy: 2e-4)
        }
        let back = tr.fromTau(tau)
        for n in [0, 1, 5, 40] { XCTAssertEqual((back[n] - g[n]).length, 0, accuracy: 2e-3 * g[n].length) }
    }
}
