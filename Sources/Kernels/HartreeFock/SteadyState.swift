import Foundation

/// Observables of the driven-dissipative lattice at one order parameter Δ (HF Fig. 1c–d, SI §IV–V).
/// Local quantities are spin-averaged, per site and spin, measured from the local chemical
/// potential μ_r = φ(r). Units: t = ħ = e = a = k_B = 1.
public struct SteadyState: Sendable {
    /// The order parameter Δ the Green's functions were computed with.
    public let gap: Double
    /// F(Δ) = ½U⟨n↑ − n↓⟩ on sublattice A (self-consistency means F = Δ).
    public let meanField: Double
    /// Frequency grid ω (local frame).
    public let frequencies: [Double]
    /// Local density of states A(ω) = −Im G^R_loc(ω)/π (HF SI Eq. 9).
    public let spectralFunction: [Double]
    /// Occupied density of states N(ω) = Im G^<_loc(ω)/2π = A(ω) f(ω).
    public let occupiedDensity: [Double]
    /// Current density along E, both spins, per unit length perpendicular to E (HF SI Eq. 1).
    public let currentDensity: Double
    /// P_ex = ∫_0^∞ A(ω) f(ω) dω per spin (HF SI Eq. 9).
    public let excitationCount: Double
    /// T_eff from the first moment (HF text before Fig. 4):
    /// (π²/6) T_eff² = ∫ dω ω [f(ω) − θ(−ω)].
    public let effectiveTemperature: Double
    /// Spin-↑ densities on the A and B sublattices.
    public let densityA: Double
    public let densityB: Double
    /// Net particle flow into the local bath, 2Γ ∫ A (f − f0) dω per spin (HF SI Eq. 2); zero in
    /// the uniform steady state, a check of the numerics.
    public let particleLeak: Double
    /// Energy flow into the baths, both spins: 2 · 2Γ ∫ ω A (f − f0) dω. Equals the Joule power
    /// j·E in the steady state.
    public let bathHeating: Double
    /// Joule power per site j·E (both spins).
    public let jouleHeating: Double

    /// Distribution function f(ω) = N(ω)/A(ω) (HF SI Eq. 6); θ(−ω) where A vanishes numerically.
    public var distribution: [Double] {
        SteadyState.distribution(spectralFunction, occupiedDensity, frequencies)
    }

    static func distribution(_ spectral: [Double], _ occupied: [Double], _ omegas: [Double]) -> [Double] {
        let floor = (spectral.max() ?? 0) * 1e-13
        return omegas.indices.map { j in
            spectral[j] > floor ? occupied[j] / spectral[j] : fermi(omegas[j], 0)
        }
    }

    init(gap: Double, interaction: Double, field: Double, damping: Double, bathTemperature: Double,
         spectra: HartreeFock.LocalSpectra, grid: HartreeFock.FrequencyGrid) {
        let dw = grid.step
        let omegas = (0..<grid.count).map(grid.omega)
        let spectral = zip(spectra.spectralA, spectra.spectralB).map { 0.5 * ($0 + $1) }
        let occupied = zip(spectra.occupiedA, spectra.occupiedB).map { 0.5 * ($0 + $1) }
        self.gap = gap
        frequencies = omegas
        spectralFunction = spectral
        occupiedDensity = occupied
        densityA = spectra.occupiedA.reduce(0, +) * dw
        densityB = spectra.occupiedB.reduce(0, +) * dw
        meanField = 0.5 * interaction * (densityA - densityB)
        currentDensity = spectra.current
        jouleHeating = currentDensity * field
        let z = grid.zeroIndex
        excitationCount = (occupied[(z + 1)...].reduce(0, +) + 0.5 * occupied[z]) * dw
        var leak = 0.0, heat = 0.0
        for j in omegas.indices {
            let f0 = SteadyState.fermi(omegas[j], bathTemperature)
            let excess = occupied[j] - spectral[j] * f0
            leak += excess
            heat += omegas[j] * excess
        }
        particleLeak = 2 * damping * leak * dw
        bathHeating = 2 * 2 * damping * heat * dw
        let f = SteadyState.distribution(spectral, occupied, omegas)
        effectiveTemperature = SteadyState.sommerfeldTemperature(omegas, f, dw)
    }

    static func fermi(_ w: Double, _ temperature: Double) -> Double {
        if temperature <= 0 { return w < 0 ? 1 : (w > 0 ? 0 : 0.5) }
        return 1 / (1 + exp(w / temperature))
    }

    /// T_eff = √((6/π²) ∫ ω [f − θ(−ω)] dω) (0 if the moment is not positive).
    static func sommerfeldTemperature(_ omegas: [Double], _ f: [Double], _ dw: Double) -> Double {
        var moment = 0.0
        for j in omegas.indices { moment += omegas[j] * (f[j] - fermi(omegas[j], 0)) }
        moment *= dw
        return moment > 0 ? (6 * moment).squareRoot() / Double.pi : 0
    }
}
