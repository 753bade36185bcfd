import Foundation

/// A converged (or not) nonequilibrium steady state.
public struct NESSSolution: Sendable {
    public var driven: DrivenHubbardModel
    public var fieldGrid: FieldGrid
    public var kPoints: Int
    /// Σ_U of the bonding and antibonding bands (equal for t⊥ = 0).
    public var selfEnergy: BandPair<KeldyshFunction>
    /// Local lattice G_m^{R,K}.
    public var green: BandPair<KeldyshFunction>
    public var observables: NESSObservables
    public var report: FixedPointReport
    /// The self-energy the solution was computed with.
    public var selfEnergyKind: NESSSelfEnergy = .ipt
    /// Converged means: the fixed point was reached and the energy closure J·E = Q_bath + Q_U passed;
    /// for the conserving Born self-energy also the balance J·E = Q_bath itself (DHM Eq. A1).
    public var converged: Bool {
        guard report.converged, observables.closure < NESSObservables.closureTolerance else { return false }
        return selfEnergyKind == .ipt || observables.balance < NESSObservables.balanceTolerance
    }
}

/// The impurity self-energy of the steady-state loop.
///
/// `ipt`: second order in U built from the Weiss field 𝒢 (DHM Eq. 10, App. B). It reproduces the Mott
/// insulator and the dimer limit (Eq. B12), but it is not Φ-derivable: out of equilibrium the
/// self-energy exchanges energy with the site, so J·E = Q_bath (Eq. A1) holds only together with the
/// self-energy's own heat Q_U (Baym & Kadanoff, Phys. Rev. 124, 287 (1961)).
/// `born`: the same second-order diagram built from the full local G (self-consistent second-order
/// Born, Σ = δΦ/δG with Φ the second-order skeleton). It is conserving, Q_U = 0 and J·E = Q_bath, but
/// it has no Mott insulator (it is a weak-coupling approximation).
public enum NESSSelfEnergy: String, Sendable, CaseIterable {
    case ipt
    case born
}

/// How a NESS solve is started (DHM §III): the metal from Σ_U = 0, the insulator from the dimer
/// limit Σ_U,B/A = (U²/4)/(ω ∓ 3t⊥ + iη) (DHM Eq. B9/B12), or a previous solution (continuation in E).
public enum NESSSeed: Sendable {
    case metal
    case insulator
    case previous(NESSSolution)
}

/// Nonequilibrium steady-state DMFT with the Keldysh IPT solver (DHM §III, steps i–iv).
///
/// The iterated variable is the Weiss hybridisation of each band, 𝒢_m^R = 1/(ω − ε_m + iΓ − Δ_m^R),
/// 𝒢_m^K = |𝒢_m^R|² (Σ_Γ^K + Δ_m^K), obtained from the lattice through the impurity Dyson equation
/// (DHM Eq. 9): 𝒢^R⁻¹ = G^R⁻¹ + Σ_U^R, 𝒢^K/|𝒢^R|² = G^K/|G^R|² − Σ_U^K. Δ stays bounded in the
/// insulator where Σ_U ~ U²/4ω does not. One map: Δ → 𝒢 → Σ_U (IPT) → G (lattice) → Δ'; mixing and
/// convergence are those of the equilibrium solver (`iterateToFixedPoint`, Anderson by default).
public final class NESSSolver: @unchecked Sendable {
    public let kPoints: Int
    public let targetSpacing: Double
    public let halfWidth: Double

    /// At E = 0 the steady state is the equilibrium state of the baths: when `equilibriumAtZeroField`
    /// is set, the Keldysh parts are then fixed by the fluctuation–dissipation relation
    /// Δ^K = 2i tanh(ω/2T) Im Δ^R instead of being iterated. (Iterated, the distribution relaxes only
    /// through the weak bath Γ, and the insulator does not converge at Γ = 7.5e-4.)
    public var equilibriumAtZeroField: Bool
    /// IPT (default) or the conserving second-order Born self-energy.
    public var selfEnergyKind: NESSSelfEnergy

    public init(kPoints: Int = 64, targetSpacing: Double = 5e-4, halfWidth: Double = 4, equilibriumAtZeroField: Bool = true,
                selfEnergy: NESSSelfEnergy = .ipt) {
        self.kPoints = kPoints
        self.targetSpacing = targetSpacing
        self.halfWidth = halfWidth
        self.equilibriumAtZeroField = equilibriumAtZeroField
        selfEnergyKind = selfEnergy
    }

