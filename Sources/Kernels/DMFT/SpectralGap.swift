import Foundation

extension RealAxisSolution {
    /// Width Δ of the clean gap around ω = 0 (DHM Fig. 3): the distance between the first
    /// frequencies on either side of ω = 0 where ρ_loc(ω) reaches `fraction` × max ρ_loc,
    /// linearly interpolated between grid points. Nil if ρ_loc(0) is already above it (metal).
    public func gapWidth(fraction: Double = 0.01) -> Double? {
        let rho = localDensity, w = grid.frequencies
        let threshold = fraction * (rho.max() ?? 0)
        let n = grid.count
        guard rho[n / 2] < threshold, rho[n / 2 - 1] < threshold else { return nil }
        func edge(_ indices: StrideTo<Int>) -> Double? {
            var previous = n / 2
            for i in indices {
                if rho[i] >= threshold {
                    let t = (threshold - rho[previous]) / (rho[i] - rho[previous])
                    return w[previous] + t * (w[i] - w[previous])
                }
                previous = i
            }
            return nil
        }
        guard let upper = edge(stride(from: n / 2, to: n, by: 1)),
              let lower = edge(stride(from: n / 2 - 1, to: -1, by: -1)) else { return nil }
        return upper - lower
    }
}

/// Least-squares line y = a + b x with its coefficient of determination R².
public func linearFit(_ x: [Double], _ y: [Double]) -> (intercept: Double, slope: Double, r2: Double) {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
    let slope = sxy / sxx
    return (my - slope * mx, slope, syy > 0 ? sxy * sxy / (sxx * syy) : 1)
}
