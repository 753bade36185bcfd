import Foundation

/// Fermionic Matsubara frequencies ω_n = (2n+1)πT, n = 0 … M−1 (negative ones by G(−iω) = G(iω)*),
/// and the τ ↔ iω_n transforms used by Matsubara IPT, both through FFTW on L = 4M points.
public final class MatsubaraTransforms: @unchecked Sendable {
    public let count: Int
    public let temperature: Double
    let tauPoints: Int
    let fft: ComplexFFT

    public init(count: Int, temperature: Double) {
        precondition(count >= 8 && temperature > 0)
        self.count = count
        self.temperature = temperature
        tauPoints = 4 * count
        fft = ComplexFFT(length: 4 * count)
    }

    public var beta: Double { 1 / temperature }
    @inlinable public func frequency(_ n: Int) -> Double { Double(2 * n + 1) * Double.pi * temperature }
    public var frequencies: [Double] { (0..<count).map(frequency) }

    /// F(τ_k), τ_k = kβ/L, k = 0 … L, from F(iω_n) with known tail c₁/(iω) + c₂/(iω)²:
    /// F(τ) = (2/β) Σ_{n≥0} Re[e^{−iω_nτ}(F_n − tail_n)] − c₁/2 + c₂(2τ − β)/4 (0 < τ < β).
    public func toTau(_ f: [Complex], c1: Double, c2: Double) -> [Double] {
        precondition(f.count == count)
        let reduced = (0..<count).map { n -> Complex in
            let w = frequency(n)
            return f[n] - Complex(0, -c1 / w) - Complex(-c2 / (w * w), 0)
        }
        let s = fft.transform(reduced, sign: -1)
        let l = tauPoints, dtau = beta / Double(l)
        return (0...l).map { k in
            let sum = Complex(length: 1, phase: -Double.pi * Double(k) / Double(l)) * s[k % l]
            let tau = Double(k) * dtau
            return 2 * temperature * sum.real - c1 / 2 + c2 * (2 * tau - beta) / 4
        }
    }

    /// F(iω_n) = ∫₀^β dτ e^{iω_nτ} F(τ) for F sampled at τ_k (k = 0 … L), integrating the
    /// piecewise-linear interpolant exactly (Filon's rule), so jumps at τ = 0, β cost nothing.
    public func fromTau(_ s: [Double]) -> [Complex] {
        let l = tauPoints
        precondition(s.count == l + 1)
        let twisted = (0..<l).map { Complex(length: 1, phase: Double.pi * Double($0) / Double(l)) * Complex(s[$0]) }
        let sums = fft.transform(twisted, sign: 1)
        let dtau = beta / Double(l)
        return (0..<count).map { n in
            let theta = frequency(n) * dtau
            let (w, e0, el) = filonWeights(theta)
            let total = w * (sums[n] - Complex(s[l])) + (e0 - w) * Complex(s[0]) + (el - w) * Complex(-s[l])
            return dtau * total
        }
    }

    /// Weights of linear Filon quadrature: interior W = 2(1−cosθ)/θ², end points
    /// E₀ = ∫₀¹(1−u)e^{iθu}du and E_L = E₀*.
    func filonWeights(_ theta: Double) -> (Complex, Complex, Complex) {
        let t2 = theta * theta
        if theta < 1e-2 {
            let w = 1 - t2 / 12 + t2 * t2 / 360
            let e0 = Complex(0.5 - t2 / 24, theta / 6 - theta * t2 / 120)
            return (Complex(w), e0, e0.conjugate)
        }
        let w = 2 * (1 - cos(theta)) / t2
        let e0 = Complex(0, 1 / theta) - (1 / t2) * (Complex(length: 1, phase: theta) - Complex(1))
        return (Complex(w), e0, e0.conjugate)
    }
}