    /// Checks the physical parameters; throws a message naming the quantity and its allowed range.
    public static func validate(_ driven: DrivenHubbardModel) throws {
        let m = driven.model
        guard m.lattice == .square else { throw NESSInputError.invalid("the field-driven solver needs the square lattice") }
        guard m.bathCoupling > 0, m.bathCoupling.isFinite else {
            throw NESSInputError.invalid("Γ (bath coupling) must be > 0 for a steady state in a field (got \(m.bathCoupling))")
        }
        guard m.temperature > 0, m.temperature.isFinite else { throw NESSInputError.invalid("T must be > 0 (got \(m.temperature))") }
        guard m.interaction >= 0, m.interorbitalHopping >= 0 else { throw NESSInputError.invalid("U and t⊥ must be ≥ 0") }
    }

    public func solve(_ driven: DrivenHubbardModel, seed: NESSSeed = .metal,
                      convergence: Convergence = Convergence(tolerance: 1e-8, maximumIterations: 400)) throws -> NESSSolution {
        try Self.validate(driven)
        let fg = try FieldGrid(field: driven.field, targetSpacing: targetSpacing, halfWidth: halfWidth)
        var exact = driven
        exact.field = fg.field
        var step = NESSStep(driven: exact, fieldGrid: fg, kPoints: kPoints)
        step.enforceEquilibrium = equilibriumAtZeroField && fg.shift == 0
        step.kind = selfEnergyKind
        let seedSigma = seedSelfEnergy(seed, step)
        let start = step.kind == .ipt ? step.hybridization(seedSigma) : step.symmetric(seedSigma.bonding)
        let (x, report) = iterateToFixedPoint(start: step.pack(start), convergence: convergence, project: NESSStep.clipRetarded) {
            step.pack(step.map(step.unpack($0)))
        }
        let sigma = step.kind == .ipt ? step.selfEnergy(step.unpack(x)) : step.unpack(x)
        let lattice = step.latticeWithFluxes(sigma)
        let obs = NESSObservables(step: step, sigma: sigma, lattice: lattice)
        return NESSSolution(driven: exact, fieldGrid: fg, kPoints: kPoints,
                            selfEnergy: sigma, green: BandPair(bonding: lattice.bonding.green, antibonding: lattice.antibonding.green),
                            observables: obs, report: report, selfEnergyKind: selfEnergyKind)
    }

    func seedSelfEnergy(_ seed: NESSSeed, _ step: NESSStep) -> BandPair<KeldyshFunction> {
        let grid = step.fieldGrid.grid, m = step.driven.model
        switch seed {
        case .metal:
            return BandPair(bonding: .zero(grid.count), antibonding: .zero(grid.count))
        case .insulator:
            let u2 = m.interaction * m.interaction / 4, tp = m.interorbitalHopping, eta = 0.02
            func band(_ pole: Double) -> KeldyshFunction {
                let r = grid.frequencies.map { u2 / Complex($0 - pole, eta) }
                let k = zip(grid.frequencies, r).map { 2 * tanh($0 / (2 * m.temperature)) * $1.imaginary }
                return KeldyshFunction(retarded: r, keldysh: k)
            }
            return BandPair(bonding: band(3 * tp), antibonding: band(-3 * tp))
        case .previous(let s):
            let src = s.fieldGrid.grid
            return BandPair(bonding: s.selfEnergy.bonding.resampled(from: src, to: grid),
                            antibonding: s.selfEnergy.antibonding.resampled(from: src, to: grid))
        }
    }
}

/// One DMFT map at fixed model, field and grid.
struct NESSStep {
    let driven: DrivenHubbardModel
    let fieldGrid: FieldGrid
    let lattice: FieldLattice
    let ipt: KeldyshIPT
    let omegas: [Double]
    /// Σ_Γ^K(ω) = −2iΓ tanh(ω/2T) (DHM Eq. 8), imaginary part.
    let bathKeldysh: [Double]

    /// Fix Δ^K (Σ_U^K for Born) by the fluctuation–dissipation relation (E = 0 only).
    var enforceEquilibrium = false
    /// IPT iterates the hybridisation Δ of the bonding band, Born its Σ_U (both bounded).
    var kind = NESSSelfEnergy.ipt

