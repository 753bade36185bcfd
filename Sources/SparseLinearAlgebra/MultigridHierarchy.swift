/// Aggregation multigrid for a seven-point SPD operator on a box of cells: one symmetric
/// V-cycle is the preconditioner of `MultigridCGSolver`.
///
/// Each coarser level pairs cells along every axis (2×2×2 aggregates) with piecewise-constant
/// transfer and the Galerkin operator Pᵀ A P, which stays seven-point and carries the
/// conductance contrast of the phases and every boundary link without knowing the physics.
/// Piecewise-constant interpolation alone under-corrects smooth errors (its coarse operator
/// is about twice too stiff), so the coarse correction is scaled by `correctionScale`
/// (Braess 1995; Vaněk et al.). Smoothing: Gauss–Seidel, forward before the coarse
/// correction and backward after it, so the cycle is a symmetric positive definite operator.
/// The coarsest level (≤ `coarsestCells`) is solved by dense Cholesky.
final class MultigridHierarchy {
    let levels: [BoxStencil]
    /// aggregates[l][c]: padded index on level l + 1 of the aggregate holding cell c of level l.
    private let aggregates: [[Int]]
    private let coarsest: DenseCholesky
    let sweeps: Int
    let correctionScale: Double
    /// Work vectors per level (padded), owned here.
    private let solution: [UnsafeMutableBufferPointer<Double>]
    private let rightHandSide: [UnsafeMutableBufferPointer<Double>]
    private let residual: [UnsafeMutableBufferPointer<Double>]

    /// nil when some level is not positive definite (then the caller falls back).
    init?(finest: BoxStencil, sweeps: Int = 1, correctionScale: Double = 1.6, coarsestCells: Int = 40) {
        var levels = [finest]
        var aggregates: [[Int]] = []
        while let last = levels.last, last.cellCount > coarsestCells {
            let (coarse, map) = last.coarsened()
            guard coarse.cellCount < last.cellCount else { break }
            levels.append(coarse)
            aggregates.append(map)
        }
        for level in levels { guard level.finishSetup() else { return nil } }
        guard let factor = DenseCholesky(levels.last!.dense(), dimension: levels.last!.cellCount) else { return nil }
        self.levels = levels
        self.aggregates = aggregates
        coarsest = factor
        self.sweeps = sweeps
        self.correctionScale = correctionScale
        func allocate() -> [UnsafeMutableBufferPointer<Double>] {
            levels.map { level in
                let v = UnsafeMutableBufferPointer<Double>.allocate(capacity: level.paddedLength)
                v.initialize(repeating: 0)
                return v
            }
        }
        solution = allocate()
        rightHandSide = allocate()
        residual = allocate()
    }

    deinit {
        for v in solution + rightHandSide + residual { v.deallocate() }
    }

    var cellCount: Int { levels[0].cellCount }

    /// z = B r for the first `cellCount` entries of r (B: one V-cycle from a zero guess).
    func apply(_ r: [Double], into z: inout [Double]) {
        let pad = levels[0].pad
        let b = rightHandSide[0].baseAddress!, x = solution[0].baseAddress!
        r.withUnsafeBufferPointer { rr in for c in 0..<cellCount { b[pad + c] = rr[c] } }
        cycle(0)
        z.withUnsafeMutableBufferPointer { zz in for c in 0..<cellCount { zz[c] = x[pad + c] } }
    }

    /// x ≈ K⁻¹ b for the finest stencil K by CG with this V-cycle as preconditioner, to a
    /// relative residual `relativeResidual` or `maxCycles` steps (unpadded vectors), from
    /// `initialGuess` or zero.
    func approximateSolve(stencil k: BoxStencil, _ b: [Double], initialGuess: [Double]? = nil,
                          relativeResidual: Double, maxCycles: Int) -> [Double] {
        let n = b.count
        var x = initialGuess ?? [Double](repeating: 0, count: n)
        var r = b
        if initialGuess != nil {
            let kx = k.multiply(x)
            for i in 0..<n { r[i] -= kx[i] }
        }
        let bNorm = dotProduct(b, b).squareRoot()
        guard bNorm > 0 else { return x }
        if dotProduct(r, r).squareRoot() <= relativeResidual * bNorm { return x }
        var z = r
        apply(r, into: &z)
        var p = z
        var rz = dotProduct(r, z)
        for _ in 0..<maxCycles {
            let kp = k.multiply(p)
            let alpha = rz / dotProduct(p, kp)
            for i in 0..<n { x[i] += alpha * p[i]; r[i] -= alpha * kp[i] }
            if dotProduct(r, r).squareRoot() <= relativeResidual * bNorm { break }
            apply(r, into: &z)
            let next = dotProduct(r, z)
            for i in 0..<n { p[i] = z[i] + next / rz * p[i] }
            rz = next
        }
        return x
    }

    private func cycle(_ l: Int) {
        let level = levels[l]
        let pad = level.pad, n = level.cellCount
        let x = solution[l].baseAddress!, b = rightHandSide[l].baseAddress!
        if l == levels.count - 1 {
            var v = Array(rightHandSide[l][pad..<(pad + n)])
            coarsest.solve(&v)
            for c in 0..<n { x[pad + c] = v[c] }
            return
        }
        solution[l].update(repeating: 0)
        level.gaussSeidel(x, b, forward: true, sweeps: sweeps)
        let r = residual[l].baseAddress!
        level.residual(x, b, into: r)
        let coarseB = rightHandSide[l + 1].baseAddress!
        rightHandSide[l + 1].update(repeating: 0)
        aggregates[l].withUnsafeBufferPointer { map in
            for c in 0..<n { coarseB[map[c]] += r[pad + c] }
        }
        cycle(l + 1)
        let e = solution[l + 1].baseAddress!
        let scale = correctionScale
        aggregates[l].withUnsafeBufferPointer { map in
            for c in 0..<n { x[pad + c] += scale * e[map[c]] }
        }
        level.gaussSeidel(x, b, forward: false, sweeps: sweeps)
    }
}

/// u · v, shared by the multigrid CG solvers of this module.
func dotProduct(_ u: [Double], _ v: [Double]) -> Double {
    var s = 0.0
    u.withUnsafeBufferPointer { uu in v.withUnsafeBufferPointer { vv in for i in 0..<uu.count { s += uu[i] * vv[i] } } }
    return s
}
