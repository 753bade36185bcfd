import Foundation

/// Converged (or not) Matsubara-axis DMFT solution on ω_n, n = 0 … M−1.
public struct MatsubaraSolution: Sendable {
    public var model: HubbardModel
    public var frequencies: [Double]
    public var selfEnergy: BandPair<[Complex]>
    public var green: BandPair<[Complex]>
    public var report: FixedPointReport

    /// Local (orbital-diagonal) G₁₁(iω_n) = (G_B + G_A)/2 (DHM Eq. B4).
    public var localGreen: [Complex] { zip(green.bonding, green.antibonding).map { 0.5 * ($0 + $1) } }
    /// Im G₁₁(iω₀): the order parameter used to tell the metal from the insulator.
    public var imaginaryGreenAtFirstFrequency: Double { localGreen[0].imaginary }
}

/// IPT on the Matsubara axis for the half-filled SOHM/DHM (same loop as `RealAxisIPTSolver`):
/// G_m(iω) = ∫dε D(ε)/(iω + iΓ sgn ω − ε_m − Σ_m − ε), 𝒢_m⁻¹ = G_m⁻¹ + Σ_m,
/// Σ₁₁(τ) = U² 𝒢₁₁(τ)³, Σ₁₂(τ) = −U² 𝒢₁₂(τ)³ (DHM Eq. 10 at half filling, p–h symmetry B1),
/// Σ_B/A = Σ₁₁ ± Σ₁₂ (Eq. B4). The bath term iΓ sgn ω is the Matsubara form of Σ_Γ (Eq. 8).
public final class MatsubaraIPTSolver: @unchecked Sendable {
    public let transforms: MatsubaraTransforms

    /// `count` positive frequencies at temperature `temperature`.
    public init(count: Int, temperature: Double) {
        transforms = MatsubaraTransforms(count: count, temperature: temperature)
    }

    /// A frequency count reaching ω_max ≈ `cutoff` (rounded up to a power of two, ≥ 256).
    public static func count(temperature: Double, cutoff: Double = 60) -> Int {
        let needed = Int((cutoff / (2 * Double.pi * temperature)).rounded(.up))
        var m = 256
        while m < needed { m *= 2 }
        return m
    }

    public func metallicSeed() -> BandPair<[Complex]> {
        let zero = [Complex](repeating: .zero, count: transforms.count)
        return BandPair(bonding: zero, antibonding: zero)
    }

    /// Σ_B/A = (U²/4)/(iω ∓ 3t⊥) (DHM Eq. B12), the insulating seed.
    public func insulatingSeed(for model: HubbardModel) -> BandPair<[Complex]> {
        let u2 = model.interaction * model.interaction / 4, tp = model.interorbitalHopping
        let w = transforms.frequencies
        return BandPair(bonding: w.map { u2 / Complex(-3 * tp, $0) }, antibonding: w.map { u2 / Complex(3 * tp, $0) })
    }

    /// Solves the loop from a Σ seed. As on the real axis, the iterated variable is the bounded
    /// hybridisation Δ_m(iω_n) (𝒢_m⁻¹ = iω_n + iΓ − ε_m − Δ_m); Σ and G are returned.
    public func solve(_ model: HubbardModel, seed: BandPair<[Complex]>? = nil,
                      convergence: Convergence = Convergence(tolerance: 1e-9)) -> MatsubaraSolution {
        precondition(abs(model.temperature - transforms.temperature) < 1e-14 * model.temperature,
                     "solver built for another temperature")
        let start = pack(hybridization(model, seed ?? metallicSeed()))
        let (x, report) = iterateToFixedPoint(start: start, convergence: convergence, project: clipToCausal) {
            self.pack(self.hybridization(model, self.impuritySelfEnergy(model, self.unpack($0))))
        }
        let sigma = impuritySelfEnergy(model, unpack(x))
        return MatsubaraSolution(model: model, frequencies: transforms.frequencies, selfEnergy: sigma,
                                 green: lattice(model, sigma), report: report)
    }

    public func lattice(_ model: HubbardModel, _ sigma: BandPair<[Complex]>) -> BandPair<[Complex]> {
        let (eb, ea) = model.bandOffsets
        func band(_ s: [Complex], _ e: Double) -> [Complex] {
            s.indices.map { model.lattice.localGreen(bare(model, $0, e) - s[$0], halfBandwidth: model.halfBandwidth) }
        }
        let gb = band(sigma.bonding, eb)
        return BandPair(bonding: gb, antibonding: model.isDimer ? band(sigma.antibonding, ea) : gb)
    }

    /// iω_n + iΓ − ε_m.
    @inline(__always) func bare(_ model: HubbardModel, _ n: Int, _ e: Double) -> Complex {
        Complex(-e, transforms.frequency(n) + model.bathCoupling)
    }

    /// Δ_B = iω_n + iΓ − ε_B − Σ_B − G_B⁻¹ for the lattice G_B built from Σ_B. Only the bonding
    /// band is iterated: particle–hole symmetry (DHM Eq. B1) gives Δ_A(iω_n) = −Δ_B(iω_n)*.
    func hybridization(_ model: HubbardModel, _ sigma: BandPair<[Complex]>) -> [Complex] {
        let eb = model.bandOffsets.bonding
        return sigma.bonding.indices.map { n in
            let z = bare(model, n, eb) - sigma.bonding[n]
            return z - 1 / model.lattice.localGreen(z, halfBandwidth: model.halfBandwidth)
        }
    }

    /// One DMFT map Σ → Σ'.
    public func iterate(_ sigma: BandPair<[Complex]>, _ model: HubbardModel) -> BandPair<[Complex]> {
        impuritySelfEnergy(model, hybridization(model, sigma))
    }

    /// IPT self-energy of the Weiss fields 𝒢_m = 1/(iω_n + iΓ − ε_m − Δ_m).
    func impuritySelfEnergy(_ model: HubbardModel, _ delta: [Complex]) -> BandPair<[Complex]> {
        let m = transforms.count, (eb, ea) = model.bandOffsets
        let wb = (0..<m).map { 1 / (bare(model, $0, eb) - delta[$0]) }
        let wa = (0..<m).map { 1 / (bare(model, $0, ea) + delta[$0].conjugate) }
        let u2 = model.interaction * model.interaction
        let g11 = transforms.toTau(zip(wb, wa).map { 0.5 * ($0 + $1) }, c1: 1, c2: 0)
        let s11 = transforms.fromTau(g11.map { u2 * $0 * $0 * $0 })
        guard model.isDimer else { return BandPair(bonding: s11, antibonding: s11) }
        let g12 = transforms.toTau(zip(wb, wa).map { 0.5 * ($0 - $1) }, c1: 0, c2: -model.interorbitalHopping)
        let s12 = transforms.fromTau(g12.map { -u2 * $0 * $0 * $0 })
        return BandPair(bonding: zip(s11, s12).map { $0 + $1 }, antibonding: zip(s11, s12).map { $0 - $1 })
    }

    /// Interleaves (re, im) into the real vector the mixer works on.
    func pack(_ d: [Complex]) -> [Double] {
        var x = [Double](repeating: 0, count: 2 * d.count)
        for k in d.indices { x[2 * k] = d[k].real; x[2 * k + 1] = d[k].imaginary }
        return x
    }

    func unpack(_ x: [Double]) -> [Complex] { (0..<(x.count / 2)).map { Complex(x[2 * $0], x[2 * $0 + 1]) } }
}
