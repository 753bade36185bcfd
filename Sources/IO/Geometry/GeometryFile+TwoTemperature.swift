import Discretization

extension Reader {
    /// `[two_temperature]`: the electron–lattice model of PH Eqs. 5–6 (docs/geometry-format.md).
    /// Both keys are required; the coupling must be > 0 and the electron share of κ in (0, 1).
    func readTwoTemperature() throws -> TwoTemperatureModel? {
        guard let t = try root.table("two_temperature") else { return nil }
        let coupling = try t.quantity("electron_lattice_coupling", .volumetricHeatExchange,
                                      range: 0...1e30, exclusiveLower: true)
        guard t.has("electron_conductivity_fraction") else {
            throw t.error("electron_conductivity_fraction", "missing; [two_temperature] needs the split of κ between the carriers: electron_conductivity_fraction = f with κ_e = f κ, κ_l = (1 − f) κ, allowed 0 < f < 1")
        }
        let fraction = try t.quantity("electron_conductivity_fraction", .dimensionless, range: 0...1, exclusiveLower: true)
        guard fraction < 1 else {
            throw t.error("electron_conductivity_fraction", "\(fraction) is out of range; allowed > 0 and < 1 (κ_e = f κ, κ_l = (1 − f) κ: both carriers must conduct)")
        }
        try t.finish()
        return TwoTemperatureModel(coupling: coupling, electronFraction: fraction)
    }
}
