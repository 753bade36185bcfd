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

    public var description: String {
        switch self {
        case let .library(name, stage, status): return "\(name) \(stage) failed with status \(status)"
        case let .notPositiveDefinite(column): return "matrix is not positive definite (CHOLMOD stopped at column \(column))"
        case .singular: return "matrix is singular (is there an electrode that holds a potential and a thermal boundary that sinks heat?)"
        case .notFactorized: return "solve called before factorize"
        case let .dimensionMismatch(expected, got): return "right-hand side has \(got) entries, matrix has \(expected)"
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
