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
    /// CG preconditioned through PETSc (hypre BoomerAMG by default), each system distributed
    /// over the MPI ranks as a DMDA; supplied by the PETSc backend of the executable
    /// (`DistributedSolverFactory`), in builds that have it.
    case petsc

    /// A solver for systems whose first nx·ny·nz unknowns are the cells of an nx × ny × nz box.
    public func makeSolver(cells: (x: Int, y: Int, z: Int), direct: DirectSolverKind) -> SymmetricSystemSolver {
        switch self {
        case .reusedFactorization: return ReusedFactorizationSolver(factorization: direct.makeFactorization())
        case .multigrid: return MultigridCGSolver(cells: cells, fallback: direct.makeFactorization())
        case .petsc:
            guard let make = DistributedSolverFactory.make else {
                return UnavailableSolver(reason: "[solver] backend = \"petsc\": this filament was built without PETSc; run scripts/setup, rebuild, or use the serial backend")
            }
            return make(cells, direct)
        }
    }
}

/// The maker of distributed solvers, registered by a module linked into the executable (the
/// PETSc backend) once its runtime is up; nil in builds and processes without one.
public enum DistributedSolverFactory {
    nonisolated(unsafe) public static var make: (((x: Int, y: Int, z: Int), DirectSolverKind) -> SymmetricSystemSolver)?
}

/// Stands in for a backend that is missing: every solve fails with `reason` (exit 2 in the CLI).
public final class UnavailableSolver: SymmetricSystemSolver {
    public let reason: String
    public var errorTolerance = 0.0
    public var iterationCount: Int { 0 }
    public var summary: String { "unavailable" }
    public var factorizationStatistics: FactorizationStatistics { FactorizationStatistics() }

    public init(reason: String) { self.reason = reason }

    public func solve(_ a: SparseMatrix, _ b: [Double], initialGuess: [Double]?) throws -> [Double] {
        throw SparseSolverError.backendUnavailable(reason)
    }
}
