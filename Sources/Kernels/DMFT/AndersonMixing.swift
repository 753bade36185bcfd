import Foundation

/// How successive DMFT iterates are combined.
///
/// `linear(α)`: x ← x + α (F(x) − x). `anderson(depth, α)`: Anderson (type II, "Pulay")
/// mixing over the last `depth` residuals (Walker & Ni, SIAM J. Numer. Anal. 49, 1715 (2011)):
/// with r_k = F(x_k) − x_k, γ = argmin ‖r_k − ΔR γ‖₂ and x_{k+1} = x_k + α r_k − (ΔX + α ΔR) γ.
/// It removes the slow oscillations of plain mixing near the spinodals.
public enum Mixing: Sendable, Equatable {
    case linear(Double)
    case anderson(depth: Int, weight: Double)

    public static let standard = Mixing.anderson(depth: 6, weight: 0.5)
}

/// Convergence controls of a self-consistency loop.
public struct Convergence: Sendable, Equatable {
    /// Stop when max_i |F(x)_i − x_i| < tolerance · max(1, max_i |F(x)_i|) (relative to the size of the
    /// iterate once it exceeds one half bandwidth, absolute below).
    public var tolerance: Double
    public var maximumIterations: Int
    public var mixing: Mixing

    public init(tolerance: Double = 1e-8, maximumIterations: Int = 1500, mixing: Mixing = .standard) {
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.mixing = mixing
    }
}

/// Result of `iterateToFixedPoint`.
public struct FixedPointReport: Sendable {
    public var iterations: Int
    public var residual: Double
    public var converged: Bool
}

/// Iterates x = F(x) with the requested mixing; `map` returns F(x). The true (scaled) residual
/// max|F(x) − x| / max(1, max|F(x)|) of the returned point is reported, converged or not.
///
/// Safeguards: the mixed iterate is passed through `project` (the solvers clip it back to a
/// causal function, Im ≤ 0, since extrapolation can leave the causal cone and converge to
/// unphysical fixed points), and the Anderson history is dropped whenever the residual grows
/// tenfold above the best one seen.
public func iterateToFixedPoint(start: [Double], convergence: Convergence,
                                project: (inout [Double]) -> Void = { _ in },
                                map: ([Double]) -> [Double]) -> (x: [Double], report: FixedPointReport) {
    var x = start
    var mixer = AndersonState(mixing: convergence.mixing)
    var residual = Double.infinity, best = Double.infinity
    for iteration in 1...max(1, convergence.maximumIterations) {
        let fx = map(x)
        let r = zip(fx, x).map { $0 - $1 }
        let size = max(1, fx.reduce(0) { max($0, abs($1)) })
        residual = r.reduce(0) { max($0, abs($1)) } / size
        if !residual.isFinite { return (x, FixedPointReport(iterations: iteration, residual: residual, converged: false)) }
        if residual < convergence.tolerance {
            return (fx, FixedPointReport(iterations: iteration, residual: residual, converged: true))
        }
        if residual > 10 * best { mixer.reset() }
        best = min(best, residual)
        x = mixer.next(x: x, residual: r)
        project(&x)
    }
    return (x, FixedPointReport(iterations: convergence.maximumIterations, residual: residual, converged: false))
}

/// History and update rule of Anderson mixing.
struct AndersonState {
    let depth: Int
    let weight: Double
    var previousX: [Double]? = nil
    var previousR: [Double]? = nil
    var dX: [[Double]] = []
    var dR: [[Double]] = []

    init(mixing: Mixing) {
        switch mixing {
        case .linear(let a): depth = 0; weight = a
        case .anderson(let m, let a): depth = m; weight = a
        }
    }

    mutating func reset() {
        previousX = nil; previousR = nil; dX = []; dR = []
    }

    mutating func next(x: [Double], residual r: [Double]) -> [Double] {
        if depth > 0, let px = previousX, let pr = previousR {
            dX.append(zip(x, px).map { $0 - $1 })
            dR.append(zip(r, pr).map { $0 - $1 })
            if dX.count > depth { dX.removeFirst(); dR.removeFirst() }
        }
        previousX = x; previousR = r
        var out = zip(x, r).map { $0 + weight * $1 }
        guard !dR.isEmpty, let gamma = leastSquares(dR, r) else { return out }
        for (k, g) in gamma.enumerated() where g != 0 {
            for i in out.indices { out[i] -= g * (dX[k][i] + weight * dR[k][i]) }
        }
        return out
    }

    /// Solves the normal equations (ΔRᵀΔR + λI) γ = ΔRᵀ r by Gaussian elimination.
    func leastSquares(_ columns: [[Double]], _ r: [Double]) -> [Double]? {
        let m = columns.count
        var a = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: m)
        for p in 0..<m {
            for q in p..<m {
                var s = 0.0
                for i in r.indices { s += columns[p][i] * columns[q][i] }
                a[p][q] = s; a[q][p] = s
            }
            var b = 0.0
            for i in r.indices { b += columns[p][i] * r[i] }
            a[p][m] = b
        }
        let scale = (0..<m).map { a[$0][$0] }.max() ?? 0
        guard scale > 0 else { return nil }
        for p in 0..<m { a[p][p] += 1e-12 * scale }
        return gaussianSolve(a)
    }
}

/// Solves an augmented m×(m+1) system with partial pivoting; nil if singular.
func gaussianSolve(_ augmented: [[Double]]) -> [Double]? {
    var a = augmented
    let m = a.count
    for c in 0..<m {
        guard let p = (c..<m).max(by: { abs(a[$0][c]) < abs(a[$1][c]) }), abs(a[p][c]) > 0 else { return nil }
        a.swapAt(c, p)
        for r in (c + 1)..<m where a[r][c] != 0 {
            let f = a[r][c] / a[c][c]
            for k in c...m { a[r][k] -= f * a[c][k] }
        }
    }
    var x = [Double](repeating: 0, count: m)
    for r in stride(from: m - 1, through: 0, by: -1) {
        var s = a[r][m]
        for k in (r + 1)..<m { s -= a[r][k] * x[k] }
        x[r] = s / a[r][r]
    }
    return x
}

/// Clips the imaginary parts of an interleaved (re, im) vector to ≤ 0: causality of a retarded
/// function on ω > 0, or of a Matsubara function on ω_n > 0.
public func clipToCausal(_ x: inout [Double]) {
    var k = 1
    while k < x.count { if x[k] > 0 { x[k] = 0 }; k += 2 }
}
