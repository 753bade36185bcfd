import Foundation

/// Produces an `EffectiveTemperatureTable` from the driven Hartree–Fock lattice: for every
/// (E, T_bath) node it finds all solutions of Δ = F(Δ) and records T_eff (first moment of the
/// local distribution, HF text before Fig. 4) of the insulating phase (largest stable Δ > 0; null
/// when there is none) and of the metallic phase (Δ = 0, always a solution; `stable` tells whether
/// F'(0) < 1). At E = 0 the steady state is equilibrium with the bath, so T_eff = T_bath exactly,
/// and the insulator exists below the Γ → 0 Néel temperature (`EquilibriumMeanField`).
public struct EffectiveTemperatureTableBuilder: Sendable {
    /// Parameters (U, Γ, direction, resolution); field and bath temperature are set per node.
    public var lattice: DrivenHubbardLattice
    /// Field nodes E/(t/ea), strictly increasing, ≥ 0.
    public var fields: [Double]
    /// Bath-temperature nodes T/t, strictly increasing, ≥ 0.
    public var temperatures: [Double]
    public var mapping: EffectiveTemperatureTable.UnitMapping
    public var scanPoints: Int

    public init(lattice: DrivenHubbardLattice, fields: [Double], temperatures: [Double],
                mapping: EffectiveTemperatureTable.UnitMapping, scanPoints: Int = 24) {
        self.lattice = lattice
        self.fields = fields
        self.temperatures = temperatures
        self.mapping = mapping
        self.scanPoints = scanPoints
    }

    /// One node: (T_eff, Δ, stable) for insulator and metal, in model units.
    typealias Node = (insulator: (Double, Double, Bool)?, metal: (Double, Double, Bool))

    func node(field: Double, temperature: Double) -> Node {
        if field == 0 {
            let eq = EquilibriumMeanField(interaction: lattice.interaction)
            let gap = eq.gap(temperature: temperature)
            return (gap > 0 ? (temperature, gap, true) : nil, (temperature, 0, gap == 0))
        }
        var l = lattice
        l.field = field
        l.bathTemperature = temperature
        let solutions = MeanFieldSolver(lattice: l, scanPoints: scanPoints).solutions()
        let point = FieldSweepPoint(field: field, solutions: solutions)
        let metal = point.metal!
        let metalEntry = (l.steadyState(gap: 0).effectiveTemperature, 0.0, metal.stability == .stable)
        guard let ins = point.insulator else { return (nil, metalEntry) }
        return ((l.steadyState(gap: ins.gap).effectiveTemperature, ins.gap, true), metalEntry)
    }

    /// Computes every node and assembles the table (SI units on the axes and values).
    public func build(programVersion: String) -> EffectiveTemperatureTable {
        let tUnit = mapping.temperatureUnitK
        var ins = EffectiveTemperatureTable.Phase(effectiveTemperatureK: [], orderParameter: [], stable: [])
        var met = ins
        for e in fields {
            let row = temperatures.map { node(field: e, temperature: $0) }
            ins.effectiveTemperatureK.append(row.map { $0.insulator.map { $0.0 * tUnit } })
            ins.orderParameter.append(row.map { $0.insulator?.1 })
            ins.stable.append(row.map { $0.insulator?.2 })
            met.effectiveTemperatureK.append(row.map { $0.metal.0 * tUnit })
            met.orderParameter.append(row.map { $0.metal.1 })
            met.stable.append(row.map { $0.metal.2 })
        }
        let r = lattice.resolution
        let parameters = [
            "U_over_t": "\(lattice.interaction)", "gamma_over_t": "\(lattice.damping)",
            "field_direction": lattice.direction.rawValue,
            "field_over_t": fields.map { "\($0)" }.joined(separator: ","),
            "bath_temperature_over_t": temperatures.map { "\($0)" }.joined(separator: ","),
            "resolution": "step/Gamma=\(r.stepPerDamping) transverse_nodes=\(r.transverseNodes) padding=\(r.padding)",
            "phases": "insulator = largest stable Delta>0 (null if none); metal = Delta=0",
        ]
        return EffectiveTemperatureTable(
            model: "hartree-fock antiferromagnetic half-filled Hubbard, square lattice, bath Gamma (HF paper 003)",
            programVersion: programVersion, parameters: parameters, unitMapping: mapping,
            axes: .init(fieldVPerM: fields.map { $0 * mapping.fieldUnitVPerM },
                        bathTemperatureK: temperatures.map { $0 * tUnit }),
            phases: ["insulator": ins, "metal": met])
    }
}
