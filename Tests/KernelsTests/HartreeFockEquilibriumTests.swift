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
