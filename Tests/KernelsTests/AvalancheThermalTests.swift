import XCTest
@testable import Kernels

/// Full-precision constants, the λ ≥ 1 window, the phase boundary and the finite-temperature
/// avalanche (AV Eqs. 11–16, C3–C4).
final class AvalancheThermalTests: XCTestCase {
    /// x0 by Brent (GSL) against Newton's method on (x K0)' = K0 − x K1 with the exact second
    /// derivative (x K0)'' = x K0 − K1 (K0' = −K1, K1' = −K0 − K1/x).
    func testX0ToFullPrecisionAgainstNewton() throws {
        var x = 0.6
        for _ in 0..<8 {
            let k0 = try GSL.besselK0(x), k1 = try GSL.besselK1(x)
            x -= (k0 - x * k1) / (x * k0 - k1)
        }
        let x0 = try QuantumAvalanche.maximisingArgument()
        XCTAssertEqual(x0, x, accuracy: 4 * Double.ulpOfOne)
        XCTAssertEqual(try QuantumAvalanche.maximumOfXK0() * QuantumAvalanche.criticalBeta(), 4, accuracy: 1e-15)
    }

    func testWindowOfLambdaAboveOneClosesAtCriticalCoupling() throws {
        var m = QuantumAvalanche(damping: 0.002)
        let low = try XCTUnwrap(try m.avalancheField()), high = try XCTUnwrap(try m.upperField())
        XCTAssertLessThan(low, high)
        XCTAssertEqual(try m.enhancement(field: low), 1, accuracy: 1e-12)
        XCTAssertEqual(try m.enhancement(field: high), 1, accuracy: 1e-12)
        XCTAssertGreaterThan(try m.enhancement(field: sqrt(low * high)), 1)
        XCTAssertLessThan(try m.enhancement(field: 0.5 * low), 1)
        // the phase boundary: β(g_c) = β_c, and the window shrinks to E_c = scale/x0 as g → g_c⁺
        let gc = try m.criticalCoupling
        m.coupling = gc
        XCTAssertEqual(m.beta, try QuantumAvalanche.criticalBeta(), accuracy: 1e-12)
        m.coupling = gc * (1 + 1e-6)
        let a = try XCTUnwrap(try m.avalancheField()), b = try XCTUnwrap(try m.upperField())
        let ec = m.fieldScale / (try QuantumAvalanche.maximisingArgument())
        XCTAssertEqual(a / ec, 1, accuracy: 1e-2)
        XCTAssertEqual(b / ec, 1, accuracy: 1e-2)
        m.coupling = gc * (1 - 1e-6)
        XCTAssertNil(try m.avalancheField())
        XCTAssertNil(try m.upperField())
    }

    func testThermalDephasingAndActivationTemperature() throws {
        let base = QuantumAvalanche(damping: 0.001)
        let thermal = ThermalAvalanche(base)
        let t = 0.05
        let nb = 1 / (exp(base.phononFrequency / t) - 1)
        // AV Eq. 15, left-hand form: m g² n_b / (2 ω0 √(2 m ω0)) = ¼ Γ β n_b
        let eq15 = base.mass * base.coupling * base.coupling * nb
            / (2 * base.phononFrequency * (2 * base.mass * base.phononFrequency).squareRoot())
        XCTAssertEqual(thermal.thermalDephasing(temperature: t), eq15, accuracy: 1e-15)
        XCTAssertEqual(thermal.effectiveDamping(temperature: 0), base.damping)
        // at T* the thermal dephasing is Γ/4 (β n_b = 1, AV Eq. C4)
        let ts = thermal.activationTemperature
        XCTAssertEqual(base.beta * thermal.boseOccupation(temperature: ts), 1, accuracy: 1e-12)
        XCTAssertEqual(thermal.effectiveDamping(temperature: ts), 1.25 * base.damping, accuracy: 1e-15)
    }

    func testFieldRisesWithTemperatureAndVanishesAtExtinction() throws {
        let thermal = ThermalAvalanche(QuantumAvalanche(damping: 0.002))
        XCTAssertEqual(try thermal.avalancheField(temperature: 0), try thermal.base.avalancheField())
        var previous = 0.0
        for t in stride(from: 0.0, through: 0.06, by: 0.01) {
            let e = try XCTUnwrap(try thermal.avalancheField(temperature: t))
            XCTAssertGreaterThanOrEqual(e, previous)
            previous = e
        }
        let tx = try XCTUnwrap(try thermal.extinctionTemperature())
        XCTAssertEqual(thermal.model(temperature: tx).beta, try QuantumAvalanche.criticalBeta(), accuracy: 1e-9)
        XCTAssertNotNil(try thermal.avalancheField(temperature: tx * 0.999))
        XCTAssertNil(try thermal.avalancheField(temperature: tx * 1.001))
        // no avalanche at T = 0 below β_c, hence no extinction temperature
        XCTAssertNil(try ThermalAvalanche(QuantumAvalanche(coupling: 0.01, damping: 0.002)).extinctionTemperature())
    }
}
