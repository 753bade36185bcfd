import Foundation
/// Conjugate gradients preconditioned by aggregation multigrid, for the symmetric positive
/// definite systems of a structured box of cells (`MultigridHierarchy`), with a few extra
/// "border" unknowns coupled to many cells (floating electrode potentials).
///
/// The unknowns are the nx·ny·nz cells (x fastest), whose couplings must be seven-point,
/// followed by m border unknowns. With the cell block K, border block C and corner D, and
/// B ≈ K⁻¹ one V-cycle, the preconditioner eliminates the border exactly and approximates
/// only K⁻¹ (`BorderedPreconditioner`: M⁻¹ = Lᵀ diag(B, S̃⁻¹) L with W̃ ≈ K⁻¹C), which is
/// symmetric positive definite by construction, so plain CG applies.
/// Stopping: ‖b − A x‖₂ ≤ tolerance · ‖b‖₂ (true residual, checked at exit) or, with
/// `errorTolerance` > 0, max |M⁻¹ r| ≤ errorTolerance · max |x| (the preconditioned residual
/// estimates the error). When CG misses the tolerance within `maxIterations`, or the matrix
/// does not have the structure, the `fallback` factorisation solves directly: no unconverged
/// answer is returned.
public final class MultigridCGSolver: SymmetricSystemSolver {
    public let cells: (x: Int, y: Int, z: Int)
    public var tolerance: Double
    public var maxIterations: Int
    public var errorTolerance: Double = 0
    public let fallback: SparseFactorization
    public private(set) var cgIterations = 0
    public private(set) var cgSolves = 0
    public private(set) var hierarchySetups = 0
    public private(set) var fallbackSolves = 0
    /// Gauss–Seidel sweeps before and after each coarse correction, and the correction scale.
    public var sweeps = 1
    public var correctionScale = 1.6

    private var layout: StencilLayout?
    private var preparedValues: [Double]?
    private var preconditioner: BorderedPreconditioner?

    public init(cells: (x: Int, y: Int, z: Int), fallback: SparseFactorization, tolerance: Double = 1e-13, maxIterations: Int = 200) {
        self.cells = cells
        self.fallback = fallback
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }

    public var iterationCount: Int { cgIterations }

    public var summary: String {
        "\(cgSolves) MG-CG solves (\(cgIterations) its, \(hierarchySetups) hierarchies, " + String(format: "%.3f s per solve)", solveSeconds / Double(max(1, cgSolves + fallbackSolves)))
            + (fallbackSolves > 0 ? ", \(fallbackSolves) direct fallbacks (\(fallback.statistics.numericCount) factorisations)" : "")
    }

    public var factorizationStatistics: FactorizationStatistics { fallback.statistics }

    /// Seconds in `solve` (hierarchy setup, CG and fallbacks).
    public private(set) var solveSeconds = 0.0

    public func solve(_ a: SparseMatrix, _ b: [Double], initialGuess: [Double]? = nil) throws -> [Double] {
        let start = monotonicSeconds()
        defer { solveSeconds += monotonicSeconds() - start }
        if let m = try prepare(a), let x = try conjugateGradient(a, b, initialGuess: initialGuess, preconditioner: m) {
            cgSolves += 1
            return x
        }
        fallbackSolves += 1
        try fallback.factorize(a)
        return try fallback.solve(b)
    }

    /// The preconditioner for `a` (rebuilt when the values changed); nil when `a` does not
    /// have the seven-point-plus-border structure or a level is not positive definite.
    private func prepare(_ a: SparseMatrix) throws -> BorderedPreconditioner? {
        if layout?.pattern !== a.pattern {
            layout = StencilLayout(pattern: a.pattern, cells: cells)
            preparedValues = nil
        }
        guard let layout else { return nil }
        if let values = preparedValues, values == a.values { return preconditioner }
        preparedValues = a.values
        hierarchySetups += 1
        preconditioner = BorderedPreconditioner(layout: layout, matrix: a, sweeps: sweeps, correctionScale: correctionScale,
                                                previousBorderSolution: preconditioner?.borderSolution)
        return preconditioner
    }

