import Foundation

/// Quantum-avalanche threshold of a 1D band coupled to Einstein phonons and a fermion bath
/// (AV = X. Chen and J. E. Han, "Avalanche instability as nonequilibrium quantum criticality",
/// Phys. Rev. B 109, 054307 (2024)). Units ħ = e = k_B = 1.
///
/// The avalanche sets in when the two-phonon rainbow self-energy matches the one-phonon one,
/// λ = 1 with (AV Eq. 11, Eq. A6)
///
///     λ(E) = (m g²/(ω0 E)) K0(2Γ√(2mω0)/E).
///
/// With x = 2Γ√(2mω0)/E this reads x K0(x) = 4/β, β = (g²/Γ)(2m/ω0³)^{1/2} (AV Eq. 13, B1).
/// x K0(x) has a single maximum at x0 (where K0(x0) = x0 K1(x0)), so a solution exists only for
/// β ≥ β_c = 4/(x0 K0(x0)) (AV Eq. 14). Above β_c, λ(E) ≥ 1 on a window E_av ≤ E ≤ E_up: E_av is
/// the smaller-field root (x > x0), E_up the larger-field one (x < x0); the window closes at β_c.
public struct QuantumAvalanche: Sendable {
    /// Band mass m.
    public var mass: Double
    /// Phonon frequency ω0.
    public var phononFrequency: Double
    /// Electron–phonon coupling g_ep.
    public var coupling: Double
    /// Dephasing (fermion-bath) rate Γ.
    public var damping: Double

    public init(mass: Double = 0.5, phononFrequency: Double = 0.3, coupling: Double = 0.1, damping: Double) {
        self.mass = mass
        self.phononFrequency = phononFrequency
        self.coupling = coupling
        self.damping = damping
    }

    /// Avalanche parameter β (AV Eq. 13).
    public var beta: Double {
        coupling * coupling / damping * (2 * mass / pow(phononFrequency, 3)).squareRoot()
    }

    /// Field scale 2Γ√(2mω0) such that x = scale/E.
    public var fieldScale: Double { 2 * damping * (2 * mass * phononFrequency).squareRoot() }

    /// λ(E) of AV Eq. 11 (the avalanche sets in at λ = 1).
    public func enhancement(field: Double) throws -> Double {
        mass * coupling * coupling / (phononFrequency * field) * (try GSL.besselK0(fieldScale / field))
    }

    /// E_av from AV Eq. 11 (root with x > x0); nil below the critical β (no avalanche).
    public func avalancheField() throws -> Double? {
        guard let x = try QuantumAvalanche.roots(beta: beta)?.upper else { return nil }
        return fieldScale / x
    }

    /// Upper end E_up of the window λ(E) ≥ 1 (root of Eq. 11 with x < x0); nil below β_c.
    public func upperField() throws -> Double? {
        guard let x = try QuantumAvalanche.roots(beta: beta)?.lower else { return nil }
        return fieldScale / x
    }

    /// Coupling g_c at which β = β_c for this Γ, m, ω0: the phase boundary g ∝ √Γ (AV Fig. 5a).
    public var criticalCoupling: Double {
        get throws { (try QuantumAvalanche.criticalBeta() * damping * (pow(phononFrequency, 3) / (2 * mass)).squareRoot()).squareRoot() }
    }

    /// Large-β asymptote E_av ≈ 2Γ√(2mω0) / ln(√(π/32) β) (AV Eq. 12, B4).
    public var asymptoticAvalancheField: Double {
        fieldScale / log((Double.pi / 32).squareRoot() * beta)
    }

    /// Two-term asymptote x ≈ L + ½ ln L, L = ln(√(π/32) β) (AV Eq. B3), E = 2Γ√(2mω0)/x. The
    /// leading-log Eq. 12 differs from it by a relative ½ ln L / L, which vanishes only slowly.
    public var twoTermAsymptoticAvalancheField: Double {
        let l = log((Double.pi / 32).squareRoot() * beta)
        return fieldScale / (l + 0.5 * log(l))
    }

    /// Both roots x_lower < x0 < x_upper of x K0(x) = 4/β; nil for β < β_c.
    static func roots(beta: Double) throws -> (lower: Double, upper: Double)? {
        let target = 4 / beta
        let x0 = try maximisingArgument()
        let peak = x0 * (try GSL.besselK0(x0))
        guard peak >= target else { return nil }
        if peak == target { return (x0, x0) }
        var hi = 2 * x0
        while try hi * GSL.besselK0(hi) > target { hi *= 2 }
        var lo = x0 / 2
        while try lo * GSL.besselK0(lo) > target { lo /= 2 }
        let f: (Double) throws -> Double = { try $0 * GSL.besselK0($0) - target }
        return (try GSL.brentRoot(in: lo, x0, f), try GSL.brentRoot(in: x0, hi, f))
    }

    /// x0 maximising x K0(x): root of K0(x) − x K1(x) (the derivative of x K0), by Brent's method
    /// to a few ulp.
    public static func maximisingArgument() throws -> Double {
        try GSL.brentRoot(in: 0.1, 2) { try GSL.besselK0($0) - $0 * GSL.besselK1($0) }
    }

    /// max_x x K0(x) = x0 K0(x0).
    public static func maximumOfXK0() throws -> Double {
        let x0 = try maximisingArgument()
        return x0 * (try GSL.besselK0(x0))
    }

    /// β_c = 4/(x0 K0(x0)) (AV Eq. 14).
    public static func criticalBeta() throws -> Double { 4 / (try maximumOfXK0()) }
}
