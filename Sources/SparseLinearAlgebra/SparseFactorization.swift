import Foundation

/// A direct sparse factorisation that keeps its symbolic analysis while the sparsity
/// pattern stays the same and its numeric factors while the values stay the same.
public protocol SparseFactorization: AnyObject {
    /// Factorises `matrix`. Symbolic analysis (fill-reducing ordering) runs only when the
    /// pattern differs from the last one; the numeric step runs only when values changed.
    func factorize(_ matrix: SparseMatrix) throws
    /// Solves A x = b with the current factors.
    func solve(_ rightHandSide: [Double]) throws -> [Double]
    /// Cumulative counts and timings.
    var statistics: FactorizationStatistics { get }
}

/// What a factorisation did, for progress reports and the benchmark command.
public struct FactorizationStatistics: Sendable, CustomStringConvertible {
    public var symbolicCount = 0
    public var numericCount = 0
    public var solveCount = 0
    public var symbolicSeconds = 0.0
    public var numericSeconds = 0.0
    public var solveSeconds = 0.0
    /// Peak memory of the library's own work space in bytes (as reported by the library).
    public var peakLibraryBytes = 0.0
    /// Nonzeros in the factors of the last numeric factorisation.
    public var factorNonzeros = 0.0
    public var lastSymbolicSeconds = 0.0
    public var lastNumericSeconds = 0.0
    public var lastSolveSeconds = 0.0

    public init() {}

    public var description: String {
        String(format: "symbolic %d× (%.3f s), numeric %d× (%.3f s), solve %d× (%.3f s), factor nnz %.3g, peak %.1f MiB",
               symbolicCount, symbolicSeconds, numericCount, numericSeconds, solveCount, solveSeconds,
               factorNonzeros, peakLibraryBytes / 1_048_576)
    }
}

/// Errors from the sparse direct solvers, with the library's status code.
public enum SparseSolverError: Error, CustomStringConvertible {
    case library(name: String, stage: String, status: Int)
    case notPositiveDefinite(column: Int)
    case singular
    case notFactorized
    case dimensionMismatch(expected: Int, got: Int)
    /// A backend this build or process does not have (the PETSc backend without PETSc).
    case backendUnavailable(String)

    public var description: String {
        switch self {
        case let .library(name, stage, status):
            return "the linear solver \(name) failed in its \(stage) step (status \(status)\(Self.meaning(name, status)))"
        case let .notPositiveDefinite(column):
            return "the linear system is not positive definite (CHOLMOD stopped at unknown \(column)): a conductivity or heat conductance became zero, negative or not finite, usually from a temperature far outside the material's range. Check the material values and the drive, or set [solver] linear_solver = \"umfpack\""
        case .singular:
            return "the linear system is singular: some part of the device has no electrode that holds a potential, or no path for heat to a sink. Check the electrodes and [[thermal]] boundaries"
        case .notFactorized:
            return "a linear solve was attempted without a factorisation, because the factorisation before it failed; see the earlier message, or set [solver] linear_solver = \"umfpack\""
        case let .dimensionMismatch(expected, got):
            return "internal error: a right-hand side has \(got) entries, the matrix \(expected); please report it with the input file"
        case let .backendUnavailable(reason):
            return reason
        }
    }
}

extension SparseSolverError {
    /// What a library status means for the user (out of memory is the one they can act on).
    static func meaning(_ name: String, _ status: Int) -> String {
        switch (name, status) {
        case ("CHOLMOD", -2), ("UMFPACK", -1):
            return ": out of memory; use fewer cells or [solver] linear_solver = \"multigrid\""
        case ("CHOLMOD", -3), ("CHOLMOD", -4), ("UMFPACK", -8), ("UMFPACK", -5):
            return ": the matrix holds values that are not finite; a material value or the drive is out of any physical range"
        default:
            return ""
        }
    }
}

@inline(__always) func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + 1e-9 * Double(ts.tv_nsec)
}

/// Which library to use for a linear system.
public enum DirectSolverKind: String, Sendable, CaseIterable {
    /// UMFPACK LU (any nonsingular matrix).
    case umfpack
    /// CHOLMOD Cholesky (symmetric positive definite only; ~2.6× faster than UMFPACK on
    /// a 200k-cell 3D Laplacian on the project machine).
    case cholmod

    public func makeFactorization() -> SparseFactorization {
        switch self {
        case .umfpack: return UMFPACKFactorization()
        case .cholmod: return CHOLMODFactorization()
        }
    }
}