    private func conjugateGradient(_ a: SparseMatrix, _ b: [Double], initialGuess: [Double]?,
                                   preconditioner m: BorderedPreconditioner) throws -> [Double]? {
        let n = b.count
        let bNorm = norm(b)
        guard bNorm > 0 else { return [Double](repeating: 0, count: n) }
        var x = initialGuess ?? [Double](repeating: 0, count: n)
        var ax = [Double](repeating: 0, count: n)
        m.multiply(x, into: &ax)
        var r = [Double](repeating: 0, count: n)
        for i in 0..<n { r[i] = b[i] - ax[i] }
        if norm(r) <= tolerance * bNorm { return x }
        var z = r
        m.apply(r, into: &z)
        var (rz, zMax) = Self.dotAndMax(r, z)
        if errorTolerance > 0 && zMax <= errorTolerance * Self.maxAbs(x) { return x }
        var p = z
        for _ in 0..<maxIterations {
            cgIterations += 1
            m.multiply(p, into: &ax)
            let curvature = dotProduct(p, ax)
            guard curvature > 0 else { return nil }
            let alpha = rz / curvature
            // x += αp, r −= α A p, with ‖r‖² and max |x| in the same pass
            var rr = 0.0, xMax = 0.0
            x.withUnsafeMutableBufferPointer { xx in
                r.withUnsafeMutableBufferPointer { rb in
                    p.withUnsafeBufferPointer { pp in
                        ax.withUnsafeBufferPointer { aa in
                            for i in 0..<n {
                                xx[i] += alpha * pp[i]
                                rb[i] -= alpha * aa[i]
                                rr += rb[i] * rb[i]
                                xMax = max(xMax, abs(xx[i]))
                            }
                        }
                    }
                }
            }
            if rr.squareRoot() <= tolerance * bNorm {
                a.multiply(x, into: &ax)  // the true residual, from the matrix itself
                for i in 0..<n { r[i] = b[i] - ax[i] }
                if norm(r) <= 10 * tolerance * bNorm { return x }
            }
            m.apply(r, into: &z)
            let (rzNext, zMaxNext) = Self.dotAndMax(r, z)
            if errorTolerance > 0 && zMaxNext <= errorTolerance * xMax { return x }
            let beta = rzNext / rz
            rz = rzNext
            zMax = zMaxNext
            p.withUnsafeMutableBufferPointer { pp in
                z.withUnsafeBufferPointer { zz in for i in 0..<n { pp[i] = zz[i] + beta * pp[i] } }
            }
        }
        return nil
    }

    /// (r·z, max |z|) in one pass.
    private static func dotAndMax(_ r: [Double], _ z: [Double]) -> (Double, Double) {
        var s = 0.0, m = 0.0
        r.withUnsafeBufferPointer { rr in
            z.withUnsafeBufferPointer { zz in
                for i in 0..<rr.count { s += rr[i] * zz[i]; m = max(m, abs(zz[i])) }
            }
        }
        return (s, m)
    }

    private static func maxAbs(_ x: [Double]) -> Double { x.reduce(0) { max($0, abs($1)) } }

    private func norm(_ u: [Double]) -> Double { dotProduct(u, u).squareRoot() }
}

/// Where the seven-point couplings and the border entries of a pattern sit in `values`.
struct StencilLayout {
    let pattern: SparsityPattern
    let nx: Int, ny: Int, nz: Int
    /// Slot of A[c, c], A[c, c+1], A[c, c+nx], A[c, c+nx·ny] per cell (−1: none).
    let diagonalSlot: [Int], xSlot: [Int], ySlot: [Int], zSlot: [Int]
    /// Border column e: (cell, slot) of its cell entries, and the slots of D (row-major, −1: none).
    let borderEntries: [[(cell: Int, slot: Int)]]
    let cornerSlots: [Int]

    var cellCount: Int { nx * ny * nz }
    var borderCount: Int { borderEntries.count }

