import XCTest
@testable import Simulations

final class PeltierODETests: XCTestCase {
    /// In the small-slope limit the shooting r_c must approach PH Eq. 14 (which PH derive from
    /// the same ODE with ∂_r d ≪ 1 and d ≫ ρ h near the electrode).
    func testShootingApproachesEq14InTheSmallSlopeLimit() {
        let ode = PeltierInterfaceODE(thickness: 2e-5, resistivityRatio: 0.01, thermalConductivity: 0.1,
                                      switchingTemperature: 360, substrateTemperature: 300, seebeckJump: 1e-3, current: 0.05)
        let rc = ode.criticalRadius(innerRadius: 1e-7)
        XCTAssertEqual(rc / ode.smallSlopeCriticalRadius, 1, accuracy: 0.1)
        let profile = ode.profile(criticalRadius: rc, innerRadius: 1e-7)
        XCTAssertEqual(profile.first!.d, 0)
        XCTAssertTrue(zip(profile, profile.dropFirst()).allSatisfy { $0.d <= $1.d }, "d grows towards the electrode")
        XCTAssertLessThanOrEqual(profile.map(\.d).max()!, 2e-5, "the metal never reaches below the film")
        // the parameters of validate rc: the last step of the shooting solution steepens sharply
        let film = PeltierInterfaceODE(thickness: 2e-5, resistivityRatio: 0.1, thermalConductivity: 0.1, switchingTemperature: 305,
                                       substrateTemperature: 300, seebeckJump: 1e-3, current: 6.81e-4)
        let filmProfile = film.profile(criticalRadius: film.criticalRadius(innerRadius: 2e-5), innerRadius: 2e-5)
        XCTAssertEqual(filmProfile.last!.d, 2e-5, accuracy: 1e-12, "the profile ends where the metal fills the film")
    }

    /// PH Eqs. 37–38: without Joule heat the slope at the interface's end (d = 0) equals
    /// Eq. 39's; the slope satisfies the interface condition it was solved from; Joule heat
    /// flattens the interface (less Peltier heat is needed), and where Joule heat alone reaches
    /// T_MIT there is no slope.
    func testJouleAndPeltierInterfaceCondition() {
        var ode = PeltierInterfaceODE(thickness: 2e-5, resistivityRatio: 0.1, thermalConductivity: 0.1, switchingTemperature: 305,
                                      substrateTemperature: 300, seebeckJump: 1e-3, current: 1e-3)
        ode.form = .jouleAndPeltier
        let h = 2e-5, rho = 0.1, kappa = 0.1, tMIT = 305.0, deltaS = 1e-3, current = 1e-3
        // at d = 0 (r = 100 µm) the slope is Eq. 39's: q/√(1 − q²), q = ΔT π r κ ρ/(T ΔS |I|)
        let q = 5 * Double.pi * 1e-4 * kappa * rho / (tMIT * deltaS * current)
        XCTAssertEqual(ode.fullSlope(1e-4, 0)!, q / (1 - q * q).squareRoot(), accuracy: 1e-12 * max(1, q))
        // Peltier and Joule terms of the interface condition at (r, d)
        func peltier(_ r: Double, _ d: Double, _ s: Double) -> Double {
            let big = d + (h - d) * rho
            let crossing: Double = h * rho * s / (big * big) + d / (big * r)
            let prefactor: Double = tMIT * deltaS * current * (h - d) / (Double.pi * r * kappa)
            return prefactor * crossing / (1 + s * s).squareRoot()
        }
        func joule(_ r: Double, _ d: Double, _ rhoI: Double) -> Double {
            let big = d + (h - d) * rho
            let j0 = current / (Double.pi * h * r)
            return rhoI * j0 * j0 * h * h / (2 * kappa) * (1 - d * d / (big * big))
        }
        let r = 2e-5, d = 0.4 * h
        let s = ode.fullSlope(r, d)!
        XCTAssertEqual(peltier(r, d, s), 5, accuracy: 1e-9, "the interface condition holds")
        ode.insulatorResistivity = 1e-3
        XCTAssertGreaterThan(joule(r, d, 1e-3), 0.1, "a test point where Joule heat matters")
        let withJoule = ode.fullSlope(r, d)!
        XCTAssertEqual(peltier(r, d, withJoule) + joule(r, d, 1e-3), 5, accuracy: 1e-9)
        XCTAssertLessThan(withJoule, s)
        ode.insulatorResistivity = 1
        XCTAssertNil(ode.fullSlope(r, d), "Joule heat alone exceeds ΔT")
    }
}
