/// A field-driven switching channel: the temperature a cell's electrons effectively have when
/// a local field E acts on them at lattice temperature T (HF's first-moment T_eff; DHM Eq. 13).
/// The nonequilibrium phase diagram collapses onto the equilibrium one when parametrised by
/// T_eff (DHM Eq. 14), so a cell switches when T_eff(|E|, T) crosses T_IMT / T_MIT.
public protocol EffectiveTemperatureModel: Sendable {
    /// A short description for summaries (model, table file).
    var name: String { get }
    /// T_eff in K for a cell in `phase` at |E| (V/m) and lattice temperature T (K).
    func effectiveTemperature(phase: Phase, field: Double, temperature: Double) throws -> Double
}
