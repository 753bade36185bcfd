import XCTest
@testable import Kernels

/// The T_eff(E, T_bath) table: JSON round trip, bilinear lookup, errors, and the producer.
final class HartreeFockTableTests: XCTestCase {
    /// A 3×3 table holding the bilinear function g(E, T) = 100 + 2e-6 E + 3 T + 1e-8 E T for the
    /// metal and the same with one missing node for the insulator.
    private func handMadeTable() -> EffectiveTemperatureTable {
        let es = [0.0, 1e6, 3e6], ts = [100.0, 200.0, 400.0]
        let g = { (e: Double, t: Double) in 100 + 2e-6 * e + 3 * t + 1e-8 * e * t }
        let metal = es.map { e in ts.map { Optional(g(e, $0)) } }
        var insulator = metal
        insulator[2][2] = nil
        let phase = { (v: [[Double?]]) in
            EffectiveTemperatureTable.Phase(effectiveTemperatureK: v, orderParameter: v, stable: v.map { $0.map { $0 != nil } })
        }
        return EffectiveTemperatureTable(
            model: "test", programVersion: "0", parameters: [:],
            unitMapping: .init(energyUnitEV: 0.05, latticeConstantM: 4e-10),
            axes: .init(fieldVPerM: es, bathTemperatureK: ts),
            phases: ["metal": phase(metal), "insulator": phase(insulator)])
    }

    func testRoundTripAndBilinearLookupIsExactForBilinearData() throws {
        let table = try EffectiveTemperatureTable(jsonData: try handMadeTable().jsonData())
        XCTAssertEqual(table, handMadeTable())
        let (e, t) = (2.2e6, 250.0)
        let expected = 100 + 2e-6 * e + 3 * t + 1e-8 * e * t
        XCTAssertEqual(try table.effectiveTemperature(phase: "metal", field: -e, bathTemperature: t),
                       expected, accuracy: 1e-9 * expected)
        let json = String(decoding: try table.jsonData(), as: UTF8.self)
        XCTAssertTrue(json.contains("\"format\" : \"filament-teff-table\""))
        XCTAssertTrue(json.contains("\"format_version\" : 1"))
    }

    func testOutOfRangeAndMissingNodesAreReported() throws {
        let table = handMadeTable()
        XCTAssertThrowsError(try table.effectiveTemperature(phase: "metal", field: 4e6, bathTemperature: 150)) {
            XCTAssertEqual($0 as? EffectiveTemperatureTableError, .fieldOutOfRange(4e6, lower: 0, upper: 3e6))
        }
        XCTAssertThrowsError(try table.effectiveTemperature(phase: "metal", field: 1e6, bathTemperature: 50)) {
            XCTAssertEqual($0 as? EffectiveTemperatureTableError, .temperatureOutOfRange(50, lower: 100, upper: 400))
        }
        XCTAssertThrowsError(try table.effectiveTemperature(phase: "insulator", field: 2e6, bathTemperature: 300))
        XCTAssertNoThrow(try table.effectiveTemperature(phase: "insulator", field: 0.5e6, bathTemperature: 300))
        XCTAssertThrowsError(try table.effectiveTemperature(phase: "liquid", field: 0, bathTemperature: 100))
        var wrong = table
        wrong.formatVersion = 2
        XCTAssertThrowsError(try EffectiveTemperatureTable(jsonData: try wrong.jsonData()))
    }

    /// Producer: at E = 0 the steady state is equilibrium, T_eff = T_bath exactly; in a field the
    /// metal is hotter than the bath and the insulator cooler than the metal.
    func testBuilderOnASmallGrid() throws {
        let lattice = DrivenHubbardLattice(interaction: 4, field: 1, direction: .diagonal, damping: 0.1,
                                           resolution: SpectralResolution(stepPerDamping: 0.5, transverseNodes: 8, padding: 3))
        let mapping = EffectiveTemperatureTable.UnitMapping(energyUnitEV: 0.04, latticeConstantM: 4e-10)
        let table = EffectiveTemperatureTableBuilder(lattice: lattice, fields: [0, 0.3], temperatures: [0.1, 0.3],
                                                     mapping: mapping, scanPoints: 12).build(programVersion: "test")
        try table.validate()
        let kelvin = mapping.temperatureUnitK
        XCTAssertEqual(kelvin, 0.04 / 8.617333262e-5, accuracy: 1e-3)
        let metal = try XCTUnwrap(table.phases["metal"]), insulator = try XCTUnwrap(table.phases["insulator"])
        XCTAssertEqual(metal.effectiveTemperatureK[0], [0.1 * kelvin, 0.3 * kelvin])
        XCTAssertEqual(insulator.effectiveTemperatureK[0], [0.1 * kelvin, 0.3 * kelvin])
        let hotMetal = try XCTUnwrap(metal.effectiveTemperatureK[1][0])
        let insulatorInField = try XCTUnwrap(insulator.effectiveTemperatureK[1][0])
        XCTAssertGreaterThan(hotMetal, 0.1 * kelvin)
        XCTAssertLessThan(insulatorInField, hotMetal)
        XCTAssertEqual(table.axes.fieldVPerM[1], 0.3 * 0.04 / 4e-10, accuracy: 1)
    }
}

/// Every T_eff table shipped under geometries/tables/ must load, validate and answer a lookup.
final class HartreeFockShippedTableTests: XCTestCase {
    func testShippedTablesLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("geometries/tables")
        let files = try FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("hf-teff") && $0.pathExtension == "json" }
        XCTAssertFalse(files.isEmpty)
        for url in files {
            let table = try EffectiveTemperatureTable(contentsOf: url)
            let t = table.axes.bathTemperatureK
            // at E = 0 the steady state is equilibrium: T_eff = T_bath for the metal
            XCTAssertEqual(try table.effectiveTemperature(phase: "metal", field: 0, bathTemperature: t[1]),
                           t[1], accuracy: 1e-9 * t[1], url.lastPathComponent)
        }
    }
}
