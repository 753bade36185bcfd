import Foundation

/// Monotone piecewise-cubic Hermite interpolation (PCHIP) after Fritsch & Carlson,
/// SIAM J. Numer. Anal. 17, 238 (1980), with the Fritsch–Butland harmonic-mean slopes:
/// where the data are monotone the interpolant is monotone and never overshoots the data.
public struct MonotoneCubic: Sendable, Equatable {
    public let x: [Double]
    public let y: [Double]
    let slopes: [Double]

    public init(x: [Double], y: [Double]) {
        precondition(x.count == y.count && x.count >= 2)
        self.x = x
        self.y = y
        slopes = Self.slopes(x, y)
    }

    static func slopes(_ x: [Double], _ y: [Double]) -> [Double] {
        let n = x.count
        let h = (0..<(n - 1)).map { x[$0 + 1] - x[$0] }
        let d = (0..<(n - 1)).map { (y[$0 + 1] - y[$0]) / h[$0] }
        if n == 2 { return [d[0], d[0]] }
        var m = [Double](repeating: 0, count: n)
        for k in 1..<(n - 1) where d[k - 1] * d[k] > 0 {
            let w1 = 2 * h[k] + h[k - 1], w2 = h[k] + 2 * h[k - 1]
            m[k] = (w1 + w2) / (w1 / d[k - 1] + w2 / d[k])
        }
        m[0] = endSlope(h[0], h[1], d[0], d[1])
        m[n - 1] = endSlope(h[n - 2], h[n - 3], d[n - 2], d[n - 3])
        return m
    }

    /// Three-point end slope, clipped to keep the end interval monotone.
    static func endSlope(_ h0: Double, _ h1: Double, _ d0: Double, _ d1: Double) -> Double {
        var m = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1)
        if m * d0 <= 0 { m = 0 } else if d0 * d1 <= 0 && abs(m) > abs(3 * d0) { m = 3 * d0 }
        return m
    }

    /// Value at t, held at the end values outside [x₀, x_last].
    public func callAsFunction(_ t: Double) -> Double {
        if t <= x[0] { return y[0] }
        if t >= x[x.count - 1] { return y[y.count - 1] }
        var lo = 0, hi = x.count - 1
        while hi - lo > 1 { let mid = (lo + hi) / 2; if x[mid] <= t { lo = mid } else { hi = mid } }
        let h = x[hi] - x[lo], s = (t - x[lo]) / h
        let h00 = (1 + 2 * s) * (1 - s) * (1 - s), h10 = s * (1 - s) * (1 - s)
        let h01 = s * s * (3 - 2 * s), h11 = s * s * (s - 1)
        return h00 * y[lo] + h10 * h * slopes[lo] + h01 * y[hi] + h11 * h * slopes[hi]
    }
}
