import XCTest
import Foundation
@testable import IO

final class FieldChannelFileTests: XCTestCase {
    func slabText(extra: String) throws -> String {
        let slab = try String(contentsOf: TestPaths.geometries.appendingPathComponent("slab-uniform-current.toml"), encoding: .utf8)
        return slab + "\n" + extra
    }

    func testFieldChannelTableIsAttachedToTheProblem() throws {
        let text = try slabText(extra: "[field_channel]\ntable = \"tables/hf-teff-U4-G0.05-11.json\"\n")
        let url = TestPaths.geometries.appendingPathComponent(".field-channel-test-\(UUID().uuidString).toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let device = try GeometryFile.load(url)
        let channel = try XCTUnwrap(device.problem.fieldDrivenSwitching)
        // equilibrium: no field, T_eff equals the lattice temperature at a table node
        XCTAssertEqual(try channel.effectiveTemperature(phase: .metal, field: 0, temperature: 291.98857429552356), 291.98857429552356, accuracy: 1e-6)
    }

    func testMissingFieldChannelTableNamesFileAndKey() throws {
        let text = try slabText(extra: "[field_channel]\ntable = \"tables/nope.json\"\n")
        XCTAssertThrowsError(try GeometryFile.parse(text, file: "fc.toml")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("fc.toml"), message)
            XCTAssertTrue(message.contains("table"), message)
            XCTAssertTrue(message.contains("filament-teff-table"), message)
        }
    }
}
