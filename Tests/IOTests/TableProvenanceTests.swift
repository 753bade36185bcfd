import XCTest
import Foundation
@testable import IO
import Materials
import Solvers

/// Every table a run uses is recorded in summary.json (path, SHA-256, model, calibration), and
/// tables that cannot be traced or mixed are refused.
final class TableProvenanceTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("provenance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in ["ca2ruo4-like-dhm-u2.5.json", "hf-teff-U4-G0.05-11.json"] {
            try FileManager.default.copyItem(at: TestPaths.geometries.appendingPathComponent("tables/\(name)"),
                                             to: directory.appendingPathComponent(name))
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// A 2×1×4 slab on the kernel table at 1 mA (all insulating, a fast solve).
    func geometry(extra: String = "") -> String {
        """
        title = "provenance"
        [domain]
        length = "1 mm"
        width = "1 mm"
        thickness = "0.2 mm"
        [mesh]
        x = { cells = 2 }
        y = { cells = 1 }
        z = { cells = 4 }
        [material]
        table = "ca2ruo4-like-dhm-u2.5.json"
        [[electrode]]
        name = "negative"
        face = "x_min"
        role = "ground"
        [[electrode]]
        name = "positive"
        face = "x_max"
        current = "1 mA"
        [[thermal]]
        name = "substrate"
        face = "z_min"
        condition = "fixed_temperature"
        temperature = "300 K"
        \(extra)
        """
    }

    func load(_ text: String) throws -> DeviceCase {
        let url = directory.appendingPathComponent("case.toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return try GeometryFile.load(url)
    }

    func summary(_ device: DeviceCase) throws -> String {
        let solution = try SteadyStateSolver(problem: device.problem).solve()
        return Summary.json(solution, of: device, provenance: Provenance(version: "test"), wallSeconds: 0).rendered()
    }

    func testSummaryRecordsTheTableHashAndChangesWithTheTableContent() throws {
        let tableURL = directory.appendingPathComponent("ca2ruo4-like-dhm-u2.5.json")
        let first = try summary(try load(geometry()))
        let hash = SHA256.hex(of: try Data(contentsOf: tableURL))
        XCTAssertTrue(first.contains("\"tables\""), first)
        XCTAssertTrue(first.contains(hash), "summary must carry the table's SHA-256")
        XCTAssertTrue(first.contains("dimer-Hubbard"), "summary must name the table's model")
        // one resistivity value changed by 1 %: the hash and the summary change
        var table = try MaterialTable.read(from: tableURL)
        table.insulator.resistivity[0] *= 1.01
        table.insulator.conductivity = table.insulator.resistivity.map { 1 / $0 }
        try table.write(to: tableURL)
        let second = try summary(try load(geometry()))
        let newHash = SHA256.hex(of: try Data(contentsOf: tableURL))
        XCTAssertNotEqual(hash, newHash)
        XCTAssertTrue(second.contains(newHash))
        XCTAssertFalse(second.contains(hash))
    }

    func testTablesFromDifferentModelsAreRefusedUnlessTheFileAllowsIt() throws {
        let channel = "[field_channel]\ntable = \"hf-teff-U4-G0.05-11.json\"\n"
        XCTAssertThrowsError(try load(geometry(extra: channel))) { error in
            let message = "\(error)"
            for part in ["case.toml", "[field_channel]", "allow_mixed_models", "hartree-fock", "dimer-Hubbard"] {
                XCTAssertTrue(message.contains(part), "\(part) missing in: \(message)")
            }
        }
        let device = try load(geometry(extra: channel + "allow_mixed_models = true\n"))
        XCTAssertEqual(device.tables.map(\.role), ["material", "field_channel"])
        XCTAssertNotNil(device.problem.fieldDrivenSwitching)
    }

    func testTableWithoutProvenanceIsRefused() throws {
        let tableURL = directory.appendingPathComponent("ca2ruo4-like-dhm-u2.5.json")
        var table = try MaterialTable.read(from: tableURL)
        table.metadata.calibration = ""
        try table.write(to: tableURL)
        XCTAssertThrowsError(try load(geometry())) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("metadata.calibration"), message)
            XCTAssertTrue(message.contains("ca2ruo4-like-dhm-u2.5.json"), message)
        }
    }

    /// A T_eff table of the same DMFT model (U, t⊥, Γ) and calibration as the material table.
    func nessTable(energyUnit: Double) -> String {
        """
        {"format": "filament-teff-table", "format_version": 1, "model": "dmft-ness-ipt", "program_version": "test",
         "parameters": {"U_over_D": "2.5", "t_perp_over_D": "0.3", "gamma_over_D": "0.00075"},
         "unit_mapping": {"energy_unit_eV": \(energyUnit), "lattice_constant_m": 3.9e-10},
         "axes": {"field_V_per_m": [0, 1e8], "bath_temperature_K": [200, 600]},
         "phases": {"insulator": {"effective_temperature_K": [[200, 600], [210, 610]], "order_parameter_over_t": [[0, 0], [0, 0]], "stable": [[true, true], [true, true]]},
                    "metal": {"effective_temperature_K": [[200, 600], [220, 620]], "order_parameter_over_t": [[0, 0], [0, 0]], "stable": [[true, true], [true, true]]}}}
        """
    }

    func testATeffTableOfTheSameModelAndCalibrationIsAcceptedAndAnotherCalibrationRefused() throws {
        let material = try MaterialTable.read(from: directory.appendingPathComponent("ca2ruo4-like-dhm-u2.5.json"))
        let channel = "[field_channel]\ntable = \"ness.json\"\n"
        try nessTable(energyUnit: material.metadata.energyUnitEV).write(to: directory.appendingPathComponent("ness.json"),
                                                                        atomically: true, encoding: .utf8)
        let device = try load(geometry(extra: channel))
        XCTAssertEqual(device.tables.map(\.model), [material.metadata.model, "dmft-ness-ipt"])
        try nessTable(energyUnit: 1.0).write(to: directory.appendingPathComponent("ness.json"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try load(geometry(extra: channel))) { error in
            XCTAssertTrue("\(error)".contains("allow_mixed_models"), "\(error)")
        }
    }
}
