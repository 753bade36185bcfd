import XCTest
import Foundation

/// `filament validate fig2` end to end on a coarse mesh: the options reach the study and the
/// report states where the metal is; bad options are refused with a message.
final class ValidateFig2CommandTests: XCTestCase {
    func testCoarseRunWithHysteresisReportsMetalAtTheNegativeElectrode() throws {
        let r = try TestPaths.run(["validate", "fig2-case", "--cells", "8,6,3", "--ramp", "2", "--hysteresis", "4", "--quiet"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("S_I = 2582 µV/K"), r.out)
        let reach = try XCTUnwrap(r.out.split(separator: "\n").first { $0.hasPrefix("metal reach") })
        let numbers = reach.split(separator: " ").compactMap { Double($0) }
        XCTAssertEqual(numbers.count, 2, String(reach))
        XCTAssertGreaterThan(numbers[0], numbers[1], "metal grows out of the negative electrode (x = 0) for I > 0")
    }

    func testMalformedCellsAreRefused() throws {
        let r = try TestPaths.run(["validate", "fig2-case", "--cells", "8,6", "--quiet"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.err.contains("--cells"), r.err)
    }

    /// The study command on a coarse mesh: the weak-Seebeck case (metal at both electrodes,
    /// symmetric) and the prescribed-boundary case, with CSV slices and report. (The one-sided
    /// metal and the mirror test need a finer mesh: EnergyAndPolarityTests, validation/run fig2.)
    func testStudyCommandWritesReportAndPassesItsChecks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fig2-study-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try TestPaths.run(["validate", "fig2", "--cells", "10,9,3", "--only", "fig2c,fig2a-trial",
                                   "--out", dir.path, "--quiet"])
        XCTAssertEqual(r.status, 0, r.out + r.err)
        let report = try String(contentsOf: dir.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("**PASS**"), report)
        for name in ["fig2_cases.csv", "fig2c_xz.csv", "fig2c_top.csv", "fig2a-trial_xz.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), name)
        }
        let rows = try String(contentsOf: dir.appendingPathComponent("fig2_cases.csv"), encoding: .utf8).split(separator: "\n")
        let trial = try XCTUnwrap(rows.first { $0.hasPrefix("fig2a-trial,") }).split(separator: ",")
        XCTAssertEqual(Double(trial[2])!, 0.3, accuracy: 0.05, "prescribed map reaches x = 0.3 L on the top row")
        XCTAssertGreaterThan(Double(trial[11])!, 1, "the prescribed map is not self-consistent (insulator above T_MIT)")
    }
}
