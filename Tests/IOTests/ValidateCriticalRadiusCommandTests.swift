import XCTest
import Foundation

/// `filament validate rc`: out-of-range options are refused before any solve, with the option
/// named and its allowed range (the study itself is a heavy run: validation/run rc).
final class ValidateCriticalRadiusCommandTests: XCTestCase {
    func testOutOfRangeOptionsAreRefused() throws {
        let cases: [([String], String)] = [
            (["--hysteresis", "5"], "--hysteresis must lie in [0, 5.0) K"),
            (["--hysteresis=-1"], "--hysteresis"),
            (["--switching-temperature", "290"], "--switching-temperature must lie in [301, 1000] K"),
            (["--switching-temperature", "320", "--hysteresis", "25"], "--hysteresis must lie in [0, 20.0) K"),
            (["--ramp", "0"], "--ramp must lie in 1...256"),
            (["--grid-levels", "9"], "--grid-levels must lie in 1...4"),
            (["--refined-coupling", "magic"], "--refined-coupling"),
            (["--transition-width", "0"], "--transition-width must be > 0 K"),
            (["--geometry", "cube"], "--geometry: axisymmetric or quarter"),
            (["--phase-update-cutoff", "1"], "--phase-update-cutoff must lie in [0, 1)"),
            (["--max-field-iterations", "0"], "--max-field-iterations must lie in 1...100000"),
            (["--regime-ratio", "0"], "--regime-ratio must be > 0"),
            (["--lateral-cells", "2"], "--lateral-cells must lie in 4...4096"),
        ]
        for (arguments, message) in cases {
            let r = try TestPaths.run(["validate", "rc", "--quiet", "--out", "/nonexistent/never-written"] + arguments)
            XCTAssertNotEqual(r.status, 0, "\(arguments)")
            XCTAssertTrue(r.err.contains(message), "\(arguments): \(r.err)")
        }
    }
}
