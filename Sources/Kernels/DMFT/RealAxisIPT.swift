import Foundation

/// Converged (or not) real-frequency DMFT solution.
public struct RealAxisSolution: Sendable {
    public var model: HubbardModel
    public var grid: RealFrequencyGrid
    /// Retarded Σ_U,m(ω_i) of the bonding/antibonding bands (equal when t⊥ = 0).
    public var selfEnergy: BandPair<[Complex]>
    /// Local lattice Green's functions G_m(ω_i) (DHM Eq. 6 summed over k).
    public var green: BandPair<[Complex]>
    public var report: FixedPointReport

    /// Local DOS per orbital ρ_loc(ω) = −(1/2π) Σ_m Im G_m(ω) (DHM §IV A).
    public var localDensity: [Double] {
        zip(green.bonding, green.antibonding).map { -($0.imaginary + $1.imaginary) / (2 * Double.pi) }
    }

    /// ρ_loc at the Fermi level (mean of the two grid points nearest to ω = 0).
    public var densityAtFermiLevel: Double {
        let d = localDensity, n = grid.count
        return 0.5 * (d[n / 2 - 1] + d[n / 2])
    }
}

/// Real-axis iterated perturbation theory at finite T for the half-filled SOHM and DHM.
///
/// One iteration (DHM §III, steps ii–iv, at E = 0):
/// 1. G_m(ω) = ∫dε D(ε) / (ω + iΓ − ε_m − Σ_m(ω) − ε)            (DHM Eq. 6, local)
/// 2. 𝒢_m⁻¹ = G_m⁻¹ + Σ_m                                          (DHM Eq. 9)
/// 3. orbital basis 𝒢₁₁ = (𝒢_B+𝒢_A)/2, 𝒢₁₂ = (𝒢_B−𝒢_A)/2         (DHM Eq. B4)
/// 4. second-order (IPT) self-energy from the equilibrium form of DHM Eqs. B2–B3: with
///    a_ab = −Im 𝒢_ab/π, a⁻ = a(1−f), P_ab = a⁻∗a⁻∗a⁻ (∗ = convolution),
///    −Im Σ₁₁/π = U²[P₁₁(ω) + P₁₁(−ω)],  −Im Σ₁₂/π = −U²[P₁₂(ω) − P₁₂(−ω)];
///    Re Σ by Kramers–Kronig. Then Σ_B/A = Σ₁₁ ± Σ₁₂ (DHM Eq. B4).
/// The particle–hole relations of DHM Eq. B1 fold the Keldysh terms of B2 into the mirror terms.
public final class RealAxisIPTSolver: @unchecked Sendable {
    public let grid: RealFrequencyGrid
    let convolver: RealAxisConvolver
    let omegas: [Double]

    public init(grid: RealFrequencyGrid = RealFrequencyGrid(count: 1 << 14, halfWidth: 6)) {
        self.grid = grid
        convolver = RealAxisConvolver(grid: grid)
        omegas = grid.frequencies
    }

    /// Σ = 0: the seed of the metallic branch.
    public func metallicSeed() -> BandPair<[Complex]> {
        let zero = [Complex](repeating: .zero, count: grid.count)
        return BandPair(bonding: zero, antibonding: zero)
    }

    /// Dimer-limit self-energy Σ_B/A = (U²/4)/(ω ∓ 3t⊥ + iη) (DHM Eq. B12; the atomic limit
    /// U²/4ω for t⊥ = 0): the seed of the insulating branch.
    public func insulatingSeed(for model: HubbardModel, width eta: Double = 0.02) -> BandPair<[Complex]> {
        let u2 = model.interaction * model.interaction / 4, tp = model.interorbitalHopping
        let b = omegas.map { u2 / Complex($0 - 3 * tp, eta) }
        let a = omegas.map { u2 / Complex($0 + 3 * tp, eta) }
        return BandPair(bonding: b, antibonding: a)
    }

    /// Solves the DMFT loop from `seed` (the previous Σ when following a branch).
    ///
    /// The iterated variable is the hybridisation Δ_m(ω), 𝒢_m⁻¹ = ω + iΓ − ε_m − Δ_m, which stays
    /// bounded in the insulator where Σ ~ U²/4ω does not; convergence is judged on max|ΔΔ|.
    public func solve(_ model: HubbardModel, seed: BandPair<[Complex]>? = nil,
                      convergence: Convergence = Convergence(tolerance: 1e-7)) -> RealAxisSolution {
        let start = pack(hybridization(model, seed ?? metallicSeed()))
        let (x, report) = iterateToFixedPoint(start: start, convergence: convergence, project: clipToCausal) { x in
            self.pack(self.hybridization(model, self.impuritySelfEnergy(model, self.unpack(x))))
        }
        let sigma = impuritySelfEnergy(model, unpack(x))
        return RealAxisSolution(model: model, grid: grid, selfEnergy: sigma,
                                green: lattice(model, sigma), report: report)
    }

