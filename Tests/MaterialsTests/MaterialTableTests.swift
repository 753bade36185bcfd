import XCTest
@testable import Materials

final class MaterialTableTests: XCTestCase {
    func sampleTable() -> MaterialTable {
        let ti = [250.0, 300, 350, 360], tm = [340.0, 360, 400, 450]
        let ins = PhaseTable(temperature: ti, resistivity: ti.map { 1e-3 * exp(2000 / $0) }, seebeck: [6e-4, 5e-4, 4.5e-4, 4.4e-4],
                             thermalConductivity: .constant(0.13))
        let met = PhaseTable(temperature: tm, resistivity: [1e-2, 1.1e-2, 1.2e-2, 1.3e-2], seebeck: [1e-6, 2e-6, 3e-6, 4e-6],
                             heatCapacity: .table([2e6, 2.1e6, 2.2e6, 2.3e6]))
        let meta = TableMetadata(model: "test", parameters: ["U": 2.5], lattice: "bethe", energyUnitEV: 1.3,
                                 latticeConstantM: 4e-10, temperatureScaleK: 15000, calibration: "none",
                                 programVersion: "0.1.0", creationCommand: "test")
        return MaterialTable(insulator: ins, metal: met, insulatorToMetalTemperature: 357, metalToInsulatorTemperature: 350, metadata: meta)
    }

    func tempURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("filament-table-tests-\(ProcessInfo.processInfo.processIdentifier)")
            .appendingPathComponent(name)
    }

    func testRoundTripAndLayout() throws {
        let url = tempURL("t.json")
        let t = sampleTable()
        try t.write(to: url)
        XCTAssertEqual(try MaterialTable.read(from: url), t)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains("\"format\" : \"filament-material-table\""))
        XCTAssertTrue(text.contains("\"format_version\" : 1"))
        XCTAssertLessThan(text.range(of: "\"T_IMT_K\"")!.lowerBound, text.range(of: "\"format\"")!.lowerBound, "sorted keys")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path).filter { $0.contains("tmp") }
        XCTAssertEqual(leftovers, [], "atomic write leaves no temporary file")
    }

    func assertError(_ json: String, key: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try MaterialTable.decode(Data(json.utf8), file: "bad.json"), file: file, line: line) { e in
            let text = "\(e)"
            XCTAssertTrue(text.contains("bad.json") && text.contains(key) && text.contains("allowed"), text, file: file, line: line)
        }
    }

    func mutated(_ edit: (inout [String: Any]) -> Void) throws -> String {
        var obj = try JSONSerialization.jsonObject(with: try sampleTable().encoded()) as! [String: Any]
        edit(&obj)
        return String(decoding: try JSONSerialization.data(withJSONObject: obj), as: UTF8.self)
    }

    func testMalformedTablesNameFileKeyAndAllowed() throws {
        assertError(try mutated { $0["format"] = "other" }, key: "format")
        assertError(try mutated { $0["format_version"] = 2 }, key: "format_version")
        assertError(try mutated { var i = $0["insulator"] as! [String: Any]; i["seebeck_V_per_K"] = nil; $0["insulator"] = i },
                    key: "insulator.seebeck_V_per_K")
        assertError(try mutated { var i = $0["metal"] as! [String: Any]; i["temperature_K"] = [340, 330, 400, 450]; $0["metal"] = i },
                    key: "metal.temperature_K")
        assertError(try mutated { var i = $0["metal"] as! [String: Any]; i["resistivity_ohm_m"] = [1, 2]; $0["metal"] = i },
                    key: "metal.resistivity_ohm_m")
        assertError(try mutated { $0["T_MIT_K"] = 400 }, key: "T_MIT_K")
        assertError("{ nonsense", key: "(document)")
    }

    func testMonotoneCubicIsExactOnLinesAndNeverOvershoots() {
        let line = MonotoneCubic(x: [0, 1, 3, 4], y: [1, 3, 7, 9])
        for t in stride(from: 0.0, through: 4.0, by: 0.1) { XCTAssertEqual(line(t), 1 + 2 * t, accuracy: 1e-12) }
        // A step: a C¹ spline would overshoot; PCHIP stays inside [0, 1] and monotone.
        let x = [0.0, 1, 2, 3, 4, 5], y = [0.0, 0, 0, 1, 1, 1]
        let step = MonotoneCubic(x: x, y: y)
        var previous = -1.0
        for t in stride(from: 0.0, through: 5.0, by: 0.01) {
            let v = step(t)
            XCTAssertGreaterThanOrEqual(v, 0); XCTAssertLessThanOrEqual(v, 1)
            XCTAssertGreaterThanOrEqual(v, previous - 1e-15); previous = v
        }
        for (a, b) in zip(x, y) { XCTAssertEqual(step(a), b, accuracy: 1e-14) }
    }

    func testTabulatedTransportInterpolatesAndReportsRange() throws {
        let t = sampleTable()
        let ins = TabulatedTransport(t.insulator, phase: "insulator")
        XCTAssertEqual(ins.temperatureRange, 250...360)
        XCTAssertFalse(ins.isTemperatureIndependent)
        XCTAssertEqual(ins.resistivity(at: 300), t.insulator.resistivity[1], accuracy: 1e-12 * t.insulator.resistivity[1])
        let mid = ins.resistivity(at: 325)
        XCTAssertTrue(mid < t.insulator.resistivity[1] && mid > t.insulator.resistivity[2], "monotone between nodes")
        XCTAssertEqual(ins.thermalConductivity(at: 300), 0.13)
        XCTAssertThrowsError(try ins.checked(400)) { XCTAssertTrue("\($0)".contains("outside")) }
        let m = t.material(name: "x")
        XCTAssertEqual(m.phase(after: .insulator, at: 358), .metal)
        XCTAssertEqual(m.phase(after: .metal, at: 352), .metal)
        XCTAssertEqual(m.metal.heatCapacity(at: 360), 2.1e6, accuracy: 1e-6)
    }
}

/// The kernel-generated table kept in geometries/tables/ stays readable and physical.
final class CommittedTableTests: XCTestCase {
    func testCommittedCa2RuO4LikeTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("geometries/tables/ca2ruo4-like-dhm-u2.5.json")
        let table = try MaterialTable.read(from: url)
        let m = table.material(name: "Ca2RuO4-like")
        XCTAssertLessThanOrEqual(table.metalToInsulatorTemperature, table.insulatorToMetalTemperature)
        let s300 = m.insulator.seebeck(at: 300)
        XCTAssertTrue(s300 > 1e-4 && s300 < 1e-3, "S_I(300 K) = \(s300) V/K: a few hundred µV/K")
        XCTAssertGreaterThan(m.insulator.resistivity(at: 300), 1e3 * m.metal.resistivity(at: 300))
        XCTAssertTrue(m.insulator.temperatureRange.contains(300) && m.metal.temperatureRange.contains(400))
        XCTAssertEqual(table.metadata.temperatureScaleK * 8.617333262e-5, table.metadata.energyUnitEV, accuracy: 1e-6)
    }
}
