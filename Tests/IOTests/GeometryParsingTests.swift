import XCTest
import Foundation
@testable import IO
import Mesh
import Materials
import Discretization
import Solvers

/// What a valid file turns into: SI values, patches, grids, defaults.
final class GeometryParsingTests: XCTestCase {
    func base(electrodes: String, mesh: String = "x = { cells = 10 }\ny = { cells = 4 }\nz = { cells = 2 }", extra: String = "") -> String {
        """
        [domain]
        length = "1 mm"
        width = "0.5 mm"
        thickness = "200 um"
        [mesh]
        \(mesh)
        [material]
        T_IMT = "360 K"
        T_MIT = "350 K"
        [material.insulator]
        resistivity = "10 ohm*cm"
        seebeck = "800 uV/K"
        thermal_conductivity = "1e-3 W/(cm*K)"
        [material.metal]
        resistivity = "1 ohm*cm"
        thermal_conductivity = "0.2 W/(m*K)"
        \(electrodes)
        [[thermal]]
        face = "z_min"
        condition = "heat_transfer"
        coefficient = "5e4 W/(m^2*K)"
        sink_temperature = "290 K"
        \(extra)
        """
    }

    let lines = """
    [[electrode]]
    name = "a"
    face = "z_max"
    shape = "line"
    x = ["0 mm", "0.1 mm"]
    y = "0.25 mm"
    role = "ground"
    [[electrode]]
    name = "b"
    face = "z_max"
    shape = "point"
    x = "0.95 mm"
    y = "0.3 mm"
    source_voltage = "2 V"
    load_resistance = "1 kohm"
    seebeck = "-10 uV/K"
    """

    func testValuesAreConvertedToSI() throws {
        let device = try GeometryFile.parse(base(electrodes: lines), file: "t.toml")
        let p = device.problem
        let insulator = try XCTUnwrap(p.material.insulator as? ConstantTransport)
        let metal = try XCTUnwrap(p.material.metal as? ConstantTransport)
        XCTAssertEqual(insulator.resistivityOhmMeter, 0.1, accuracy: 1e-15)
        XCTAssertEqual(insulator.seebeckVoltPerKelvin, 8e-4, accuracy: 1e-15)
        XCTAssertEqual(insulator.thermalConductivityWattPerMeterKelvin, 0.1, accuracy: 1e-15)
        XCTAssertEqual(metal.thermalConductivityWattPerMeterKelvin, 0.2, accuracy: 1e-15)
        XCTAssertEqual(p.material.metalToInsulatorTemperature, 350)
        XCTAssertEqual(p.grid.z.length, 2e-4, accuracy: 1e-18)
        XCTAssertEqual(p.initialTemperature, 290, "default initial temperature: the coldest sink")
        XCTAssertEqual(p.thermalBoundaries[0].condition, .heatTransfer(coefficient: 5e4, sinkTemperature: 290))
        XCTAssertEqual(p.electrodes[1].drive, .source(voltage: 2, loadResistance: 1000))
        XCTAssertEqual(p.electrodes[1].seebeck, -1e-5, accuracy: 1e-18)
    }

    func testLineAtACellEdgeTakesBothNeighbouringColumnsAndAPointOneFace() throws {
        // ny = 4: y = W/2 is the edge between columns 1 and 2; y = 0.3 mm lies inside column 2.
        let device = try GeometryFile.parse(base(electrodes: lines), file: "t.toml")
        let model = try DiscreteModel(problem: device.problem)
        let grid = device.problem.grid
        func cells(_ e: Int) -> [(Int, Int, Int)] {
            (0..<model.boundary.count).filter { model.boundary.electrode[$0] == e }.map { grid.ijk(model.boundary.cell[$0]) }
        }
        let line = cells(0)
        XCTAssertEqual(Set(line.map { $0.1 }), [1, 2])
        XCTAssertEqual(Set(line.map { $0.0 }), [0], "x cells of 0.1 mm: only the first centre lies in 0…0.1 mm")
        XCTAssertTrue(line.allSatisfy { $0.2 == grid.nz - 1 })
        let point = cells(1)
        XCTAssertEqual(point.count, 1)
        XCTAssertEqual(point[0].0, 9)
        XCTAssertEqual(point[0].1, 2)
    }

    func testSubstrateExtendsTheZAxisBelowTheFilm() throws {
        let text = base(electrodes: lines, mesh: "x = { cells = 10 }\ny = { cells = 4 }\nz = { cells = 4, ratio = 1.2, toward = \"upper\" }\nsubstrate_cells = 3",
                        extra: "[substrate]\nthickness = \"0.3 mm\"\nthermal_conductivity = \"1 W/(m*K)\"")
        let device = try GeometryFile.parse(text, file: "t.toml")
        let z = device.problem.grid.z
        XCTAssertEqual(z.cellCount, 7)
        XCTAssertEqual(z.edges[3], 3e-4, accuracy: 1e-15)
        XCTAssertEqual(z.length, 5e-4, accuracy: 1e-15)
        XCTAssertLessThan(z.width(6), z.width(3), "film cells are finer toward the top")
        XCTAssertEqual(device.problem.filmMask.filter { $0 }.count, 10 * 4 * 4)
        XCTAssertEqual(device.substrateThickness, 3e-4)
    }

    func testCellOverrideReplacesTheFilmMesh() throws {
        let device = try GeometryFile.parse(base(electrodes: lines), file: "t.toml", cells: [5, 3, 1])
        XCTAssertEqual(device.problem.grid.cellCount, 15)
        XCTAssertThrowsError(try GeometryFile.parse(base(electrodes: lines), file: "t.toml", cells: [5, 0, 1]))
    }

    func testHashIsOfTheFileBytes() throws {
        let text = base(electrodes: lines)
        XCTAssertEqual(try GeometryFile.parse(text, file: "t.toml").sha256, SHA256.hex(of: Data(text.utf8)))
    }

    /// The complete annotated example of docs/geometry-format.md is a valid file.
    func testAnnotatedExampleOfTheFormatDocumentParses() throws {
        let doc = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/geometry-format.md"), encoding: .utf8)
        let block = try XCTUnwrap(doc.components(separatedBy: "```toml\n").last?.components(separatedBy: "```").first)
        let device = try GeometryFile.parse(block, file: "geometry-format.md")
        XCTAssertNoThrow(try DiscreteModel(problem: device.problem))
        XCTAssertEqual(device.rampSteps, 8)
        XCTAssertEqual(device.problem.substrate?.thickness ?? 0, 3e-4, accuracy: 1e-15)
        XCTAssertEqual(device.problem.electrodes[1].drive, .source(voltage: 5, loadResistance: 100))
        XCTAssertEqual(device.problem.thermalBoundaries.map(\.name), ["heat sink", "air"])
        XCTAssertEqual(device.problem.grid.nz, 8 + 4)
    }
}
