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
    /// Converged means: the fixed point was reached and the energy closure check passed.
    public var converged: Bool { report.converged && observables.closure < NESSObservables.closureTolerance }
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

    public init(kPoints: Int = 64, targetSpacing: Double = 5e-4, halfWidth: Double = 4) {
        self.kPoints = kPoints
        self.targetSpacing = targetSpacing
        self.halfWidth = halfWidth
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
        let step = NESSStep(driven: exact, fieldGrid: fg, kPoints: kPoints)
        let start = step.hybridization(seedSelfEnergy(seed, step))
        let (x, report) = iterateToFixedPoint(start: step.pack(start), convergence: convergence, project: NESSStep.clipRetarded) {
            step.pack(step.map(step.unpack($0)))
        }
        let delta = step.unpack(x)
        let sigma = step.selfEnergy(delta)
        let lattice = step.latticeWithFluxes(sigma)
        let obs = NESSObservables(step: step, sigma: sigma, lattice: lattice)
        return NESSSolution(driven: exact, fieldGrid: fg, kPoints: kPoints,
                            selfEnergy: sigma, green: BandPair(bonding: lattice.bonding.green, antibonding: lattice.antibonding.green),
                            observables: obs, report: report)
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
                let k = zip(grid.frequencies, r).map { 2 * tanh($0 / (2 * m.temperature)) * $1.im }
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
            k[i] = g.keldysh[i] / g.retarded[i].magnitudeSquared - s.keldysh[i] - bathKeldysh[i]
        }
        return KeldyshFunction(retarded: r, keldysh: k)
    }

    func hybridization(_ sigma: BandPair<KeldyshFunction>) -> BandPair<KeldyshFunction> {
        let l = latticeWithFluxes(sigma, fluxes: false)
        let b = hybridization(band: l.bonding.green, sigma: sigma.bonding, offset: offsets.0)
        let a = isDimer ? hybridization(band: l.antibonding.green, sigma: sigma.antibonding, offset: offsets.1) : b
        return BandPair(bonding: b, antibonding: a)
    }

    func weiss(_ d: KeldyshFunction, offset: Double) -> KeldyshFunction {
        let gam = driven.model.bathCoupling
        let r = omegas.indices.map { 1 / (Complex(omegas[$0] - offset, gam) - d.retarded[$0]) }
        let k = omegas.indices.map { r[$0].magnitudeSquared * (bathKeldysh[$0] + d.keldysh[$0]) }
        return KeldyshFunction(retarded: r, keldysh: k)
    }

    func selfEnergy(_ delta: BandPair<KeldyshFunction>) -> BandPair<KeldyshFunction> {
        let u = driven.model.interaction
        let wb = weiss(delta.bonding, offset: offsets.0)
        let wa = isDimer ? weiss(delta.antibonding, offset: offsets.1) : nil
        let (sb, sa) = ipt.bandSelfEnergies(bonding: wb, antibonding: wa, interaction: u)
        return BandPair(bonding: sb, antibonding: sa ?? sb)
    }

    func map(_ delta: BandPair<KeldyshFunction>) -> BandPair<KeldyshFunction> { hybridization(selfEnergy(delta)) }

    /// Keeps Δ^R causal (Im Δ^R ≤ 0) after a mixing step.
    static func clipRetarded(_ x: inout [Double]) {
        var k = 1
        while k < x.count { if x[k] > 0 { x[k] = 0 }; k += 3 }
    }

    /// (Re Δ^R, Im Δ^R, Im Δ^K) per frequency, bonding then (dimer only) antibonding.
    func pack(_ d: BandPair<KeldyshFunction>) -> [Double] {
        var x: [Double] = []
        x.reserveCapacity(6 * omegas.count)
        for band in isDimer ? [d.bonding, d.antibonding] : [d.bonding] {
            for i in omegas.indices { x.append(band.retarded[i].re); x.append(band.retarded[i].im); x.append(band.keldysh[i]) }
        }
        return x
    }

    func unpack(_ x: [Double]) -> BandPair<KeldyshFunction> {
        let n = omegas.count
        func band(_ o: Int) -> KeldyshFunction {
            KeldyshFunction(retarded: (0..<n).map { Complex(x[o + 3 * $0], x[o + 3 * $0 + 1]) },
                            keldysh: (0..<n).map { x[o + 3 * $0 + 2] })
        }
        let b = band(0)
        return BandPair(bonding: b, antibonding: isDimer ? band(3 * n) : b)
    }
}
