import Foundation

/// Produces an `EffectiveTemperatureTable` from the driven Hartree–Fock lattice: for every
/// (E, T_bath) node it finds all solutions of Δ = F(Δ) and records T_eff (first moment of the
/// local distribution, HF text before Fig. 4) of the insulating phase (the AFI branch followed
/// from E = 0 by continuity; null beyond its fold) and of the metallic phase (Δ = 0, always a solution; `stable` tells whether
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
        precondition(zip(fields, fields.dropFirst()).allSatisfy { $0 < $1 } && (fields.first ?? 0) >= 0,
                     "fields must be increasing and ≥ 0")
        self.lattice = lattice
        self.fields = fields
        self.temperatures = temperatures
        self.mapping = mapping
        self.scanPoints = scanPoints
    }

    /// One node: (T_eff, Δ, stable) for insulator and metal, in model units.
    typealias Node = (insulator: (Double, Double, Bool)?, metal: (Double, Double, Bool))

    /// One bath temperature: all fields in increasing order. At E = 0 the equilibrium answer; for
    /// E > 0 the insulator is the AFI followed by continuity from the E = 0 gap
    /// (`FieldSweep.insulatingBranch`), so a weakly ordered Wannier–Stark metal is never
    /// mistaken for it and the branch does not re-enter after its fold.
    func column(temperature: Double) -> [Node] {
        let gap0 = EquilibriumMeanField(interaction: lattice.interaction).gap(temperature: temperature)
        var l = lattice
        l.bathTemperature = temperature
        let fieldsInField = fields.filter { $0 > 0 }
        let points = FieldSweep(lattice: l, scanPoints: scanPoints).sweep(fields: fieldsInField)
        let branch = gap0 > 0 ? FieldSweep.insulatingBranch(points, startingGap: gap0)
                              : [MeanFieldSolution?](repeating: nil, count: points.count)
        var nodes: [Node] = fields.contains(0) ? [(gap0 > 0 ? (temperature, gap0, true) : nil, (temperature, 0, gap0 == 0))] : []
        for (p, ins) in zip(points, branch) {
            l.field = p.field
            let metal = (l.steadyState(gap: 0).effectiveTemperature, 0.0, p.metal?.stability == .stable)
            let insulator = ins.map { (l.steadyState(gap: $0.gap).effectiveTemperature, $0.gap, true) }
            nodes.append((insulator, metal))
        }
        return nodes
    }

    /// Computes every node and assembles the table (SI units on the axes and values).
    public func build(programVersion: String) -> EffectiveTemperatureTable {
        let tUnit = mapping.temperatureUnitK
        var ins = EffectiveTemperatureTable.Phase(effectiveTemperatureK: [], orderParameter: [], stable: [])
        var met = ins
        let columns = temperatures.map { column(temperature: $0) }
        for i in fields.indices {
            let row = columns.map { $0[i] }
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
            "phases": "insulator = AFI branch followed from E=0 by continuity (null beyond its fold); metal = Delta=0",
        ]
        return EffectiveTemperatureTable(
            model: "hartree-fock antiferromagnetic half-filled Hubbard, square lattice, bath Gamma (HF paper 003)",
            programVersion: programVersion, parameters: parameters, unitMapping: mapping,
            axes: .init(fieldVPerM: fields.map { $0 * mapping.fieldUnitVPerM },
                        bathTemperatureK: temperatures.map { $0 * tUnit }),
            phases: ["insulator": ins, "metal": met])
    }
}
