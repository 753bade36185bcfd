import XCTest
@testable import SparseLinearAlgebra

final class SparsityPatternTests: XCTestCase {
    func testDuplicatesMergedAndRowsSorted() {
        let p = SparsityPattern(dimension: 3, entries: [(2, 0), (0, 0), (2, 0), (1, 1), (0, 2), (2, 2)])
        XCTAssertEqual(p.columnStarts, [0, 2, 3, 5])
        XCTAssertEqual(p.rowIndices, [0, 2, 1, 0, 2])
        XCTAssertEqual(p.slot(row: 2, col: 0), 1)
        XCTAssertNil(p.slot(row: 1, col: 0))
    }

    func testMatrixVectorProduct() {
        let p = SparsityPattern(dimension: 2, entries: [(0, 0), (1, 0), (0, 1), (1, 1)])
        // [[2, -1], [-1, 3]] in column order
        let a = SparseMatrix(pattern: p, values: [2, -1, -1, 3])
        XCTAssertEqual(a.multiply([1, 2]), [0, 5])
        XCTAssertTrue(a.isSymmetric())
    }
}