    /// nil when some cell–cell entry is not a face neighbour or a diagonal is missing.
    init?(pattern: SparsityPattern, cells: (x: Int, y: Int, z: Int)) {
        let (nx, ny, nz) = cells
        let n = nx * ny * nz
        guard n > 0, pattern.dimension >= n else { return nil }
        self.pattern = pattern
        self.nx = nx; self.ny = ny; self.nz = nz
        func slot(_ row: Int, _ col: Int) -> Int { pattern.slot(row: row, col: col) ?? -1 }
        var d = [Int](repeating: -1, count: n), sx = d, sy = d, sz = d
        var found = 0
        for c in 0..<n {
            let i = c % nx, j = (c / nx) % ny, k = c / (nx * ny)
            d[c] = slot(c, c)
            guard d[c] >= 0 else { return nil }
            if i + 1 < nx { sx[c] = slot(c, c + 1) }
            if j + 1 < ny { sy[c] = slot(c, c + nx) }
            if k + 1 < nz { sz[c] = slot(c, c + nx * ny) }
            found += 1 + 2 * [sx[c], sy[c], sz[c]].filter { $0 >= 0 }.count
        }
        var cellCellEntries = 0
        for col in 0..<n {
            for p in pattern.columnStarts[col]..<pattern.columnStarts[col + 1] where pattern.rowIndices[p] < n {
                cellCellEntries += 1
            }
        }
        guard cellCellEntries == found else { return nil }
        let m = pattern.dimension - n
        var border: [[(cell: Int, slot: Int)]] = []
        var corner = [Int](repeating: -1, count: m * m)
        for e in 0..<m {
            var entries: [(cell: Int, slot: Int)] = []
            for p in pattern.columnStarts[n + e]..<pattern.columnStarts[n + e + 1] {
                let row = pattern.rowIndices[p]
                if row < n { entries.append((row, p)) } else { corner[(row - n) * m + e] = p }
            }
            border.append(entries)
        }
        diagonalSlot = d; xSlot = sx; ySlot = sy; zSlot = sz
        borderEntries = border
        cornerSlots = corner
    }

    /// The cell block of `a` as a box stencil.
    func stencil(of a: SparseMatrix) -> BoxStencil {
        let s = BoxStencil(nx: nx, ny: ny, nz: nz)
        let pad = s.pad
        s.withMutableCoefficients { d, ax, ay, az in
            a.values.withUnsafeBufferPointer { v in
                diagonalSlot.withUnsafeBufferPointer { ds in
                    for c in 0..<cellCount { d[pad + c] = v[ds[c]] }
                }
                for (slots, coupling) in [(xSlot, ax), (ySlot, ay), (zSlot, az)] {
                    slots.withUnsafeBufferPointer { sl in
                        for c in 0..<cellCount where sl[c] >= 0 { coupling[pad + c] = v[sl[c]] }
                    }
                }
            }
        }
        return s
    }
}

/// The block preconditioner of `MultigridCGSolver` for one matrix.
///
/// With W̃ ≈ K⁻¹ C (a few multigrid-CG steps per border column) and
/// S̃ = [−W̃; I]ᵀ A [−W̃; I] = D − 2 Cᵀ W̃ + W̃ᵀ K W̃ (positive definite for any W̃, since A is,
/// and equal to the Schur complement D − Cᵀ K⁻¹ C when W̃ is exact):
///   M⁻¹ = Lᵀ diag(B, S̃⁻¹) L,  L = [[I, 0], [−W̃ᵀ, I]],
/// i.e. v = S̃⁻¹ (r_D − W̃ᵀ r_K), z_D = v, z_K = B r_K − W̃ v. Symmetric positive definite by
/// construction. (A current-driven contact has D ≫ S: the contact conductances nearly cancel
/// against Cᵀ K⁻¹ C, so S must not be formed from a single V-cycle.)
final class BorderedPreconditioner {
    private let hierarchy: MultigridHierarchy
    private let n: Int, m: Int
    /// W̃, one column of length n per border unknown.
    private let w: [[Double]]
    /// The matrix itself (cell stencil, border C, corner D) for fast products.
    private let stencil: BoxStencil
    private let border: [[(cell: Int, value: Double)]]
    private let corner: [Double]
    private var paddedScratch: [Double]
    var borderSolution: [[Double]] { w }
    private let schur: DenseCholesky?

