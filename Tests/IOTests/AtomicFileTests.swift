import XCTest
import Foundation
@testable import IO

final class AtomicFileTests: XCTestCase {
    func testWriteReplacesAndLeavesNoTemporary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        let url = dir.appendingPathComponent("summary.json")
        try AtomicFile.write("first", to: url)
        try AtomicFile.write("second", to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "second")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(names, ["summary.json"])
    }
}
