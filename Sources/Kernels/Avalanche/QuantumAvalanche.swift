import Foundation

/// Quantum-avalanche threshold of a 1D band coupled to Einstein phonons and a fermion bath
/// (AV = Chen & Han, PRB 109, 054307, paper `002_1e1f20cffee5f7ee.txt`). Units ħ = e = k_B = 1.
///
/// The avalanche sets in when the two-phonon rainbow self-energy matches the one-phonon one,
/// λ = 1 with (AV Eq. 11, Eq. A6)
///
///     λ(E) = (m g²/(ω0 E)) K0(2Γ√(2mω0)/E).
///
/// With x = 2Γ√(2mω0)/E this reads x K0(x) = 4/β, β = (g²/Γ)(2m/ω0³)^{1/2} (AV Eq. 13, B1).
/// x K0(x) has a single maximum at x0 (where K0(x0) = x0 K1(x0)), so a solution exists only for
/// β ≥ β_c = 4/(x0 K0(x0)) (AV Eq. 14). The avalanche field is the smaller-E root (x > x0).
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
        mass * coupling * coupling / (phononFrequency * field) * (try GSLBessel.k0(fieldScale / field))
    }

    /// E_av from AV Eq. 11 (root with x > x0); nil below the critical β (no avalanche).
    public func avalancheField() throws -> Double? {
        let target = 4 / beta
        let x0 = try QuantumAvalanche.maximisingArgument()
        guard try x0 * GSLBessel.k0(x0) >= target else { return nil }
        var hi = 2 * x0
        while try hi * GSLBessel.k0(hi) > target { hi *= 2 }
        let x = try QuantumAvalanche.bisect(x0, hi) { try $0 * GSLBessel.k0($0) - target }
        return fieldScale / x
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

    /// x0 maximising x K0(x): root of K0(x) − x K1(x) (derivative of x K0 is K0 − x K1).
    public static func maximisingArgument() throws -> Double {
        try bisect(0.1, 2) { try GSLBessel.k0($0) - $0 * GSLBessel.k1($0) }
    }

    /// β_c = 4/(x0 K0(x0)) (AV Eq. 14).
    public static func criticalBeta() throws -> Double {
        let x0 = try maximisingArgument()
        return 4 / (x0 * (try GSLBessel.k0(x0)))
    }

    /// Bisection to machine precision for g changing sign on [a, b].
    static func bisect(_ a0: Double, _ b0: Double, _ g: (Double) throws -> Double) throws -> Double {
        var (a, b) = (a0, b0)
        let ga = try g(a)
        for _ in 0..<200 {
            let m = 0.5 * (a + b)
            if m == a || m == b { break }
            if (try g(m) > 0) == (ga > 0) { a = m } else { b = m }
        }
        return 0.5 * (a + b)
    }
}
