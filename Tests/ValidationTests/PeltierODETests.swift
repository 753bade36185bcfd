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
    }
}
