import XCTest
import Mesh
import Materials
import SparseLinearAlgebra
@testable import Discretization

/// A 2-cell problem assembled by hand and compared entry by entry (FiPy's habit).
/// Cells of 1 m × 1 m × 1 m: face areas 1 m², centre-to-face 0.5 m.
final class TwoCellAssemblyTests: XCTestCase {
    let grid = RectilinearGrid(x: .uniform(length: 2, cells: 2), y: .uniform(length: 1, cells: 1), z: .uniform(length: 1, cells: 1))
    let cells = CellCoefficients(conductivity: [3, 5], seebeck: [2e-4, 7e-5], thermalConductivity: [0.2, 0.6])
    let h = 4.0, sink = 290.0, current = 0.7, groundPotential = 0.25
    var electrodes: [Electrode] {
        [Electrode(name: "ground", patch: .whole(.xMin), drive: .potential(groundPotential)),
         Electrode(name: "drive", patch: .whole(.xMax), seebeck: 1e-5, drive: .current(current))]
    }
    var thermal: [ThermalBoundary] {
        [ThermalBoundary(name: "cold", patch: .whole(.xMin), condition: .fixedTemperature(300)),
         ThermalBoundary(name: "sink", patch: .whole(.xMax), condition: .heatTransfer(coefficient: h, sinkTemperature: sink))]
    }

    func testChargeMatrixAndRightHandSide() throws {
        let faces = InteriorFaces(grid: grid)
        let boundary = try BoundaryFaces(grid: grid, thermal: thermal, electrodes: electrodes)
        let op = ChargeOperator(grid: grid, faces: faces, boundary: boundary, electrodes: electrodes)
        let fc = FaceCoefficients(faces: faces, cells: cells)
        let a = op.matrix(faces: faces, faceCoefficients: fc, boundary: boundary, cells: cells, electrodes: electrodes)
        let gP = 2 * 3.0, gN = 2 * 5.0, g = 1 / (1 / gP + 1 / gN)
        let expected: [[Double]] = [[g + gP, -g, 0], [-g, g + gN, -gN], [0, -gN, gN]]
        XCTAssertEqual(op.unknownCount, 3)
        for r in 0..<3 { for c in 0..<3 { XCTAssertEqual(a[r, c], expected[r][c], accuracy: 1e-14, "A[\(r),\(c)]") } }

        let t = [330.0, 345.0]
        let b = op.rightHandSide(temperature: t, faces: faces, faceCoefficients: fc, boundary: boundary, cells: cells, electrodes: electrodes)
        let kP = 2 * 0.2, kN = 2 * 0.6, alpha = kP / (kP + kN)
        let sFace = (1 - alpha) * 2e-4 + alpha * 7e-5
        let emf = g * sFace * (t[0] - t[1])
        let gLink = 0.6 / 0.5
        let tRight = (gLink * t[1] + h * sink) / (gLink + h)
        let leftContact = gP * 2e-4 * (300 - t[0])
        let rightContact = gN * 7e-5 * (tRight - t[1])
        XCTAssertEqual(b[0], -emf + leftContact + gP * groundPotential, accuracy: 1e-14)
        XCTAssertEqual(b[1], emf + rightContact, accuracy: 1e-14)
        XCTAssertEqual(b[2], current - rightContact, accuracy: 1e-14)
    }

    func testHeatMatrixAndSources() throws {
        let faces = InteriorFaces(grid: grid)
        let boundary = try BoundaryFaces(grid: grid, thermal: thermal, electrodes: electrodes)
        let op = HeatOperator(grid: grid, faces: faces)
        let fc = FaceCoefficients(faces: faces, cells: cells)
        let k = op.diffusionMatrix(faces: faces, faceCoefficients: fc, boundary: boundary, cells: cells)
        let kFace = 1 / (1 / 0.4 + 1 / 1.2)
        let link = 1 / (0.5 / 0.6 + 1 / h)
        XCTAssertEqual(k[0, 0], kFace + 0.4, accuracy: 1e-14)
        XCTAssertEqual(k[0, 1], -kFace, accuracy: 1e-14)
        XCTAssertEqual(k[1, 0], -kFace, accuracy: 1e-14)
        XCTAssertEqual(k[1, 1], kFace + link, accuracy: 1e-14)

        // Joule and Peltier heat of a hand-made state.
        let t = [330.0, 345.0], phi = [0.5, 0.1]
        let fluxes = ElectrothermalFluxes(potential: phi, electrodePotential: [groundPotential, 0.02], temperature: t,
                                          faces: faces, faceCoefficients: fc, boundary: boundary, cells: cells, electrodes: electrodes)
        let gP = 6.0, gN = 10.0, g = 1 / (1 / gP + 1 / gN)
        let alpha = 0.25, sFace = 0.75 * 2e-4 + 0.25 * 7e-5
        let i = g * ((phi[0] - phi[1]) + sFace * (t[0] - t[1]))
        XCTAssertEqual(fluxes.faceCurrent[0], i, accuracy: 1e-15)
        let iLeft = gP * ((groundPotential - phi[0]) + 2e-4 * (300 - t[0]))
        let tf = alpha * t[0] + (1 - alpha) * t[1]
        let jouleLeft = i * i / gP + iLeft * iLeft / gP
        let peltierLeft = tf * (2e-4 - sFace) * i + 300 * (2e-4 - 0) * (-iLeft)
        XCTAssertEqual(fluxes.jouleHeat[0], jouleLeft, accuracy: 1e-13)
        XCTAssertEqual(fluxes.peltierHeat[0], peltierLeft, accuracy: 1e-13)
    }

    func testOverlappingElectrodesRejected() {
        let e = [Electrode(name: "a", patch: .whole(.xMin), drive: .potential(0)),
                 Electrode(name: "b", patch: FacePatch(face: .xMin, uRange: 0...0.6), drive: .current(1))]
        XCTAssertThrowsError(try BoundaryFaces(grid: grid, thermal: [], electrodes: e)) { error in
            XCTAssertEqual(error as? BoundaryFaces.BuildError, .overlappingElectrodes("a", "b"))
        }
    }
}
