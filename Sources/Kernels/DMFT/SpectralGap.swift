import Foundation

extension RealAxisSolution {
    /// Width Δ of the clean gap around ω = 0 (DHM Figs. 3–4): the distance between the first
    /// frequencies on either side of ω = 0 where ρ_loc(ω) reaches `factor` × ρ_loc(0),
    /// linearly interpolated between grid points. The clean gap opened by t⊥ has a Γ-limited
    /// floor (DHM Eq. C4) and walls that rise by orders of magnitude, so the width depends
    /// little on `factor`. Nil in a metal (ρ_loc(0) above `metalFloor`).
    public func gapWidth(factor: Double = 10, metalFloor: Double = 0.05) -> Double? {
        let rho = localDensity, w = grid.frequencies
        let n = grid.count
        let floor = 0.5 * (rho[n / 2] + rho[n / 2 - 1])
        guard floor < metalFloor else { return nil }
        let threshold = factor * floor
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
