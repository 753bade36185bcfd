import _CLAPACK

/// Anderson acceleration of a fixed-point iteration x = G(x) (type II; H. F. Walker and P. Ni,
/// "Anderson acceleration for fixed-point iterations", SIAM J. Numer. Anal. 49, 1715 (2011)).
///
/// With f_k = G(x_k) − x_k and the differences ΔX, ΔF of the last `depth` iterates and residuals,
/// γ = argmin ‖f_k − ΔF γ‖₂ and x_{k+1} = x_k + β f_k − (ΔX + β ΔF) γ, where β ∈ (0, 1] is the
/// damping (the weight of plain mixing). With depth 0 it is damped Picard iteration. The least-
/// squares problem is solved by LAPACK's rank-revealing QR (`dgelsy`), so nearly dependent
/// history columns are dropped instead of amplified. Used by the device solver's field iteration
/// and by the DMFT self-consistency loops.
public struct AndersonAccelerator: Sendable {
    public let depth: Int
    private var previousX: [Double]?
    private var previousF: [Double]?
    private var deltaX: [[Double]] = []
    private var deltaF: [[Double]] = []

    /// Columns whose pivoted-QR diagonal falls below this fraction of the largest are dropped.
    static let rankTolerance = 1e-12

    public init(depth: Int) { self.depth = max(0, depth) }

    /// Forgets the history (the next step is a damped Picard step).
    public mutating func reset() {
        previousX = nil; previousF = nil; deltaX = []; deltaF = []
    }

    /// One step from the current iterate `x` and `gx` = G(x); returns x_{k+1}.
    public mutating func next(x: [Double], gx: [Double], damping beta: Double = 1) -> [Double] {
        let n = x.count
        var f = [Double](repeating: 0, count: n)
        for i in 0..<n { f[i] = gx[i] - x[i] }
        defer { previousX = x; previousF = f }
        var result = x
        for i in 0..<n { result[i] += beta * f[i] }
        guard depth > 0 else { return result }
        if let px = previousX, let pf = previousF {
            var dx = [Double](repeating: 0, count: n), df = dx
            for i in 0..<n { dx[i] = x[i] - px[i]; df[i] = f[i] - pf[i] }
            deltaX.append(dx); deltaF.append(df)
            if deltaX.count > depth { deltaX.removeFirst(); deltaF.removeFirst() }
        }
        guard !deltaF.isEmpty, let gamma = Self.leastSquares(columns: deltaF, rhs: f) else { return result }
        for (j, g) in gamma.enumerated() where g != 0 {
            let dx = deltaX[j], df = deltaF[j]
            for i in 0..<n { result[i] -= g * (dx[i] + beta * df[i]) }
        }
        return result
    }

    /// min ‖rhs − A γ‖₂ with A's columns given, by column-pivoted QR (LAPACK `dgelsy`);
    /// nil when LAPACK reports an error or the solution is not finite.
    static func leastSquares(columns: [[Double]], rhs: [Double]) -> [Double]? {
        var rows = Int32(rhs.count), cols = Int32(columns.count), nrhs: Int32 = 1
        guard rows >= cols, cols > 0 else { return nil }
        var a = [Double]()
        a.reserveCapacity(rhs.count * columns.count)
        for column in columns { a.append(contentsOf: column) }  // column-major
        var b = rhs
        var lda = rows, ldb = rows
        var pivots = [Int32](repeating: 0, count: columns.count)
        var rcond = rankTolerance, rank: Int32 = 0, info: Int32 = 0
        var lwork: Int32 = -1, query = 0.0
        dgelsy_(&rows, &cols, &nrhs, &a, &lda, &b, &ldb, &pivots, &rcond, &rank, &query, &lwork, &info)
        guard info == 0 else { return nil }
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: max(1, Int(lwork)))
        dgelsy_(&rows, &cols, &nrhs, &a, &lda, &b, &ldb, &pivots, &rcond, &rank, &work, &lwork, &info)
        guard info == 0 else { return nil }
        let gamma = Array(b.prefix(columns.count))
        return gamma.allSatisfy(\.isFinite) ? gamma : nil
    }
}
