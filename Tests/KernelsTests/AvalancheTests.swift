import XCTest
@testable import Kernels

/// Quantum-avalanche threshold (AV Eqs. 11–14).
final class AvalancheTests: XCTestCase {
    /// K0(x) = ∫_0^∞ exp(−x cosh t) dt, by the trapezoid rule (exponentially accurate here);
    /// independent of GSL.
    private func k0ByQuadrature(_ x: Double) -> Double {
        let h = 0.01
        var sum = 0.5 * exp(-x)
        var t = h
        while t < 30 { sum += exp(-x * cosh(t)); t += h }
        return sum * h
    }

    func testGSLBesselAgreesWithIntegralRepresentation() throws {
        for x in [0.1, 0.595, 1, 3] {
            XCTAssertEqual(try GSL.besselK0(x), k0ByQuadrature(x), accuracy: 1e-10)
        }
        XCTAssertThrowsError(try GSL.besselK0(-1))  // domain error is reported, not an abort
    }

    func testMaximumOfXK0AndCriticalBeta() throws {
        let x0 = try QuantumAvalanche.maximisingArgument()
        // x K0(x) is stationary at x0 (checked with the GSL-free K0) …
        let h = 1e-4
        let derivative = ((x0 + h) * k0ByQuadrature(x0 + h) - (x0 - h) * k0ByQuadrature(x0 - h)) / (2 * h)
        XCTAssertEqual(derivative, 0, accuracy: 1e-7)
        // … and the paper's printed values (AV text before Eq. 14) are reproduced to 4 digits.
        XCTAssertEqual(x0, 0.595047, accuracy: 5e-7)
        XCTAssertEqual(try QuantumAvalanche.criticalBeta(), 8.574, accuracy: 5e-4)
    }

    func testAvalancheFieldSolvesEquationElevenAndApproachesAsymptote() throws {
        let model = QuantumAvalanche(damping: 0.002)
        let field = try XCTUnwrap(try model.avalancheField())
        XCTAssertEqual(try model.enhancement(field: field), 1, accuracy: 1e-10)
        // Eq. 12 keeps only the leading log: its error shrinks as β grows.
        func relativeError(_ gamma: Double) throws -> Double {
            let m = QuantumAvalanche(damping: gamma)
            return abs(m.asymptoticAvalancheField / (try m.avalancheField()!) - 1)
        }
        XCTAssertLessThan(try relativeError(1e-7), try relativeError(1e-3))
        // below β_c there is no avalanche
        let weak = QuantumAvalanche(coupling: 0.01, damping: 0.002)
        XCTAssertLessThan(weak.beta, try QuantumAvalanche.criticalBeta())
        XCTAssertNil(try weak.avalancheField())
    }
}