    /// `previousBorderSolution`: W̃ of the last matrix, the starting guess for the new one (the
    /// matrices of successive phase maps differ in a few cells).
    init?(layout: StencilLayout, matrix a: SparseMatrix, sweeps: Int, correctionScale: Double, previousBorderSolution: [[Double]]? = nil,
          borderTolerance: Double = 1e-4) {
        let stencil = layout.stencil(of: a)
        guard let h = MultigridHierarchy(finest: stencil, sweeps: sweeps, correctionScale: correctionScale) else { return nil }
        hierarchy = h
        let n = layout.cellCount
        self.n = n
        let m = layout.borderCount
        self.m = m
        let border = layout.borderEntries.map { $0.map { (cell: $0.cell, value: a.values[$0.slot]) } }
        self.stencil = stencil
        self.border = border
        corner = layout.cornerSlots.map { $0 >= 0 ? a.values[$0] : 0 }
        paddedScratch = stencil.makeVector()
        var columns: [[Double]] = []
        for e in 0..<m {
            var c = [Double](repeating: 0, count: n)
            for (cell, value) in border[e] { c[cell] = value }
            let guess = previousBorderSolution.flatMap { $0.count == m ? $0[e] : nil }
            columns.append(h.approximateSolve(stencil: stencil, c, initialGuess: guess, relativeResidual: borderTolerance, maxCycles: 60))
        }
        var s = [Double](repeating: 0, count: m * m)
        let kw = columns.map { stencil.multiply($0) }
        for e in 0..<m {
            for f in 0..<m {
                let slot = layout.cornerSlots[e * m + f]
                var value = slot >= 0 ? a.values[slot] : 0
                for (cell, c) in border[e] { value -= c * columns[f][cell] }
                for (cell, c) in border[f] { value -= c * columns[e][cell] }
                for i in 0..<n { value += columns[e][i] * kw[f][i] }
                s[e * m + f] = value
            }
        }
        w = columns
        if m > 0 {
            guard let factor = DenseCholesky(s, dimension: m) else { return nil }
            schur = factor
        } else {
            schur = nil
        }
    }

    /// y = A x (both of length n + m), from the stencil and the border: the same product as
    /// the sparse matrix's, without its scatter.
    func multiply(_ x: [Double], into y: inout [Double]) {
        let pad = stencil.pad
        x.withUnsafeBufferPointer { xx in
            paddedScratch.withUnsafeMutableBufferPointer { p in
                for c in 0..<n { p[pad + c] = xx[c] }
            }
        }
        paddedScratch.withUnsafeBufferPointer { p in
            y.withUnsafeMutableBufferPointer { stencil.product(padded: p.baseAddress!, into: $0.baseAddress!) }
        }
        for e in 0..<m {
            var s = 0.0
            for (cell, value) in border[e] {
                y[cell] += value * x[n + e]
                s += value * x[cell]
            }
            for f in 0..<m { s += corner[e * m + f] * x[n + f] }
            y[n + e] = s
        }
    }

    /// z = M⁻¹ r (both of length n + m).
    func apply(_ r: [Double], into z: inout [Double]) {
        hierarchy.apply(r, into: &z)
        guard let schur else { return }
        var v = (0..<m).map { e in
            var s = r[n + e]
            w[e].withUnsafeBufferPointer { we in for c in 0..<n { s -= we[c] * r[c] } }
            return s
        }
        schur.solve(&v)
        for e in 0..<m {
            z[n + e] = v[e]
            let ve = v[e]
            w[e].withUnsafeBufferPointer { we in for c in 0..<n { z[c] -= we[c] * ve } }
        }
    }
}
