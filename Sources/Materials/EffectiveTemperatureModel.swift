/// A field-driven channel: the temperature a cell's electrons effectively have when a local
/// field E acts on them at lattice temperature T (first-moment T_eff; DHM Eq. 13).
/// Díaz, Han and Aron (DHM) find that the driven steady state switches where T_eff reaches the
/// equilibrium switching temperature (DHM Eq. 14) and cite the driven resistivity of VO2
/// matching the equilibrium one at the local T_eff. The device takes this collapse as its
/// model: with a channel a cell's σ and S are the material's values at T_eff(|E|, T) and its
/// phase switches when T_eff crosses T_IMT / T_MIT; κ and c stay at the lattice temperature
/// (docs/model.md §6).
public protocol EffectiveTemperatureModel: Sendable {
    /// A short description for summaries (model, table file).
    var name: String { get }
    /// T_eff in K for a cell in `phase` at |E| (V/m) and lattice temperature T (K).
    func effectiveTemperature(phase: Phase, field: Double, temperature: Double) throws -> Double
    /// The fields |E| (V/m) over which the model is defined; a converged run must stay inside.
    var fieldRange: ClosedRange<Double> { get }
    /// The lattice (bath) temperatures (K) over which the model is defined.
    var bathTemperatureRange: ClosedRange<Double> { get }
}

extension EffectiveTemperatureModel {
    public var fieldRange: ClosedRange<Double> { 0 ... Double.greatestFiniteMagnitude }
    public var bathTemperatureRange: ClosedRange<Double> { 0 ... Double.greatestFiniteMagnitude }

    /// T_eff with |E| and T held inside the model's ranges (the iteration may wander outside;
    /// the converged state is checked against the ranges). A model error gives T_eff = T.
    public func heldEffectiveTemperature(phase: Phase, field: Double, temperature: Double) -> Double {
        let e = min(max(abs(field), fieldRange.lowerBound), fieldRange.upperBound)
        let t = min(max(temperature, bathTemperatureRange.lowerBound), bathTemperatureRange.upperBound)
        guard let teff = try? effectiveTemperature(phase: phase, field: e, temperature: t) else { return temperature }
        return teff + (temperature - t)
    }
}
