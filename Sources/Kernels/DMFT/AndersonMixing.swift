import Foundation

/// How successive DMFT iterates are combined.
///
/// `linear(α)`: x ← x + α (F(x) − x). `anderson(depth, α)`: Anderson (type II, "Pulay")
/// mixing over the last `depth` residuals with weight α (`AndersonAccelerator`). It removes the
/// slow oscillations of plain mixing near the spinodals.
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
    let (depth, weight): (Int, Double)
    switch convergence.mixing {
    case .linear(let a): (depth, weight) = (0, a)
    case .anderson(let m, let a): (depth, weight) = (m, a)
    }
    var mixer = AndersonAccelerator(depth: depth)
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
        x = mixer.next(x: x, gx: fx, damping: weight)
        project(&x)
    }
    return (x, FixedPointReport(iterations: convergence.maximumIterations, residual: residual, converged: false))
}

/// Clips the imaginary parts of an interleaved (re, im) vector to ≤ 0: causality of a retarded
/// function on ω > 0, or of a Matsubara function on ω_n > 0.
public func clipToCausal(_ x: inout [Double]) {
    var k = 1
    while k < x.count { if x[k] > 0 { x[k] = 0 }; k += 2 }
}
