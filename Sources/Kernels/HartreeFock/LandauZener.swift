import Foundation

/// Fermi-surface-averaged Landau–Zener estimate of the excitation count (HF SI Eqs. 10–11).
///
/// Excitations are created by Landau–Zener tunnelling across the gap at rate
/// γ_LZ(k) = r·exp(−πΔ²/|v_k·E|) and removed by the bath at rate Γ, so that
/// P_ex = ⟨γ_LZ/(γ_LZ + Γ)⟩_FS. On the half-filled square-lattice Fermi surface
/// (|k_x| + |k_y| = π, parametrised by k ∈ (0, π)):
/// - E ∥ (1,1) (SI Eq. 11 as printed): v ∥ E on the relevant edge, |v·E| = 2√2 t E sin k, r = E/√2.
/// - E ∥ (1,0) (same construction, our extension): |v·E| = 2 t E sin k on every edge; the Bloch
///   rate of zone-boundary crossings is √2 larger than for (1,1), so r = E.
public enum LandauZener {
    /// P_ex(Δ) from SI Eq. 11 (and its (1,0) analogue), by 400-point Gauss–Legendre in k.
    public static func excitationCount(gap: Double, field: Double, damping: Double,
                                       direction: FieldDirection = .diagonal) -> Double {
        let (velocity, rate): (Double, Double)
        switch direction {
        case .diagonal: (velocity, rate) = (2 * 2.0.squareRoot() * field, field / 2.0.squareRoot())
        case .axial: (velocity, rate) = (2 * field, field)
        }
        let rule = HartreeFock.GaussLegendre(count: 400, lower: 0, upper: Double.pi)
        let total = rule.integrate { k in
            let gamma = rate * exp(-Double.pi * gap * gap / (velocity * sin(k)))
            return gamma / (gamma + damping)
        }
        return total / Double.pi
    }
}
