import XCTest
@testable import Simulations

/// The step line's format is what users (and scripts reading stderr) see: pinned here.
final class ProgressFormatTests: XCTestCase {
    func testStepLineShowsFractionElapsedAndTimeLeft() {
        XCTAssertEqual(ProgressReporter.stepLine(fraction: 0.375, message: "ramp 3/8", elapsed: 1.2),
                       "[ 37.5%] ramp 3/8 | 1.2 s, about 2.0 s left")
        XCTAssertEqual(ProgressReporter.stepLine(fraction: 1, message: "done", elapsed: 75),
                       "[100.0%] done | 1 min 15 s")
        XCTAssertEqual(ProgressReporter.stepLine(fraction: 0.01, message: "t = 1 s", elapsed: 36),
                       "[  1.0%] t = 1 s | 36 s, about 59 min 24 s left")
        XCTAssertEqual(ProgressReporter.stepLine(fraction: 0.5, message: "x", elapsed: 4000),
                       "[ 50.0%] x | 1 h 06 min, about 1 h 06 min left")
    }
}
