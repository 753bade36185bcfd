/// Solves a sequence of nearby symmetric positive definite systems (the charge operator and
/// the heat operator of every Picard step).
public protocol SymmetricSystemSolver: AnyObject {
    /// Solves A x = b; `initialGuess` (the last iterate) seeds an iterative solve.
    func solve(_ a: SparseMatrix, _ b: [Double], initialGuess: [Double]?) throws -> [Double]
    /// Accepted estimated error relative to the solution (max norm); 0: full accuracy.
    var errorTolerance: Double { get set }
    /// Preconditioned CG iterations so far.
    var iterationCount: Int { get }
    /// One line of counts for progress reports and the benchmark.
    var summary: String { get }
    /// What its factorisation (the preconditioner, or the direct fallback) did so far.
    var factorizationStatistics: FactorizationStatistics { get }
}

/// How the symmetric systems are solved.
public enum SymmetricSolverStrategy: String, Sendable, CaseIterable {
    /// A sparse Cholesky factorisation, reused as the CG preconditioner of later, nearby
    /// matrices and refreshed when that CG stalls (`ReusedFactorizationSolver`).
    case reusedFactorization = "factorization"
    /// CG preconditioned by aggregation multigrid on the box of cells (`MultigridCGSolver`),
    /// with a direct fallback; needs the cell numbering of a structured grid.
    case multigrid

    /// A solver for systems whose first nx·ny·nz unknowns are the cells of an nx × ny × nz box.
    public func makeSolver(cells: (x: Int, y: Int, z: Int), direct: DirectSolverKind) -> SymmetricSystemSolver {
        switch self {
        case .reusedFactorization: return ReusedFactorizationSolver(factorization: direct.makeFactorization())
        case .multigrid: return MultigridCGSolver(cells: cells, fallback: direct.makeFactorization())
        }
    }
}
