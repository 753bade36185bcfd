import XCTest
@testable import Kernels

/// Equilibrium Slater mean-field (HF Fig. 1a) against independent calculations.
final class HartreeFockEquilibriumTests: XCTestCase {
    func testGaussLegendreIntegratesPolynomialsExactly() {
        let rule = HartreeFock.GaussLegendre(count: 6, lower: 0, upper: 2)
        // ∫_0^2 x^11 dx = 2^12/12 (degree 11 = 2·6 − 1 is the highest exact degree)
        XCTAssertEqual(rule.integrate { pow($0, 11) }, pow(2, 12) / 12, accuracy: 1e-9)
    }

    func testSquareLatticeDOSIsNormalised() {
        // ∫ρ = 1 over the band; by symmetry 2∫_0^4 ρ = 1.
        XCTAssertEqual(2 * HartreeFock.integrateOverHalfBand { _ in 1 }, 1, accuracy: 1e-9)
        // second moment Σ_k ε_k² / N = 4 t² z/… = 4 (each of the 4 neighbours contributes t²)
        XCTAssertEqual(2 * HartreeFock.integrateOverHalfBand { $0 * $0 }, 4, accuracy: 1e-9)
    }
}

/// Δ0, T_N and Δ(T) of the Γ → 0 mean field against a brute-force Brillouin-zone sum.
final class HartreeFockGapTests: XCTestCase {
    /// (U/2)⟨tanh(E_k/2T)/E_k⟩ over an n×n midpoint k grid (independent of the DOS quadrature).
    private func bruteForceKernel(gap: Double, temperature: Double, n: Int = 400) -> Double {
        var sum = 0.0
        for i in 0..<n {
            let kx = (Double(i) + 0.5) * 2 * Double.pi / Double(n)
            for j in 0..<n {
                let ky = (Double(j) + 0.5) * 2 * Double.pi / Double(n)
                let eps = -2 * (cos(kx) + cos(ky))
                let e = (eps * eps + gap * gap).squareRoot()
                sum += (temperature > 0 ? tanh(e / (2 * temperature)) : 1) / e
            }
        }
        return 0.5 * sum / Double(n * n)
    }

    func testGapAndNeelTemperatureSatisfyBruteForceGapEquation() {
        let model = EquilibriumMeanField(interaction: 4)
        let d0 = model.zeroTemperatureGap()
        let tn = model.neelTemperature()
        // U·⟨1/E_k⟩/2 = 1 at Δ0 and U·⟨tanh(ε/2T_N)/ε⟩/2 = 1 at T_N, checked on a 400² grid.
        XCTAssertEqual(4 * bruteForceKernel(gap: d0, temperature: 0), 1, accuracy: 2e-4)
        XCTAssertEqual(4 * bruteForceKernel(gap: 1e-9, temperature: tn), 1, accuracy: 2e-4)
    }

    func testGapVanishesContinuouslyAtNeelTemperature() {
        let model = EquilibriumMeanField(interaction: 4)
        let tn = model.neelTemperature()
        XCTAssertEqual(model.gap(temperature: 1.01 * tn), 0)
        // Mean-field exponent 1/2: Δ(0.99 T_N)/Δ(0.96 T_N) → √(1/4) = 0.5 (5 % for the next order).
        let ratio = model.gap(temperature: 0.99 * tn) / model.gap(temperature: 0.96 * tn)
        XCTAssertEqual(ratio, 0.5, accuracy: 0.025)
        // … and it keeps going to zero: Δ(0.999 T_N)/Δ(0.99 T_N) → √(1/10).
        let closer = model.gap(temperature: 0.999 * tn) / model.gap(temperature: 0.99 * tn)
        XCTAssertEqual(closer, 0.1.squareRoot(), accuracy: 0.01)
    }

    func testOneNonTrivialStableSolutionBelowNeelTemperature() {
        let model = EquilibriumMeanField(interaction: 4)
        let t = 0.5 * model.neelTemperature()
        let grid = (1...80).map { 2.0 * Double($0) / 80 }
        let residual = grid.map { model.meanFieldMap(gap: $0, temperature: t) - $0 }
        let signChanges = zip(residual, residual.dropFirst()).filter { $0 * $1 < 0 }.count
        XCTAssertEqual(signChanges, 1)
        XCTAssertGreaterThan(residual[0], 0)  // F'(0) > 1: the metal Δ = 0 is unstable
        let root = model.gap(temperature: t)
        let h = 1e-4
        let slope = (model.meanFieldMap(gap: root + h, temperature: t)
            - model.meanFieldMap(gap: root - h, temperature: t)) / (2 * h)
        XCTAssertLessThan(slope, 1)  // the AFI root is stable
    }
}
