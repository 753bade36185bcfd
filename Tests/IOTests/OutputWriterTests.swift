import XCTest
import Foundation
@testable import IO
import Mesh
import Discretization
import Solvers
import Simulations

final class OutputWriterTests: XCTestCase {
    /// Below j_cr with S = 0 a slab carries j = I/(W h) along x in every cell, so the
    /// cell-centred current density (faces and contacts averaged) must be uniform. The current
    /// enters at x = L (the driven electrode), so it flows toward −x.
    func testCellCurrentDensityOfAUniformSlab() throws {
        var study = SlabStudy()
        study.cellsAlongX = 3
        study.cellsAlongY = 2
        let j0 = 2e4
        let solution = try SteadyStateSolver(problem: study.problem(currentDensity: j0, cellsAlongZ: 4)).solve()
        let fields = DeviceFields(solution: solution)
        for c in 0..<solution.grid.cellCount {
            XCTAssertEqual(fields.currentDensity[0][c], -j0, accuracy: 1e-6 * j0)
            XCTAssertEqual(fields.currentDensity[1][c], 0, accuracy: 1e-6 * j0)
            XCTAssertEqual(fields.currentDensity[2][c], 0, accuracy: 1e-6 * j0)
            XCTAssertEqual(fields.jouleHeatDensity[c], study.closedForms.insulatorResistivity * j0 * j0, accuracy: 1e-6 * 40)
        }
        XCTAssertEqual(fields.phase, Array(repeating: 0, count: solution.grid.cellCount))
    }

    func testVTKArraysRoundTripThroughBase64() throws {
        let grid = RectilinearGrid(x: .uniform(length: 2, cells: 2), y: .uniform(length: 1, cells: 1), z: .uniform(length: 1, cells: 1))
        var writer = VTKWriter(grid: grid)
        writer.addScalar("T [K]", [300.5, -1e-300])
        writer.addFlags("phase", [0, 1])
        let xml = writer.document(.rectilinearGrid)
        XCTAssertTrue(xml.contains("WholeExtent=\"0 2 0 1 0 1\""))
        let arrays = xml.components(separatedBy: "format=\"binary\">\n").dropFirst().map {
            $0.components(separatedBy: "\n")[0].trimmingCharacters(in: .whitespaces)
        }
        let t = [UInt8](Data(base64Encoded: arrays[0])!)
        XCTAssertEqual(t.count, 8 + 16)
        XCTAssertEqual(t[0], 16, "UInt64 header holds the byte count")
        func word(_ offset: Int) -> UInt64 {
            var w: UInt64 = 0
            for b in 0..<8 { w |= UInt64(t[offset + b]) << UInt64(8 * b) }
            return w
        }
        let values = [Double(bitPattern: word(8)), Double(bitPattern: word(16))]
        XCTAssertEqual(values, [300.5, -1e-300])
        XCTAssertEqual([UInt8](Data(base64Encoded: arrays[1])!), [2, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        let x = [UInt8](Data(base64Encoded: arrays[2])!)
        XCTAssertEqual(x.count, 8 + 24, "x coordinates: three edges")
    }

    /// A point cloud is an UnstructuredGrid of VTK_VERTEX cells (type 1), one per point, with
    /// offsets 1, 2, … and the coordinates' unit in the points array's name.
    func testPointCloudIsAnUnstructuredGridOfVertices() throws {
        var writer = VTKWriter(points: [SIMD3(0, 0, 0), SIMD3(1, 0.5, 0), SIMD3(2, 1, 0)], unit: "a")
        writer.addScalar("delta [t]", [0.1, 0.2, 0.3])
        let xml = writer.document(.rectilinearGrid)
        XCTAssertTrue(xml.contains("<UnstructuredGrid>"))
        XCTAssertTrue(xml.contains("NumberOfPoints=\"3\" NumberOfCells=\"3\""))
        XCTAssertTrue(xml.contains("Name=\"Points [a]\""))
        let arrays = xml.components(separatedBy: "format=\"binary\">\n").dropFirst().map {
            [UInt8](Data(base64Encoded: $0.components(separatedBy: "\n")[0].trimmingCharacters(in: .whitespaces))!)
        }
        XCTAssertEqual(arrays.count, 5, "delta, points, connectivity, offsets, types")
        XCTAssertEqual(arrays[4], [3, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1], "three VTK_VERTEX cells")
        XCTAssertEqual(arrays[3][8], 1, "first offset 1")
        XCTAssertEqual(arrays[3][16], 2, "second offset 2")
    }

    func testJSONEscapesAndNonFiniteNumbers() {
        let json = JSONValue.object([("a\"b", .string("line\nnext")), ("x", .number(.nan)), ("v", .array([.number(0.1), .integer(3)]))])
        XCTAssertEqual(json.rendered(), "{\n  \"a\\\"b\": \"line\\nnext\",\n  \"x\": null,\n  \"v\": [0.1, 3]\n}\n")
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.rendered().utf8)))
    }
}
