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
}
