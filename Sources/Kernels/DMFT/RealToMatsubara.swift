import Foundation

extension RealAxisSolution {
    /// G_m(iω_n) = ∫ dω A_m(ω)/(iω_n − ω) with A_m = −Im G_m/π from the real-axis solution
    /// (spectral representation; the bath term −iΓ continues to −iΓ sgn ω_n, so both axes
    /// describe the same function). Rectangle rule on the grid; the Lorentzian tails beyond
    /// ±W carry a weight O(Γ/W) that is left out.
    public func matsubaraGreen(at frequencies: [Double]) -> BandPair<[Complex]> {
        let w = grid.frequencies, h = grid.spacing
        func transform(_ g: [Complex]) -> [Complex] {
            frequencies.map { wn in
                var s = Complex.zero
                for i in w.indices {
                    let a = -g[i].imaginary / Double.pi
                    // a/(iω_n − ω) = a(−ω − iω_n)/(ω² + ω_n²)
                    let d = w[i] * w[i] + wn * wn
                    s.real -= a * w[i] / d
                    s.imaginary -= a * wn / d
                }
                return h * s
            }
        }
        let b = transform(green.bonding)
        return BandPair(bonding: b, antibonding: model.isDimer ? transform(green.antibonding) : b)
    }

    /// Σ_m(iω_n) from the real-axis Σ_m by the same spectral representation (Σ_U has no
    /// constant part at half filling): a seed for the Matsubara solver.
    public func matsubaraSelfEnergy(at frequencies: [Double]) -> BandPair<[Complex]> {
        var copy = self
        copy.green = selfEnergy
        return copy.matsubaraGreen(at: frequencies)
    }
}

/// Comparison of a real-axis solution continued to iω_n with the Matsubara solution.
public struct AxisComparison: Sendable {
    /// max_n |G_real→iω(iω_n) − G_mats(iω_n)| over the first `compared` frequencies (orbital-diagonal G₁₁).
    public var maximumDeviation: Double
    public var realImGAtFirst: Double
    public var matsubaraImGAtFirst: Double
    public var compared: Int
}

public func compareAxes(_ real: RealAxisSolution, _ matsubara: MatsubaraSolution, frequencies: Int = 32) -> AxisComparison {
    let n = min(frequencies, matsubara.frequencies.count)
    let w = Array(matsubara.frequencies.prefix(n))
    let g = real.matsubaraGreen(at: w)
    let local = zip(g.bonding, g.antibonding).map { 0.5 * ($0 + $1) }
    let mats = matsubara.localGreen
    let dev = (0..<n).map { (local[$0] - mats[$0]).length }.max() ?? 0
    return AxisComparison(maximumDeviation: dev, realImGAtFirst: local[0].imaginary,
                          matsubaraImGAtFirst: mats[0].imaginary, compared: n)
}
