import XCTest
@testable import Mesh

/// `GridTransfer`: trilinear interpolation reproduces any field linear in x, y, z between the
/// outermost source centres (an independent check: the exact linear function at the target
/// centres), and injection picks the source cell that contains each target centre.
final class GridTransferTests: XCTestCase {
    private let coarse = RectilinearGrid(x: .uniform(length: 1, cells: 4), y: .graded(length: 2, cells: 5, ratio: 1.3, toward: .lower),
                                         z: .uniform(length: 0.5, cells: 2))
    private let fine = RectilinearGrid(x: .uniform(length: 1, cells: 9), y: .uniform(length: 2, cells: 11), z: .uniform(length: 0.5, cells: 5))

    private func linear(_ p: (Double, Double, Double)) -> Double { 2 + 3 * p.0 - 1.5 * p.1 + 7 * p.2 }

    func testInterpolationIsExactForLinearFieldsInsideTheCentres() {
        let transfer = GridTransfer(from: coarse, to: fine)
        let values = transfer.interpolated((0..<coarse.cellCount).map { linear(coarse.center($0)) })
        var checked = 0
        for c in 0..<fine.cellCount {
            let p = fine.center(c)
            let inside = p.0 >= coarse.x.center(0) && p.0 <= coarse.x.center(3) && p.1 >= coarse.y.center(0)
                && p.1 <= coarse.y.center(4) && p.2 >= coarse.z.center(0) && p.2 <= coarse.z.center(1)
            guard inside else { continue }
            XCTAssertEqual(values[c], linear(p), accuracy: 1e-12)
            checked += 1
        }
        XCTAssertGreaterThan(checked, fine.cellCount / 4)
    }

    func testOutsideTheCentresTheNearestCentreValueIsHeld() {
        let transfer = GridTransfer(from: coarse, to: fine)
        let field = (0..<coarse.cellCount).map { linear(coarse.center($0)) }
        let values = transfer.interpolated(field)
        // fine cell (0, j, k) lies below the first coarse x centre: the x dependence is frozen there
        for c in 0..<fine.cellCount where fine.ijk(c).0 == 0 {
            let p = fine.center(c)
            let clamped = (coarse.x.center(0), min(max(p.1, coarse.y.center(0)), coarse.y.center(4)), min(max(p.2, coarse.z.center(0)), coarse.z.center(1)))
            XCTAssertEqual(values[c], linear(clamped), accuracy: 1e-12)
        }
    }

    func testInjectionTakesTheContainingCell() {
        let transfer = GridTransfer(from: coarse, to: fine)
        let labels = (0..<coarse.cellCount).map(Double.init)
        let injected = transfer.injected(labels)
        for c in 0..<fine.cellCount {
            let (x, y, z) = fine.center(c)
            let (i, j, k) = coarse.ijk(Int(injected[c]))
            XCTAssert(coarse.x.edges[i] <= x && x < coarse.x.edges[i + 1])
            XCTAssert(coarse.y.edges[j] <= y && y < coarse.y.edges[j + 1])
            XCTAssert(coarse.z.edges[k] <= z && z < coarse.z.edges[k + 1])
        }
    }

    func testTheSameGridIsTheIdentity() {
        let transfer = GridTransfer(from: coarse, to: coarse)
        let field = (0..<coarse.cellCount).map { sin(Double($0)) }
        XCTAssertEqual(transfer.injected(field), field)
        for (a, b) in zip(transfer.interpolated(field), field) { XCTAssertEqual(a, b, accuracy: 1e-14) }
    }
}
