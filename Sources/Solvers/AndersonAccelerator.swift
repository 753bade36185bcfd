/// Anderson acceleration of a fixed-point iteration x = G(x) (Walker & Ni 2011, "type II").
///
/// Given the last m residuals f_i = G(x_i) − x_i it picks the combination minimising
/// ‖f_k − ΔF γ‖₂ and returns x_{k+1} = x_k + f_k − (ΔX + ΔF) γ. With depth 0 it is plain Picard.
/// The small least-squares problem is solved through its normal equations with a relative
/// Tikhonov shift (1e-12 of the diagonal) — adequate for depths ≤ 10.
public struct AndersonAccelerator: Sendable {
    public let depth: Int
    private var previousX: [Double]?
    private var previousF: [Double]?
    private var deltaX: [[Double]] = []
    private var deltaF: [[Double]] = []

    public init(depth: Int) { self.depth = depth }

    public mutating func reset() {
        previousX = nil; previousF = nil; deltaX = []; deltaF = []
    }

    /// One step: `x` is the current iterate, `gx` = G(x), `damping` β ∈ (0, 1] the mixing
    /// parameter: x_{k+1} = x_k + β f_k − (ΔX + β ΔF) γ. Returns the next iterate.
    public mutating func next(x: [Double], gx: [Double], damping beta: Double = 1) -> [Double] {
        let n = x.count
        var f = [Double](repeating: 0, count: n)
        for i in 0..<n { f[i] = gx[i] - x[i] }
        defer { previousX = x; previousF = f }
        var damped = x
        for i in 0..<n { damped[i] += beta * f[i] }
        guard depth > 0 else { return damped }
        if let px = previousX, let pf = previousF {
            var dx = [Double](repeating: 0, count: n), df = dx
            for i in 0..<n { dx[i] = x[i] - px[i]; df[i] = f[i] - pf[i] }
            deltaX.append(dx); deltaF.append(df)
            if deltaX.count > depth { deltaX.removeFirst(); deltaF.removeFirst() }
        }
        let m = deltaF.count
        guard m > 0, let gamma = leastSquares(f: f) else { return damped }
        var result = damped
        for j in 0..<m {
            let g = gamma[j]
            let dx = deltaX[j], df = deltaF[j]
            for i in 0..<n { result[i] -= g * (dx[i] + beta * df[i]) }
        }
        return result
    }

    private func leastSquares(f: [Double]) -> [Double]? {
        let m = deltaF.count
        var a = [Double](repeating: 0, count: m * m)
        var b = [Double](repeating: 0, count: m)
        for r in 0..<m {
            for c in r..<m {
                let v = dot(deltaF[r], deltaF[c])
                a[r * m + c] = v; a[c * m + r] = v
            }
            b[r] = dot(deltaF[r], f)
        }
        for r in 0..<m { a[r * m + r] *= 1 + 1e-12 }
        return solveDense(a, b, m)
    }

    private func dot(_ u: [Double], _ v: [Double]) -> Double {
        var s = 0.0
        for i in 0..<u.count { s += u[i] * v[i] }
        return s
    }

    /// Gaussian elimination with partial pivoting; nil when singular.
    private func solveDense(_ matrix: [Double], _ rhs: [Double], _ m: Int) -> [Double]? {
        var a = matrix, b = rhs
        for k in 0..<m {
            var pivot = k
            for r in (k + 1)..<max(k + 1, m) where abs(a[r * m + k]) > abs(a[pivot * m + k]) { pivot = r }
            guard abs(a[pivot * m + k]) > 1e-300 else { return nil }
            if pivot != k {
                for c in 0..<m { a.swapAt(k * m + c, pivot * m + c) }
                b.swapAt(k, pivot)
            }
            for r in (k + 1)..<max(k + 1, m) {
                let factor = a[r * m + k] / a[k * m + k]
                for c in k..<m { a[r * m + c] -= factor * a[k * m + c] }
                b[r] -= factor * b[k]
            }
        }
        var x = [Double](repeating: 0, count: m)
        for k in stride(from: m - 1, through: 0, by: -1) {
            var s = b[k]
            for c in (k + 1)..<max(k + 1, m) { s -= a[k * m + c] * x[c] }
            x[k] = s / a[k * m + k]
        }
        return x.allSatisfy { $0.isFinite } ? x : nil
    }
}
