import _CLAPACK

/// A symmetric seven-point operator on an nx × ny × nz box of cells (x fastest), one level of
/// `MultigridCGSolver`'s hierarchy.
///
/// Storage is padded by one xy-plane on both sides (cell c lives at `pad + c`), and the
/// coupling to the upper neighbour along an axis is zero on the last layer, so the sweeps
/// read all six neighbours without bounds checks: a missing neighbour meets a zero coupling.
final class BoxStencil {
    let nx: Int, ny: Int, nz: Int
    let pad: Int
    /// A[c, c], and the couplings A[c, c+1], A[c, c+nx], A[c, c+nx·ny] (padded indices).
    var diagonal: [Double]
    var xCoupling: [Double]
    var yCoupling: [Double]
    var zCoupling: [Double]
    var inverseDiagonal: [Double]

    init(nx: Int, ny: Int, nz: Int) {
        self.nx = nx
        self.ny = ny
        self.nz = nz
        pad = nx * ny
        let length = nx * ny * nz + 2 * pad
        diagonal = Array(repeating: 0, count: length)
        xCoupling = diagonal
        yCoupling = diagonal
        zCoupling = diagonal
        inverseDiagonal = diagonal
    }

    var cellCount: Int { nx * ny * nz }
    var paddedLength: Int { cellCount + 2 * pad }

    func makeVector() -> [Double] { Array(repeating: 0, count: paddedLength) }

    /// Call after the coefficients are set; fails on a non-positive diagonal (not SPD).
    func finishSetup() -> Bool {
        let range = pad..<(pad + cellCount)
        return diagonal.withUnsafeBufferPointer { d in
            inverseDiagonal.withUnsafeMutableBufferPointer { inv in
                for p in range {
                    guard d[p] > 0 else { return false }
                    inv[p] = 1 / d[p]
                }
                return true
            }
        }
    }

