import _CSuiteSparse

/// Cholesky factorisation A = L Lᵀ through CHOLMOD's 64-bit-index interface (`cholmod_l_*`)
/// for symmetric positive definite matrices. Only the upper triangle of the given matrix is
/// read. Always a supernodal LLᵀ factorisation, so an indefinite matrix is rejected. Ordering: METIS nested dissection only (`nmethods = 1`). The analysis (ordering and
/// supernodal structure) is reused while the pattern is the same `SparsityPattern` instance.
public final class CHOLMODFactorization: SparseFactorization {
    public private(set) var statistics = FactorizationStatistics()

    private var common = cholmod_common()
    private var factor: UnsafeMutablePointer<cholmod_factor>?
    private var matrix: UnsafeMutablePointer<cholmod_sparse>?
    private var pattern: SparsityPattern?
    private var values: [Double] = []
    private var numericValid = false

    public init() {
        cholmod_l_start(&common)
        common.nmethods = 1
        common.method.0.ordering = CHOLMOD_METIS
        common.postorder = 1
        // Always supernodal LLᵀ: simplicial LDLᵀ would silently factor an indefinite matrix.
        common.supernodal = Int32(CHOLMOD_SUPERNODAL)
        common.print = 0
    }

    deinit {
        if factor != nil { cholmod_l_free_factor(&factor, &common) }
        if matrix != nil { cholmod_l_free_sparse(&matrix, &common) }
        cholmod_l_finish(&common)
    }

    public func factorize(_ a: SparseMatrix) throws {
        if pattern !== a.pattern { try analyze(a) }
        if numericValid && values == a.values { return }
        copyValues(a)
        let start = monotonicSeconds()
        let ok = cholmod_l_factorize(matrix, factor, &common)
        statistics.lastNumericSeconds = monotonicSeconds() - start
        statistics.numericSeconds += statistics.lastNumericSeconds
        statistics.numericCount += 1
        statistics.peakLibraryBytes = max(statistics.peakLibraryBytes, Double(common.memory_usage))
        statistics.factorNonzeros = common.lnz
        if common.status == CHOLMOD_NOT_POSDEF || factor!.pointee.minor < factor!.pointee.n {
            numericValid = false
            throw SparseSolverError.notPositiveDefinite(column: Int(factor!.pointee.minor))
        }
        guard ok != 0, common.status >= CHOLMOD_OK else {
            throw SparseSolverError.library(name: "CHOLMOD", stage: "factorize", status: Int(common.status))
        }
        numericValid = true
    }

    /// Builds CHOLMOD's copy of the upper triangle and runs the symbolic analysis.
    private func analyze(_ a: SparseMatrix) throws {
        if factor != nil { cholmod_l_free_factor(&factor, &common) }
        if matrix != nil { cholmod_l_free_sparse(&matrix, &common) }
        numericValid = false
        let p = a.pattern
        let n = p.dimension
        var upperCount = 0
        for col in 0..<n { for q in p.columnStarts[col]..<p.columnStarts[col + 1] where p.rowIndices[q] <= col { upperCount += 1 } }
        matrix = cholmod_l_allocate_sparse(n, n, upperCount, 1, 1, 1, CHOLMOD_REAL, &common)
        guard let m = matrix else { throw SparseSolverError.library(name: "CHOLMOD", stage: "allocate", status: Int(common.status)) }
        let colp = m.pointee.p.assumingMemoryBound(to: Int.self)
        let rowi = m.pointee.i.assumingMemoryBound(to: Int.self)
        var k = 0
        for col in 0..<n {
            colp[col] = k
            for q in p.columnStarts[col]..<p.columnStarts[col + 1] where p.rowIndices[q] <= col {
                rowi[k] = p.rowIndices[q]; k += 1
            }
        }
        colp[n] = k
        pattern = p
        copyValues(a)
        let start = monotonicSeconds()
        factor = cholmod_l_analyze(matrix, &common)
        statistics.lastSymbolicSeconds = monotonicSeconds() - start
        statistics.symbolicSeconds += statistics.lastSymbolicSeconds
        statistics.symbolicCount += 1
        guard factor != nil else { throw SparseSolverError.library(name: "CHOLMOD", stage: "analyze", status: Int(common.status)) }
    }

    private func copyValues(_ a: SparseMatrix) {
        values = a.values
        let p = a.pattern
        let x = matrix!.pointee.x.assumingMemoryBound(to: Double.self)
        var k = 0
        for col in 0..<p.dimension {
            for q in p.columnStarts[col]..<p.columnStarts[col + 1] where p.rowIndices[q] <= col {
                x[k] = a.values[q]; k += 1
            }
        }
    }

    public func solve(_ rightHandSide: [Double]) throws -> [Double] {
        guard let p = pattern, numericValid else { throw SparseSolverError.notFactorized }
        guard rightHandSide.count == p.dimension else {
            throw SparseSolverError.dimensionMismatch(expected: p.dimension, got: rightHandSide.count)
        }
        let n = p.dimension
        let start = monotonicSeconds()
        var b = cholmod_l_allocate_dense(n, 1, n, CHOLMOD_REAL, &common)
        defer { cholmod_l_free_dense(&b, &common) }
        let bx = b!.pointee.x.assumingMemoryBound(to: Double.self)
        for i in 0..<n { bx[i] = rightHandSide[i] }
        var x = cholmod_l_solve(CHOLMOD_A, factor, b, &common)
        defer { cholmod_l_free_dense(&x, &common) }
        guard let xs = x else { throw SparseSolverError.library(name: "CHOLMOD", stage: "solve", status: Int(common.status)) }
        let xv = xs.pointee.x.assumingMemoryBound(to: Double.self)
        let result = Array(UnsafeBufferPointer(start: xv, count: n))
        statistics.lastSolveSeconds = monotonicSeconds() - start
        statistics.solveSeconds += statistics.lastSolveSeconds
        statistics.solveCount += 1
        return result
    }
}