    init(driven: DrivenHubbardModel, fieldGrid: FieldGrid, kPoints: Int) {
        self.driven = driven
        self.fieldGrid = fieldGrid
        let m = driven.model
        lattice = FieldLattice(fieldGrid: fieldGrid, hopping: driven.hopping, kPoints: kPoints,
                               temperature: m.temperature, bathCoupling: m.bathCoupling)
        ipt = KeldyshIPT(grid: fieldGrid.grid)
        omegas = fieldGrid.grid.frequencies
        bathKeldysh = omegas.map { -2 * m.bathCoupling * tanh($0 / (2 * m.temperature)) }
    }

    var isDimer: Bool { driven.model.isDimer }
    var offsets: (Double, Double) { driven.model.bandOffsets }

    /// Σ_Γ + Σ_U.
    func total(_ s: KeldyshFunction) -> KeldyshFunction {
        let g = driven.model.bathCoupling
        return KeldyshFunction(retarded: s.retarded.map { $0 - Complex(0, g) },
                               keldysh: zip(s.keldysh, bathKeldysh).map { $0 + $1 })
    }

    func latticeWithFluxes(_ sigma: BandPair<KeldyshFunction>, fluxes: Bool = true) -> BandPair<BandLatticeResult> {
        let b = lattice.solveBand(offset: offsets.0, sigma: total(sigma.bonding), fluxes: fluxes)
        let a = isDimer ? lattice.solveBand(offset: offsets.1, sigma: total(sigma.antibonding), fluxes: fluxes) : b
        return BandPair(bonding: b, antibonding: a)
    }

    /// Impurity Dyson equation (DHM Eq. 9) written for Δ.
    func hybridization(band g: KeldyshFunction, sigma s: KeldyshFunction, offset: Double) -> KeldyshFunction {
        let gam = driven.model.bathCoupling
        var r = [Complex](repeating: .zero, count: omegas.count), k = [Double](repeating: 0, count: omegas.count)
        for i in omegas.indices {
            let inv = 1 / g.retarded[i] + s.retarded[i]
            r[i] = Complex(omegas[i] - offset, gam) - inv
            k[i] = g.keldysh[i] / g.retarded[i].lengthSquared - s.keldysh[i] - bathKeldysh[i]
            if enforceEquilibrium { k[i] = 2 * tanh(omegas[i] / (2 * driven.model.temperature)) * r[i].imaginary }
        }
        return KeldyshFunction(retarded: r, keldysh: k)
    }

    /// Steps (i)–(iii) for the bonding band only; the antibonding band follows from particle–hole
    /// symmetry combined with x → −x (which leaves the field invariant; DHM Eq. B1):
    /// Δ_A^R(ω) = −Δ_B^R(−ω)*, Δ_A^K(ω) = −Δ_B^K(−ω)* (for t⊥ = 0 the same relation maps Δ onto itself).
    func hybridization(_ sigma: BandPair<KeldyshFunction>) -> BandPair<KeldyshFunction> {
        let l = lattice.solveBand(offset: offsets.0, sigma: total(sigma.bonding))
        return symmetric(hybridization(band: l.green, sigma: sigma.bonding, offset: offsets.0))
    }

    /// The particle–hole partner of a bonding-band function.
    func partner(_ d: KeldyshFunction) -> KeldyshFunction {
        let n = omegas.count
        return KeldyshFunction(retarded: (0..<n).map { -d.retarded[n - 1 - $0].conjugate },
                               keldysh: (0..<n).map { -d.keldysh[n - 1 - $0] })
    }

    /// (Δ_B, Δ_A) with Δ_A the partner of Δ_B; for t⊥ = 0 the symmetric part (Δ + partner(Δ))/2.
    func symmetric(_ b: KeldyshFunction) -> BandPair<KeldyshFunction> {
        let p = partner(b)
        if isDimer { return BandPair(bonding: b, antibonding: p) }
        let s = KeldyshFunction(retarded: zip(b.retarded, p.retarded).map { 0.5 * ($0 + $1) },
                                keldysh: zip(b.keldysh, p.keldysh).map { 0.5 * ($0 + $1) })
        return BandPair(bonding: s, antibonding: s)
    }

    func weiss(_ d: KeldyshFunction, offset: Double) -> KeldyshFunction {
        let gam = driven.model.bathCoupling
        let r = omegas.indices.map { 1 / (Complex(omegas[$0] - offset, gam) - d.retarded[$0]) }
        let k = omegas.indices.map { r[$0].lengthSquared * (bathKeldysh[$0] + d.keldysh[$0]) }
        return KeldyshFunction(retarded: r, keldysh: k)
    }

