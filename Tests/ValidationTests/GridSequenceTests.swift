import XCTest
@testable import Mesh
@testable import Solvers
@testable import Simulations

/// Grid sequencing must not change the answer: the Fig. 2 film at half drive solved on
/// 12×11×4 cells directly (drive ramp on that grid) and by ramping on 6×5×2 and refining give
/// the same steady state within the phase tolerance's effect (V within 0.5 %, metal volume
/// within 5 %, mean temperature within 1e-3 T0), and the refined solve still balances energy.
final class GridSequenceTests: XCTestCase {
    private func study() -> Fig2Study { Fig2Study.halfDrive(cells: (12, 11, 4)) }

    func testHalvingKeepsOddCountsOddAndStopsAtTheMinimum() {
        let levels = GridSequence.halving(toward: (100, 101, 20))
        XCTAssertEqual(levels.map { [$0.x, $0.y, $0.z] }, [[25, 25, 5], [50, 51, 10], [100, 101, 20]])
        XCTAssertEqual(GridSequence.halving(toward: (12, 11, 4), count: 2).map { [$0.x, $0.y, $0.z] }, [[6, 5, 2], [12, 11, 4]])
        XCTAssertEqual(GridSequence.halving(toward: (12, 11, 3), count: 2).count, 1, "z cannot be halved below 2 cells")
    }

    func testSequencedSolveMatchesTheSingleGridSolve() throws {
        let quiet = ProgressReporter(quiet: true)
        let direct = try study().run(progress: quiet)
        let sequenced = try study().runSequenced(levels: GridSequence.halving(toward: (12, 11, 4), count: 2), progress: quiet)
        XCTAssertEqual(sequenced.levels.map(\.cells.z), [2, 4])
        let a = direct.solution, b = sequenced.result.solution
        XCTAssertEqual(b.grid.cellCount, a.grid.cellCount)
        XCTAssertEqual(b.voltage, a.voltage, accuracy: 5e-3 * abs(a.voltage))
        XCTAssertGreaterThan(a.metalFraction, 0.005, "the comparison needs some metal")
        XCTAssertEqual(b.metalFraction, a.metalFraction, accuracy: 0.05 * a.metalFraction)
        XCTAssertEqual(sequenced.result.meanTemperatureOverT0, direct.meanTemperatureOverT0, accuracy: 1e-3)
        XCTAssertEqual(sequenced.result.metalReachFromNegative, direct.metalReachFromNegative)
        XCTAssertLessThan(b.energyBalanceRelativeError, 1e-8)
    }
}
