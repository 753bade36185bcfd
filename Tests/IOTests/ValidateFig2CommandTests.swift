import XCTest
import Foundation

/// `filament validate fig2` end to end on a coarse mesh: the options reach the study and the
/// report states where the metal is; bad options are refused with a message.
final class ValidateFig2CommandTests: XCTestCase {
    func testCoarseRunWithHysteresisReportsMetalAtTheNegativeElectrode() throws {
        let r = try TestPaths.run(["validate", "fig2", "--cells", "8,6,3", "--ramp", "2", "--hysteresis", "4", "--quiet"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("S_I = 2582 µV/K"), r.out)
        let reach = try XCTUnwrap(r.out.split(separator: "\n").first { $0.hasPrefix("metal reach") })
        let numbers = reach.split(separator: " ").compactMap { Double($0) }
        XCTAssertEqual(numbers.count, 2, String(reach))
        XCTAssertGreaterThan(numbers[0], numbers[1], "metal grows out of the negative electrode (x = 0) for I > 0")
    }

    func testMalformedCellsAreRefused() throws {
        let r = try TestPaths.run(["validate", "fig2", "--cells", "8,6", "--quiet"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.err.contains("--cells"), r.err)
    }
}
