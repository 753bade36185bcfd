import Foundation

/// The avalanche at bath temperature T (AV Sec. III and App. C).
///
/// Thermal phonons add dephasing at the band edge (AV Eq. 15, C2):
///
///     −Im Σ^R(Δ) ≈ m g² n_b(ω0) / (2ω0 √(2mω0)) = ¼ Γ β n_b(ω0),   n_b = 1/(e^{ω0/T} − 1),
///
/// so Γ in Eq. 11 becomes Γ_eff = Γ(1 + β n_b/4) (AV Eq. C3), with β the zero-temperature
/// parameter. E_av(T) is then the T = 0 threshold at Γ_eff; it rises from its T = 0 value around
/// the activation temperature T* = ω0/ln(1 + β) where β n_b = 1 (AV Eq. 16, C4), and the avalanche
/// disappears once β Γ/Γ_eff falls below β_c.
public struct ThermalAvalanche: Sendable {
    /// The zero-temperature model (its `damping` is the bath rate Γ).
    public var base: QuantumAvalanche

    public init(_ base: QuantumAvalanche) { self.base = base }

    /// Bose occupation n_b(ω0) at temperature T (0 at T = 0).
    public func boseOccupation(temperature t: Double) -> Double {
        t > 0 ? 1 / expm1(base.phononFrequency / t) : 0
    }

    /// Thermal dephasing −Im Σ^R(Δ) = ¼ Γ β n_b (AV Eq. 15).
    public func thermalDephasing(temperature t: Double) -> Double {
        0.25 * base.damping * base.beta * boseOccupation(temperature: t)
    }

    /// Γ_eff = Γ(1 + β n_b/4) (AV Eq. C3).
    public func effectiveDamping(temperature t: Double) -> Double {
        base.damping + thermalDephasing(temperature: t)
    }

    /// The T = 0 model with Γ replaced by Γ_eff(T).
    public func model(temperature t: Double) -> QuantumAvalanche {
        var m = base
        m.damping = effectiveDamping(temperature: t)
        return m
    }

    /// E_av(T): Eq. 11 at Γ_eff(T); nil when β_eff = β Γ/Γ_eff < β_c (no avalanche).
    public func avalancheField(temperature t: Double) throws -> Double? {
        try model(temperature: t).avalancheField()
    }

    /// T* = ω0 / ln(1 + β) (AV Eq. 16, C4): the temperature where β n_b(ω0) = 1.
    public var activationTemperature: Double { base.phononFrequency / log1p(base.beta) }

    /// Temperature above which the avalanche is gone: β Γ/Γ_eff(T) = β_c, i.e.
    /// n_b = 4(1/β_c − 1/β); nil when β ≤ β_c (no avalanche even at T = 0).
    public func extinctionTemperature() throws -> Double? {
        let beta = base.beta, betaC = try QuantumAvalanche.criticalBeta()
        guard beta > betaC else { return nil }
        let nb = 4 * (1 / betaC - 1 / beta)
        return base.phononFrequency / log1p(1 / nb)
    }
}