    /// Gauss–Seidel sweeps on A x = b (padded vectors), in increasing cell order (`forward`)
    /// or decreasing. A forward pre-smoother and a backward post-smoother keep the V-cycle
    /// symmetric.
    func gaussSeidel(_ x: UnsafeMutablePointer<Double>, _ b: UnsafePointer<Double>, forward: Bool, sweeps: Int) {
        let sx = 1, sy = nx, sz = nx * ny
        let first = pad, last = pad + cellCount - 1
        xCoupling.withUnsafeBufferPointer { axb in
            yCoupling.withUnsafeBufferPointer { ayb in
                zCoupling.withUnsafeBufferPointer { azb in
                    inverseDiagonal.withUnsafeBufferPointer { invb in
                        let ax = axb.baseAddress!, ay = ayb.baseAddress!, az = azb.baseAddress!, inv = invb.baseAddress!
                        // The x neighbour just relaxed (x[p − 1] going forward, x[p + 1] going
                        // back) enters last, so the dependency from one cell to the next is
                        // one multiply-subtract and one multiply, not the whole sum.
                        for _ in 0..<sweeps {
                            if forward {
                                var p = first
                                while p <= last {
                                    var s = b[p] - ax[p] * x[p + sx]
                                    s -= ay[p] * x[p + sy] + ay[p - sy] * x[p - sy]
                                    s -= az[p] * x[p + sz] + az[p - sz] * x[p - sz]
                                    x[p] = (s - ax[p - sx] * x[p - sx]) * inv[p]
                                    p += 1
                                }
                            } else {
                                var p = last
                                while p >= first {
                                    var s = b[p] - ax[p - sx] * x[p - sx]
                                    s -= ay[p] * x[p + sy] + ay[p - sy] * x[p - sy]
                                    s -= az[p] * x[p + sz] + az[p - sz] * x[p - sz]
                                    x[p] = (s - ax[p] * x[p + sx]) * inv[p]
                                    p -= 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// r = b − A x on the cells (padded vectors; the padding of r is not touched).
    func residual(_ x: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into r: UnsafeMutablePointer<Double>) {
        let sx = 1, sy = nx, sz = nx * ny
        diagonal.withUnsafeBufferPointer { db in
            xCoupling.withUnsafeBufferPointer { axb in
                yCoupling.withUnsafeBufferPointer { ayb in
                    zCoupling.withUnsafeBufferPointer { azb in
                        let d = db.baseAddress!, ax = axb.baseAddress!, ay = ayb.baseAddress!, az = azb.baseAddress!
                        for p in pad..<(pad + cellCount) {
                            var s = b[p] - d[p] * x[p]
                            s -= ax[p] * x[p + sx] + ax[p - sx] * x[p - sx]
                            s -= ay[p] * x[p + sy] + ay[p - sy] * x[p - sy]
                            s -= az[p] * x[p + sz] + az[p - sz] * x[p - sz]
                            r[p] = s
                        }
                    }
                }
            }
        }
    }

    /// K x for an unpadded vector of the cells.
    func multiply(_ x: [Double]) -> [Double] {
        var padded = makeVector(), y = [Double](repeating: 0, count: cellCount)
        for c in 0..<cellCount { padded[pad + c] = x[c] }
        padded.withUnsafeBufferPointer { p in y.withUnsafeMutableBufferPointer { product(padded: p.baseAddress!, into: $0.baseAddress!) } }
        return y
    }

    /// y = K x with x padded and y unpadded (the CG product of `BorderedPreconditioner`).
    func product(padded x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>) {
        let sx = 1, sy = nx, sz = nx * ny
        withCoefficients { d, ax, ay, az in
            for c in 0..<cellCount {
                let p = pad + c
                var s = d[p] * x[p]
                s += ax[p] * x[p + sx] + ax[p - sx] * x[p - sx]
                s += ay[p] * x[p + sy] + ay[p - sy] * x[p - sy]
                s += az[p] * x[p + sz] + az[p - sz] * x[p - sz]
                y[c] = s
            }
        }
    }

    /// Cell counts of the next coarser level: pairs of cells along every axis with ≥ 2 cells
    /// (an odd count leaves a single cell at the end).
    var coarseShape: (Int, Int, Int) {
        func half(_ n: Int) -> Int { n > 1 ? (n + 1) / 2 : 1 }
        return (half(nx), half(ny), half(nz))
    }

    /// The Galerkin operator Pᵀ A P for piecewise-constant P over the 2×2×2 aggregates, and
    /// the map from each fine cell (padded index) to its aggregate (the coarse padded index).
    /// The coarse operator is again seven-point: aggregates touch only across faces.
    func coarsened() -> (BoxStencil, [Int]) {
        let (cx, cy, cz) = coarseShape
        let coarse = BoxStencil(nx: cx, ny: cy, nz: cz)
        let fx = cx < nx ? 2 : 1, fy = cy < ny ? 2 : 1, fz = cz < nz ? 2 : 1
        var aggregate = [Int](repeating: 0, count: cellCount)
        let (nx, ny, nz, pad, coarsePad) = (self.nx, self.ny, self.nz, self.pad, coarse.pad)
        withCoefficients { d, ax, ay, az in
            coarse.withMutableCoefficients { cd, cax, cay, caz in
                aggregate.withUnsafeMutableBufferPointer { agg in
                    var c = 0
                    for k in 0..<nz {
                        let ck = k / fz, upperZInside = k + 1 < nz && (k + 1) / fz == ck
                        for j in 0..<ny {
                            let cj = j / fy, upperYInside = j + 1 < ny && (j + 1) / fy == cj
                            let rowStart = coarsePad + cx * (cj + cy * ck)
                            for i in 0..<nx {
                                let ci = i / fx
                                let a = rowStart + ci
                                agg[c] = a
                                let p = pad + c
                                var diagonal = d[p]
                                if i + 1 < nx && (i + 1) / fx == ci { diagonal += 2 * ax[p] } else { cax[a] += ax[p] }
                                if upperYInside { diagonal += 2 * ay[p] } else { cay[a] += ay[p] }
                                if upperZInside { diagonal += 2 * az[p] } else { caz[a] += az[p] }
                                cd[a] += diagonal
                                c += 1
                            }
                        }
                    }
                }
            }
        }
        return (coarse, aggregate)
    }

    /// Pointers to the diagonal and the three coupling arrays.
    func withCoefficients<R>(_ body: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>) -> R) -> R {
        diagonal.withUnsafeBufferPointer { d in
            xCoupling.withUnsafeBufferPointer { ax in
                yCoupling.withUnsafeBufferPointer { ay in
                    zCoupling.withUnsafeBufferPointer { az in body(d.baseAddress!, ax.baseAddress!, ay.baseAddress!, az.baseAddress!) }
                }
            }
        }
    }

    func withMutableCoefficients<R>(_ body: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
                                             UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> R) -> R {
        diagonal.withUnsafeMutableBufferPointer { d in
            xCoupling.withUnsafeMutableBufferPointer { ax in
                yCoupling.withUnsafeMutableBufferPointer { ay in
                    zCoupling.withUnsafeMutableBufferPointer { az in body(d.baseAddress!, ax.baseAddress!, ay.baseAddress!, az.baseAddress!) }
                }
            }
        }
    }

    /// The operator as a dense symmetric matrix (row major), for the coarsest level.
    func dense() -> [Double] {
        let n = cellCount
        var a = [Double](repeating: 0, count: n * n)
        for c in 0..<n {
            let p = pad + c
            a[c * n + c] = diagonal[p]
            for (offset, coupling) in [(1, xCoupling[p]), (nx, yCoupling[p]), (nx * ny, zCoupling[p])] where coupling != 0 {
                a[c * n + c + offset] = coupling
                a[(c + offset) * n + c] = coupling
            }
        }
        return a
    }
}

/// Dense Cholesky factor of a small SPD matrix (the coarsest multigrid level), by LAPACK's
/// `dpotrf` / `dpotrs`. The matrix is symmetric, so its row-major array is also the
/// column-major one LAPACK expects.
struct DenseCholesky {
    let n: Int
    private let factor: [Double]

    /// nil when the matrix is not positive definite.
    init?(_ a: [Double], dimension n: Int) {
        precondition(a.count == n * n)
        self.n = n
        var l = a
        var (order, leading, info) = (Int32(n), Int32(n), Int32(0))
        dpotrf_("L", &order, &l, &leading, &info)
        guard info == 0 else { return nil }
        factor = l
    }

    /// Solves L Lᵀ x = b in place.
    func solve(_ b: inout [Double]) {
        precondition(b.count == n)
        var (order, one, leadingA, leadingB, info) = (Int32(n), Int32(1), Int32(n), Int32(n), Int32(0))
        factor.withUnsafeBufferPointer { l in
            dpotrs_("L", &order, &one, l.baseAddress, &leadingA, &b, &leadingB, &info)
        }
        precondition(info == 0, "dpotrs failed (info \(info))")
    }
}
