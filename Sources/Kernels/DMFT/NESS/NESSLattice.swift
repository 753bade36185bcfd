import Foundation

/// Local lattice Green's functions of one band in the field, with the bond fluxes needed for the
/// current (DHM §III, Eqs. 6–7).
public struct BandLatticeResult: Sendable {
    /// G_m^{R,K}(ω) = (1/N_k) Σ_{k_y} G_m^{R,K}(ω, k_y).
    public var green: KeldyshFunction
    /// Spectral particle flux from site x = 0 into its right (x > 0) and left (x < 0) half-chains,
    /// out_±(ω) = t² [Im F_±^K Im G^R − Im F_±^R Im G^K], k_y-averaged; nil unless requested.
    public var rightFlux: [Double]?
    public var leftFlux: [Double]?
}

/// The k_y-resolved lattice Dyson equation in a field along x (DHM Eqs. 6–7).
///
/// For each of `kPoints` momenta k_y = π(j + ½)/N_k in (0, π) (the dispersion is even in k_y), the
/// half-chains to the right and left of the site x = 0 enter through
///   F_±^R(ω)⁻¹ = ω − ε_k − Σ^R(ω) − t² F_±^R(ω ± E),
///   F_±^K(ω)   = |F_±^R(ω)|² [Σ^K(ω) + t² F_±^K(ω ± E)]                       (DHM Eq. 7)
/// with ε_k = −2t cos k_y + ε_m, and the site itself through
///   G^R(ω)⁻¹ = ω − ε_k − Σ^R(ω) − t²[F_+^R(ω+E) + F_−^R(ω−E)],
///   G^K(ω)   = |G^R(ω)|² [Σ^K(ω) + t²(F_+^K(ω+E) + F_−^K(ω−E))]               (DHM Eq. 6).
/// Σ = Σ_Γ + Σ_U is local; site x sees it at ω + xE, so each site's bath sits at its own potential.
/// On the `FieldGrid` the shift ω ± E is an index shift by ±n and the recursions run downward
/// (F_+) and upward (F_−) from the grid edges. Beyond the edges (|ω| > W) the chain is replaced by
/// its field-free form with Σ = Σ_Γ: F^R = 2/(z + √(z−2t)√(z+2t)), z = ω − ε_k + iΓ, and
/// F^K = 2i tanh(ω/2T) Im F^R. At E = 0 the recursion is this fixed point itself.
public struct FieldLattice: Sendable {
    public let fieldGrid: FieldGrid
    public let hopping: Double
    public let kPoints: Int
    public let temperature: Double
    public let bathCoupling: Double

    public init(fieldGrid: FieldGrid, hopping: Double, kPoints: Int, temperature: Double, bathCoupling: Double) {
        precondition(kPoints >= 1)
        self.fieldGrid = fieldGrid
        self.hopping = hopping
        self.kPoints = kPoints
        self.temperature = temperature
        self.bathCoupling = bathCoupling
    }

    /// ε⊥(k_y) = −2t cos k_y at the midpoint nodes.
    public var transverseEnergies: [Double] {
        (0..<kPoints).map { -2 * hopping * cos(Double.pi * (Double($0) + 0.5) / Double(kPoints)) }
    }

    /// Field-free half-chain hybridisation at frequency ω outside the grid (Σ = Σ_Γ).
    @inline(__always) func edgeChain(_ omega: Double, _ ek: Double) -> (Complex, Double) {
        let z = Complex(omega - ek, bathCoupling)
        let f = chainFixedPoint(z)
        return (f, 2 * tanh(omega / (2 * temperature)) * f.imaginary)
    }

    /// F = 2/(z + √(z−2t)√(z+2t)): the solution of F⁻¹ = z − t²F that decays as 1/z.
    @inline(__always) func chainFixedPoint(_ z: Complex) -> Complex {
        let s = Complex.sqrt(z - Complex(2 * hopping)) * Complex.sqrt(z + Complex(2 * hopping))
        return 2 / (z + s)
    }

    /// Local G^{R,K} of the band with offset ε_m for the total local self-energy `sigma`
    /// (Σ_Γ + Σ_U, retarded and Keldysh).
    public func solveBand(offset: Double, sigma: KeldyshFunction, fluxes: Bool = false) -> BandLatticeResult {
        let grid = fieldGrid.grid, n = grid.count, shift = fieldGrid.shift, e = fieldGrid.field
        let t2 = hopping * hopping
        let omegas = grid.frequencies
        var gR = [Complex](repeating: .zero, count: n), gK = [Double](repeating: 0, count: n)
        var outR = [Double](repeating: 0, count: fluxes ? n : 0), outL = outR
        var fp = [Complex](repeating: .zero, count: n), fm = fp
        var fpK = [Double](repeating: 0, count: n), fmK = fpK
        let weight = 1 / Double(kPoints)
        for ek0 in transverseEnergies {
            let ek = ek0 + offset
            if shift == 0 {
                for i in 0..<n {
                    let z = Complex(omegas[i] - ek) - sigma.retarded[i]
                    let f = chainFixedPoint(z)
                    fp[i] = f; fm[i] = f
                    let a = f.lengthSquared
                    fpK[i] = a * sigma.keldysh[i] / (1 - t2 * a); fmK[i] = fpK[i]
                }
            } else {
                for i in stride(from: n - 1, through: 0, by: -1) {
                    let (nr, nk) = i + shift < n ? (fp[i + shift], fpK[i + shift]) : edgeChain(omegas[i] + e, ek)
                    let f = 1 / (Complex(omegas[i] - ek) - sigma.retarded[i] - t2 * nr)
                    fp[i] = f
                    fpK[i] = f.lengthSquared * (sigma.keldysh[i] + t2 * nk)
                }
                for i in 0..<n {
                    let (pr, pk) = i - shift >= 0 ? (fm[i - shift], fmK[i - shift]) : edgeChain(omegas[i] - e, ek)
                    let f = 1 / (Complex(omegas[i] - ek) - sigma.retarded[i] - t2 * pr)
                    fm[i] = f
                    fmK[i] = f.lengthSquared * (sigma.keldysh[i] + t2 * pk)
                }
            }
            for i in 0..<n {
                let (rR, rK) = i + shift < n ? (fp[i + shift], fpK[i + shift]) : edgeChain(omegas[i] + e, ek)
                let (lR, lK) = i - shift >= 0 ? (fm[i - shift], fmK[i - shift]) : edgeChain(omegas[i] - e, ek)
                let g = 1 / (Complex(omegas[i] - ek) - sigma.retarded[i] - t2 * (rR + lR))
                let k = g.lengthSquared * (sigma.keldysh[i] + t2 * (rK + lK))
                gR[i] += weight * g
                gK[i] += weight * k
                if fluxes {
                    outR[i] += weight * t2 * (rK * g.imaginary - rR.imaginary * k)
                    outL[i] += weight * t2 * (lK * g.imaginary - lR.imaginary * k)
                }
            }
        }
        return BandLatticeResult(green: KeldyshFunction(retarded: gR, keldysh: gK),
                                 rightFlux: fluxes ? outR : nil, leftFlux: fluxes ? outL : nil)
    }
}
