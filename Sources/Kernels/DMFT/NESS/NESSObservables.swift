import Foundation

/// Observables of a steady state, per orbital and per spin, in model units (D = ħ = k_B = e = a = 1).
public struct NESSObservables: Sendable {
    /// Relative tolerance of the energy closure J·E = Q_bath + Q_U (a numerical identity of the
    /// discretised lattice equations) above which a solution is not called converged.
    public static let closureTolerance = 1e-4
    /// Relative tolerance of J·E = Q_bath for a conserving self-energy (Born); at E = 0, |Q_bath|.
    public static let balanceTolerance = 1e-6

    public var field: Double
    /// Local DOS per orbital ρ_loc(ω) = −(1/2π) Σ_m Im G_m^R(ω) (DHM §IV A).
    public var localDensity: [Double]
    /// f_loc(ω) = ½[1 − ½ Σ_m Im G_m^K / Σ_m Im G_m^R] (DHM Eq. 11).
    public var distribution: [Double]
    /// ρ_loc at ω = 0 (mean of the two grid points next to 0).
    public var densityAtFermiLevel: Double
    /// T_eff from T_eff² = (6/π²) ∫dω ω [f_loc − Θ(−ω)] (DHM Eq. 13), evaluated as
    /// T² + (6/π²) Σ_i h ω_i [f_loc(ω_i) − f_T(ω_i)] (the Fermi-function part analytically).
    public var effectiveTemperature: Double
    /// Particle current per bond J = ½(I_right − I_left), I = ∫dω/2π out(ω) (the bond form of DHM Eq. 12).
    public var current: Double
    /// Heat into the baths Q = 2Γ ∫dω ω ρ_m (f_m − f_T) averaged over the bands (DHM Eq. A1).
    public var bathHeat: Double
    /// Energy the IPT self-energy takes out of the site, ∫dω/2π ω [Im Σ_U^K Im G^R − Im Σ_U^R Im G^K]:
    /// zero for an exact (conserving) solver, not for IPT out of equilibrium.
    public var interactionHeat: Double
    /// |J·E − Q| / |J·E|: the steady-state energy balance of DHM App. A.
    public var balance: Double
    /// |J·E − Q − Q_U| / |J·E|: the discretised identity behind it (numerical check).
    public var closure: Double

    init(step: NESSStep, sigma: BandPair<KeldyshFunction>, lattice: BandPair<BandLatticeResult>) {
        let grid = step.fieldGrid.grid, n = grid.count, h = grid.spacing, omegas = step.omegas
        let m = step.driven.model
        let bands = step.isDimer ? [(lattice.bonding, sigma.bonding), (lattice.antibonding, sigma.antibonding)]
                                 : [(lattice.bonding, sigma.bonding)]
        let nb = Double(bands.count)
        var sumR = [Double](repeating: 0, count: n), sumK = sumR
        var current = 0.0, bath = 0.0, inter = 0.0
        for (l, s) in bands {
            for i in 0..<n {
                let g = l.green.retarded[i], k = l.green.keldysh[i]
                sumR[i] += g.imaginary; sumK[i] += k
                current += 0.5 * ((l.rightFlux?[i] ?? 0) - (l.leftFlux?[i] ?? 0))
                bath += omegas[i] * (step.bathKeldysh[i] * g.imaginary + m.bathCoupling * k)
                inter += omegas[i] * (s.keldysh[i] * g.imaginary - s.retarded[i].imaginary * k)
            }
        }
        let scale = h / (2 * Double.pi) / nb
        self.current = current * scale
        bathHeat = bath * scale
        interactionHeat = inter * scale
        field = step.fieldGrid.field
        localDensity = sumR.map { -$0 / (Double.pi * nb) }
        distribution = zip(sumK, sumR).map { $1 == 0 ? 0.5 : 0.5 * (1 - 0.5 * $0 / $1) }
        densityAtFermiLevel = 0.5 * (localDensity[n / 2 - 1] + localDensity[n / 2])
        var excess = 0.0
        for i in 0..<n { excess += omegas[i] * (distribution[i] - m.fermi(omegas[i])) }
        effectiveTemperature = max(0, m.temperature * m.temperature + 6 / (Double.pi * Double.pi) * h * excess).squareRoot()
        let work = self.current * field
        balance = work == 0 ? abs(bathHeat) : abs(work - bathHeat) / abs(work)
        closure = work == 0 ? abs(bathHeat + interactionHeat) : abs(work - bathHeat - interactionHeat) / abs(work)
    }
}
