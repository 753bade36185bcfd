import Foundation

/// Equilibrium (E = 0, Γ → 0) Slater mean-field theory of the half-filled Hubbard model on the
/// square lattice with antiferromagnetic order (HF Eq. 1 treated in Hartree–Fock; HF Fig. 1a).
///
/// With the order parameter Δ = ½U⟨n↑ − n↓⟩ on sublattice A the quasiparticle energies are
/// ±E_k, E_k = √(ε_k² + Δ²), and the mean-field map is
///
///     F(Δ; T) = U Δ ∫_0^4 dε ρ(ε) tanh(E/2T) / E,   E = √(ε² + Δ²),
///
/// (ρ the square-lattice density of states per site and spin). Δ0 solves F(Δ0; 0) = Δ0 and the
/// Néel temperature solves U ∫_0^4 ρ(ε) tanh(ε/2T_N)/ε dε = 1, where the non-trivial root merges
/// continuously into Δ = 0. Units: t = 1, k_B = 1.
public struct EquilibriumMeanField: Sendable {
    /// On-site interaction U in units of t.
    public let interaction: Double

    public init(interaction: Double) {
        precondition(interaction > 0, "U must be positive")
        self.interaction = interaction
    }

    /// The mean-field map F(Δ; T) above (T = 0 uses tanh → 1).
    public func meanFieldMap(gap: Double, temperature: Double) -> Double {
        interaction * gap * kernel(gap: gap, temperature: temperature)
    }

    /// ∫_0^4 ρ(ε) tanh(E/2T)/E dε, the function whose value 1/U fixes the gap.
    func kernel(gap: Double, temperature: Double) -> Double {
        HartreeFock.integrateOverHalfBand { eps in
            let e = (eps * eps + gap * gap).squareRoot()
            if e == 0 { return temperature > 0 ? 1 / (2 * temperature) : 0 }
            let occupation = temperature > 0 ? tanh(e / (2 * temperature)) : 1
            return occupation / e
        }
    }

    /// Zero-temperature gap parameter Δ0 (root of U·kernel(Δ, 0) = 1; kernel decreases with Δ).
    public func zeroTemperatureGap() -> Double {
        gap(temperature: 0)
    }

    /// Mean-field Néel temperature T_N (root of U·kernel(0, T) = 1; kernel decreases with T).
    public func neelTemperature() -> Double {
        bisectLog(lower: 1e-8, upper: interaction) { t in interaction * kernel(gap: 0, temperature: t) - 1 }
    }

    /// Δ(T): the non-trivial root of F(Δ; T) = Δ, or 0 at and above T_N.
    public func gap(temperature: Double) -> Double {
        let atZero = interaction * kernel(gap: 1e-12, temperature: temperature) - 1
        guard atZero > 0 else { return 0 }
        return bisectLog(lower: 1e-12, upper: interaction) { d in interaction * kernel(gap: d, temperature: temperature) - 1 }
    }

    /// Bisection in log space for a function positive at `lower` and negative at `upper`.
    private func bisectLog(lower: Double, upper: Double, _ g: (Double) -> Double) -> Double {
        var lo = log(lower)
        var hi = log(upper)
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if g(exp(mid)) > 0 { lo = mid } else { hi = mid }
            if hi - lo < 1e-13 { break }
        }
        return exp(0.5 * (lo + hi))
    }
}