    /// One DMFT map Σ → Σ' (steps 1–4).
    public func iterate(_ sigma: BandPair<[Complex]>, _ model: HubbardModel) -> BandPair<[Complex]> {
        impuritySelfEnergy(model, hybridization(model, sigma))
    }

    /// Steps 1–2: Δ_B = ω + iΓ − ε_B − Σ_B − G_B⁻¹ for the lattice G_B built from Σ_B. Only the
    /// bonding band is iterated: particle–hole symmetry (DHM Eq. B1) gives Δ_A(ω) = −Δ_B(−ω)*.
    func hybridization(_ model: HubbardModel, _ sigma: BandPair<[Complex]>) -> [Complex] {
        let eb = model.bandOffsets.bonding
        return (0..<grid.count).map { i in
            let z = Complex(omegas[i] - eb, model.bathCoupling) - sigma.bonding[i]
            return z - 1 / model.lattice.localGreen(z, halfBandwidth: model.halfBandwidth)
        }
    }

    /// Steps 3–4: IPT self-energy of the Weiss fields 𝒢_m = 1/(ω + iΓ − ε_m − Δ_m).
    func impuritySelfEnergy(_ model: HubbardModel, _ delta: [Complex]) -> BandPair<[Complex]> {
        let (eb, ea) = model.bandOffsets
        let weissB = (0..<grid.count).map { 1 / (Complex(omegas[$0] - eb, model.bathCoupling) - delta[$0]) }
        let weissA = (0..<grid.count).map {
            1 / (Complex(omegas[$0] - ea, model.bathCoupling) + delta[grid.mirror($0)].conjugate)
        }
        let hole = omegas.map { model.fermi(-$0) }            // 1 − f(ω)
        let u2 = model.interaction * model.interaction
        // Diagonal part: a₁₁ = −Im(𝒢_B + 𝒢_A)/2π.
        let a11 = (0..<grid.count).map { -(weissB[$0].imaginary + weissA[$0].imaginary) / (2 * Double.pi) * hole[$0] }
        let p11 = convolver.tripleConvolution(a11)
        let s11 = (0..<grid.count).map { u2 * (p11[$0] + p11[grid.mirror($0)]) }
        let sigma11 = kramersKronig(s11)
        guard model.isDimer else { return BandPair(bonding: sigma11, antibonding: sigma11) }
        let a12 = (0..<grid.count).map { -(weissB[$0].imaginary - weissA[$0].imaginary) / (2 * Double.pi) * hole[$0] }
        let p12 = convolver.tripleConvolution(a12)
        let s12 = (0..<grid.count).map { -u2 * (p12[$0] - p12[grid.mirror($0)]) }
        let sigma12 = kramersKronig(s12)
        return BandPair(bonding: zip(sigma11, sigma12).map { $0 + $1 },
                        antibonding: zip(sigma11, sigma12).map { $0 - $1 })
    }

    /// Retarded function from its spectral density ρ = −Im F/π: F = H[ρ] − iπρ.
    func kramersKronig(_ rho: [Double]) -> [Complex] {
        let re = convolver.hilbert(rho)
        return (0..<rho.count).map { Complex(re[$0], -Double.pi * rho[$0]) }
    }

    /// Step 1: local lattice Green's functions for given Σ_m.
    public func lattice(_ model: HubbardModel, _ sigma: BandPair<[Complex]>) -> BandPair<[Complex]> {
        let (eb, ea) = model.bandOffsets
        func band(_ s: [Complex], _ e: Double) -> [Complex] {
            (0..<grid.count).map { i in
                model.lattice.localGreen(Complex(omegas[i] - e, model.bathCoupling) - s[i],
                                         halfBandwidth: model.halfBandwidth)
            }
        }
        let gb = band(sigma.bonding, eb)
        return BandPair(bonding: gb, antibonding: model.isDimer ? band(sigma.antibonding, ea) : gb)
    }

    /// Interleaves (re, im) into the real vector the mixer works on.
    func pack(_ d: [Complex]) -> [Double] {
        var x = [Double](repeating: 0, count: 2 * d.count)
        for k in d.indices { x[2 * k] = d[k].real; x[2 * k + 1] = d[k].imaginary }
        return x
    }

    func unpack(_ x: [Double]) -> [Complex] { (0..<(x.count / 2)).map { Complex(x[2 * $0], x[2 * $0 + 1]) } }
}
