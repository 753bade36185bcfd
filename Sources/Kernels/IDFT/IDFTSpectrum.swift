import Foundation

/// Spectral function of the half-filled Hubbard model from steady-state DFT with an ideal STM tip
/// (IDFT Eqs. 1–3). Energies in units of the bandwidth W = 1; multiply by W for model units.
///
/// At T = 0 and vanishing tip coupling γ the reduced current Ĩ = I/(2γ) at tip bias V obeys the
/// Kohn–Sham condition (Eq. 2; supplement Eq. S14)
///
///     Ĩ = N(V + V_xc(Ĩ)),   N(x) = ∫_0^x ρ_s(ε) dε,
///
/// solved for Ĩ by Brent's method (F(Ĩ) = Ĩ − N(V + V_xc(Ĩ)) increases monotonically because
/// V_xc decreases). The local spectral function per spin, normalised as ρ(ω) = A(ω)/2π, is then
/// dĨ/dV at V = ω (Eq. 1), i.e. with Ω = ω + V_xc (Eq. 3)
///
///     ρ(ω) = ρ_s(Ω) / (1 − ρ_s(Ω) dV_xc/dĨ).
public struct IDFTSpectrum: Sendable {
    public let xc: XCBias
    public var lattice: IDFTLattice { xc.lattice }

    public init(lattice: IDFTLattice, interaction: Double) {
        xc = XCBias(lattice: lattice, interaction: interaction)
    }

    /// Self-consistent point at bias V: the reduced current Ĩ, the Kohn–Sham bias Ω = V + V_xc and ρ(V).
    public struct Point: Sendable {
        public let bias: Double
        public let current: Double
        public let kohnShamBias: Double
        public let density: Double
    }

    /// Solves Eq. 2 at bias V (p–h symmetry: Ĩ(−V) = −Ĩ(V)).
    public func point(bias v: Double) throws -> Point {
        if v < 0 {
            let p = try point(bias: -v)
            return Point(bias: v, current: -p.current, kohnShamBias: -p.kohnShamBias, density: p.density)
        }
        // Ĩ = 0: at V = 0, or inside the Mott gap (F(0⁺) ≥ 0 because V_xc(0⁺) = −U_xc/2).
        if v == 0 || lattice.cumulative(v + xc.valueAtZeroPlus) <= 0 {
            let rho = xc.isInsulating ? 0 : lattice.density(v)
            return Point(bias: v, current: 0, kohnShamBias: v + xc.valueAtZeroPlus, density: rho)
        }
        // F(½) ≥ 0 always (N ≤ ½); F(½) = 0 beyond the support, where Ĩ = ½.
        let atTop = 0.5 - lattice.cumulative(v + xc.value(0.5))
        let current = atTop <= 0 ? 0.5 : try GSL.brentRoot(in: 0, 0.5, relativeTolerance: 0, absoluteTolerance: 1e-15) {
            $0 - self.lattice.cumulative(v + self.xc.value($0))
        }
        let omega = v + xc.value(current)
        let rhoS = lattice.density(omega)
        let slope = xc.derivative(current)
        let rho = rhoS > 0 ? rhoS / (1 - rhoS * slope) : 0
        return Point(bias: v, current: current, kohnShamBias: omega, density: rho.isFinite ? rho : 0)
    }

    /// ρ(ω) on the given frequencies (units of W).
    public func density(at omegas: [Double]) throws -> [Double] {
        try omegas.map { try point(bias: $0).density }
    }

    /// The same curve without root finding: Ĩ ↦ V(Ĩ) = N⁻¹(Ĩ) − V_xc(Ĩ), ρ = 1/(dV/dĨ); used to
    /// check the self-consistent solution. Returns (V, ρ) for Ĩ in (0, ½).
    public func parametricPoint(current i: Double) throws -> (bias: Double, density: Double) {
        let omega = try lattice.inverseCumulative(i)
        let rhoS = lattice.density(omega)
        return (omega - xc.value(i), rhoS / (1 - rhoS * xc.derivative(i)))
    }

    /// Edges ±ω_g of the Mott gap: ρ = 0 for |ω| < U_xc/2 in the insulator (0 in the metal).
    public var gapHalfWidth: Double { xc.isInsulating ? xc.stepHeight / 2 : 0 }

    /// Support edge: ρ = 0 for |ω| > (U + 1)/2 because |V_xc| ≤ U/2 and ρ_s vanishes beyond ½.
    public var supportHalfWidth: Double { (xc.interaction + 1) / 2 }
}
