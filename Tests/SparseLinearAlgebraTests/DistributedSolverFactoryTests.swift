import XCTest
@testable import SparseLinearAlgebra

final class DistributedSolverFactoryTests: XCTestCase {
    /// Without a registered PETSc backend the petsc strategy yields a solver that refuses to
    /// solve with a message naming the backend, instead of silently using another solver.
    func testPETScStrategyWithoutBackendRefusesToSolve() {
        let saved = DistributedSolverFactory.make
        DistributedSolverFactory.make = nil
        defer { DistributedSolverFactory.make = saved }
        let solver = SymmetricSolverStrategy.petsc.makeSolver(cells: (1, 1, 1), direct: .cholmod)
        let a = SparseMatrix(pattern: SparsityPattern(dimension: 1, entries: [(0, 0)]), values: [2])
        XCTAssertThrowsError(try solver.solve(a, [1], initialGuess: nil)) { error in
            guard case let SparseSolverError.backendUnavailable(reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("without PETSc"), reason)
        }
    }
}
