import XCTest
@testable import Solvers
@testable import Simulations

/// `TimeRelaxation` (switch the current on, integrate in time to rest; here without the final
/// steady polish) must land on the steady state the ramp finds where that state is unique: the Fig. 2
/// film at half drive, no hysteresis, 10×9×3 cells. V within 0.5 %, metal volume within 5 %,
/// and the steady energy balance of the relaxed state closes to 1e-5.
final class TimeRelaxationTests: XCTestCase {
    func testRelaxationInTimeReachesTheRampedSteadyState() throws {
        let study = Fig2Study.halfDrive()
        let ramped = try study.run(progress: ProgressReporter(quiet: true)).solution
        // without the final steady polish: the time integration alone must get there
        var relaxation = TimeRelaxation(progress: ProgressReporter(quiet: true))
        relaxation.polish = false
        let relaxed = try relaxation.solve(study.configuredFilm.problem(current: study.current))
        XCTAssertGreaterThan(ramped.metalFraction, 0.005, "the comparison needs some metal")
        XCTAssertEqual(relaxed.voltage, ramped.voltage, accuracy: 5e-3 * abs(ramped.voltage))
        XCTAssertEqual(relaxed.metalFraction, ramped.metalFraction, accuracy: 0.05 * ramped.metalFraction)
        // the last step still stores a little heat, so the steady balance closes only nearly
        XCTAssertLessThan(relaxed.energyBalanceRelativeError, 1e-5)
    }
}
