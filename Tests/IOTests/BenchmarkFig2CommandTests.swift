import XCTest
import Foundation

/// `filament benchmark --fig2`: the whole Fig. 2a solve on a tiny mesh reports its outcome,
/// linear solves, factorisations and peak memory; a malformed size is refused.
final class BenchmarkFig2CommandTests: XCTestCase {
    func testTinyFig2BenchmarkReportsItsCounters() throws {
        let r = try TestPaths.run(["benchmark", "--fig2", "6,5,3"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("cells: 90 (6×5×3), outcome: converged"), r.out)
        let solves = try XCTUnwrap(r.out.split(separator: "\n").first { $0.hasPrefix("linear solves: ") })
        XCTAssertGreaterThan(Int(solves.split(separator: " ").last!) ?? 0, 0, String(solves))
        XCTAssertTrue(r.out.contains("process peak RSS:"), r.out)
    }

    func testMalformedFig2SizeIsRefused() throws {
        let r = try TestPaths.run(["benchmark", "--fig2", "6,5"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.err.contains("--fig2"), r.err)
    }
}
