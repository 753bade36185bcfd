import Foundation

/// The non-interacting (Kohn–Sham) lattice of the i-DFT kernel at half filling, in units of the
/// bandwidth W = 1: density of states ρ(ε), the cumulative weight N(x) = ∫_0^x ρ, the local Green's
/// function G_s(ω) = ∫dε ρ(ε)/(ω + i0 − ε), and the low-energy constants that enter the xc bias
/// (IDFT = D. Jacob, G. Stefanucci and S. Kurth, "Mott metal-insulator transition from steady-state
/// density functional theory", Phys. Rev. Lett. 125, 216401 (2020); arXiv:2006.11075).
public enum IDFTLattice: String, Sendable, CaseIterable {
    /// Bethe lattice with infinite coordination: semicircular DOS of half width ½.
    case bethe
    /// Simple cubic lattice with nearest-neighbour hopping t = W/12.
    case cubic

    /// ρ(ε) (W = 1; zero outside |ε| < ½).
    public func density(_ e: Double) -> Double {
        switch self {
        case .bethe:
            let x = 2 * e
            return abs(x) < 1 ? (4 / Double.pi) * (1 - x * x).squareRoot() : 0
        case .cubic:
            return 12 * CubicLatticeGreen.shared.densityTable.value(min(abs(12 * e), 6)) * (abs(e) < 0.5 ? 1 : 0)
        }
    }

    /// N(x) = ∫_0^x ρ(ε) dε; odd in x, ±½ beyond the band edges.
    public func cumulative(_ x: Double) -> Double {
        let s: Double = x < 0 ? -1 : 1, a = min(abs(x), 0.5)
        switch self {
        case .bethe:
            let y = 2 * a  // closed form of the semicircle: (y√(1−y²) + asin y)/π
            return s * (y * (1 - y * y).squareRoot() + asin(y)) / Double.pi
        case .cubic:
            return s * CubicLatticeGreen.shared.densityTable.integral(to: 12 * a)
        }
    }

    /// x with N(x) = n for |n| < ½ (the Kohn–Sham bias that carries the reduced current n).
    public func inverseCumulative(_ n: Double) throws -> Double {
        if n == 0 { return 0 }
        let target = min(abs(n), 0.5)
        let top = cumulative(0.5)
        if target >= top { return n < 0 ? -0.5 : 0.5 }
        let x = try GSL.brentRoot(in: 0, 0.5, relativeTolerance: 0, absoluteTolerance: 1e-15) { self.cumulative($0) - target }
        return n < 0 ? -x : x
    }

    /// G_s(ω + i0) on the real axis (W = 1).
    public func green(_ w: Double) throws -> Complex {
        switch self {
        case .bethe:
            let x = 2 * w  // G = 2(z − √(z² − D²))/D² with D = ½
            if abs(x) < 1 { return Complex(8 * w, -8 * (1 - x * x).squareRoot() / 2) }
            return Complex(8 * (w - (w < 0 ? -1 : 1) * (w * w - 0.25).squareRoot()), 0)
        case .cubic:
            let g = try CubicLatticeGreen.green(12 * w)
            return Complex(12 * g.real, 12 * g.imaginary)
        }
    }

    /// Low-energy constants of G_s at ω = 0 (IDFT Eqs. 9–10): ρ(0), G_s′(0) and
    /// r = G_s′(0)/G_s(0)² (real at half filling). Bethe: exact; cubic: quadrature + Richardson.
    public var lowEnergy: (density: Double, slope: Double, ratio: Double) {
        switch self {
        case .bethe:
            let rho0 = 4 / Double.pi, slope = 8.0
            return (rho0, slope, slope / -(Double.pi * rho0 * Double.pi * rho0))
        case .cubic:
            let c = CubicLatticeGreen.shared
            let rho0 = 12 * c.densityAtZero, slope = 144 * c.slopeAtZero
            return (rho0, slope, slope / -(Double.pi * rho0 * Double.pi * rho0))
        }
    }

    /// Γ0(0) = −2 Im Δ0(0) = 2/(π ρ(0)) with Δ0 = ω − 1/G_s (IDFT Eq. S19).
    public var hybridizationWidth: Double { 2 / (Double.pi * lowEnergy.density) }

    /// Λ0′(0) = 1 + G_s′(0)/G_s(0)² (derivative of Re Δ0 at ω = 0).
    public var hybridizationSlope: Double { 1 + lowEnergy.ratio }
}