    func selfEnergy(_ delta: BandPair<KeldyshFunction>) -> BandPair<KeldyshFunction> {
        let u = driven.model.interaction
        let wb = weiss(delta.bonding, offset: offsets.0)
        let wa = isDimer ? weiss(delta.antibonding, offset: offsets.1) : nil
        let (sb, sa) = ipt.bandSelfEnergies(bonding: wb, antibonding: wa, interaction: u)
        return BandPair(bonding: sb, antibonding: sa ?? sb)
    }

    /// One DMFT map: IPT Δ → 𝒢 → Σ_U[𝒢] → G → Δ'; Born Σ_U → G → Σ_U[G].
    func map(_ x: BandPair<KeldyshFunction>) -> BandPair<KeldyshFunction> {
        kind == .ipt ? hybridization(selfEnergy(x)) : bornSelfEnergy(x)
    }

    /// Second-order Born: Σ_U,B/A from the local lattice G_B and its particle–hole partner G_A
    /// (the same collision integrals and orbital rotation as IPT, DHM Eq. B4, with 𝒢 → G).
    func bornSelfEnergy(_ sigma: BandPair<KeldyshFunction>) -> BandPair<KeldyshFunction> {
        let g = lattice.solveBand(offset: offsets.0, sigma: total(sigma.bonding)).green
        let (sb, _) = ipt.bandSelfEnergies(bonding: g, antibonding: isDimer ? partner(g) : nil, interaction: driven.model.interaction)
        var b = sb
        if enforceEquilibrium {
            let t = driven.model.temperature
            for i in omegas.indices { b.keldysh[i] = 2 * tanh(omegas[i] / (2 * t)) * b.retarded[i].imaginary }
        }
        return symmetric(b)
    }

    /// Projects a mixed iterate back onto physical hybridisations: Im Δ^R ≤ 0 (causality) and
    /// |Im Δ^K| ≤ 2|Im Δ^R| (a distribution 0 ≤ f ≤ 1, since Δ^K = 2i(1 − 2f) Im Δ^R). Extrapolation
    /// can leave this set, and the IPT bubbles of a Weiss function outside it are acausal.
    static func clipRetarded(_ x: inout [Double]) {
        var k = 1
        while k + 1 < x.count {
            if x[k] > 0 { x[k] = 0 }
            let bound = 2 * abs(x[k])
            x[k + 1] = min(bound, max(-bound, x[k + 1]))
            k += 3
        }
    }

    /// (Re X^R, Im X^R, Im X^K) of the bonding band per frequency (X = Δ for IPT, Σ_U for Born).
    func pack(_ d: BandPair<KeldyshFunction>) -> [Double] {
        var x: [Double] = []
        x.reserveCapacity(3 * omegas.count)
        for i in omegas.indices { x.append(d.bonding.retarded[i].real); x.append(d.bonding.retarded[i].imaginary); x.append(d.bonding.keldysh[i]) }
        return x
    }

    func unpack(_ x: [Double]) -> BandPair<KeldyshFunction> {
        let n = omegas.count
        let b = KeldyshFunction(retarded: (0..<n).map { Complex(x[3 * $0], x[3 * $0 + 1]) }, keldysh: (0..<n).map { x[3 * $0 + 2] })
        return symmetric(b)
    }
}

extension NESSSolver {
    /// CPU seconds of the two halves of one DMFT map at the solution's parameters: the lattice
    /// (k_y sum of the chain recursions, DHM Eqs. 6–7) and the impurity (IPT collision integrals
    /// and Kramers–Kronig, Eq. 10 / B2–B4). Measured with the process CPU clock.
    public func profile(_ solution: NESSSolution) -> (lattice: Double, impurity: Double) {
        let step = NESSStep(driven: solution.driven, fieldGrid: solution.fieldGrid, kPoints: solution.kPoints)
        let sigma = solution.selfEnergy
        let t0 = clock()
        let delta = step.hybridization(sigma)
        let t1 = clock()
        _ = step.selfEnergy(delta)
        let t2 = clock()
        let perSecond = Double(CLOCKS_PER_SEC)
        return (Double(t1 - t0) / perSecond, Double(t2 - t1) / perSecond)
    }
}
