import Foundation

/// The half-filled Hubbard model solved by DMFT + IPT, in units of the half bandwidth D
/// (ħ = k_B = e = a = 1).
///
/// With `interorbitalHopping` t⊥ = 0 it is the single-orbital Hubbard model (SOHM); with t⊥ > 0
/// the dimer-Hubbard model of DHM Eq. 2, worked in the bonding (B) / antibonding (A) basis where
/// the band energies are ε_B = −t⊥, ε_A = +t⊥ (DHM Eq. 6 at E = 0). The fermionic bath enters as
/// the retarded self-energy Σ_Γ = −iΓ with its Keldysh part fixed by the bath temperature
/// (DHM Eq. 8), i.e. in equilibrium every spectral function is occupied with f(ω) at temperature T.
public struct HubbardModel: Sendable, Equatable {
    public var lattice: Lattice
    public var halfBandwidth: Double
    /// U, in units of D.
    public var interaction: Double
    /// t⊥ (DHM Eq. 2), in units of D; 0 gives the single-orbital model.
    public var interorbitalHopping: Double
    /// Bath (and electron) temperature T, in units of D.
    public var temperature: Double
    /// Bath coupling Γ = πγ²ρ_b (DHM §II, Eq. 8), in units of D.
    public var bathCoupling: Double

    public init(lattice: Lattice = .bethe, halfBandwidth: Double = 1, interaction: Double,
                interorbitalHopping: Double = 0, temperature: Double, bathCoupling: Double) {
        precondition(temperature > 0 && bathCoupling >= 0 && interaction >= 0 && interorbitalHopping >= 0)
        self.lattice = lattice
        self.halfBandwidth = halfBandwidth
        self.interaction = interaction
        self.interorbitalHopping = interorbitalHopping
        self.temperature = temperature
        self.bathCoupling = bathCoupling
    }

    public var isDimer: Bool { interorbitalHopping > 0 }

    /// Band offsets ε_m of the bonding and antibonding bands (DHM Eq. 6).
    public var bandOffsets: (bonding: Double, antibonding: Double) { (-interorbitalHopping, interorbitalHopping) }

    /// Fermi function f(ω) at the model temperature, evaluated without overflow.
    @inlinable public func fermi(_ omega: Double) -> Double {
        let x = omega / temperature
        return x > 0 ? exp(-x) / (1 + exp(-x)) : 1 / (1 + exp(x))
    }
}

/// Spectral data shared by the real-axis and Matsubara results: the self-energies of the
/// bonding and antibonding bands on some frequency set (equal for the single-orbital model).
public struct BandPair<Value: Sendable>: Sendable {
    public var bonding: Value
    public var antibonding: Value
    public init(bonding: Value, antibonding: Value) { self.bonding = bonding; self.antibonding = antibonding }
}
