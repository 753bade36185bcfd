import XCTest
import Mesh
@testable import Discretization

final class InteriorFacesTests: XCTestCase {
    func testFaceCountAndGeometry() {
        let grid = RectilinearGrid(x: .uniform(length: 3, cells: 3), y: .uniform(length: 2, cells: 2),
                                   z: .graded(length: 1, cells: 4, ratio: 1.5, toward: .upper))
        let faces = InteriorFaces(grid: grid)
        // (nx-1) ny nz + nx (ny-1) nz + nx ny (nz-1)
        XCTAssertEqual(faces.count, 2 * 2 * 4 + 3 * 1 * 4 + 3 * 2 * 3)
        for f in 0..<faces.count {
            XCTAssertLessThan(faces.owner[f], faces.neighbor[f])
            let d = faces.ownerDistance[f] + faces.neighborDistance[f]
            let (_, _, zo) = grid.center(faces.owner[f]); let (_, _, zn) = grid.center(faces.neighbor[f])
            if faces.axis[f] == .z { XCTAssertEqual(d, zn - zo, accuracy: 1e-14) }
        }
        XCTAssertEqual(grid.z.edges.last!, 1, accuracy: 1e-15)
        XCTAssertGreaterThan(grid.z.width(0), grid.z.width(3), "graded toward the top: finest cells at z = h")
    }
}
