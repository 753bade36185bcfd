import Foundation
import Kernels
import Materials

/// The field-driven switching channel backed by a Hartree–Fock T_eff(|E|, T_bath) table
/// (HF Eqs. 1–3 and SI §IV: first-moment effective temperature; format in docs/kernels-hf.md).
/// A cell looks up the table of its majority phase at its local |E| and lattice temperature.
public struct TableEffectiveTemperature: EffectiveTemperatureModel {
    public let table: EffectiveTemperatureTable
    public let name: String

    public init(url: URL) throws {
        table = try EffectiveTemperatureTable(contentsOf: url)
        try table.validate()
        for phase in ["insulator", "metal"] where table.phases[phase] == nil {
            throw EffectiveTemperatureTableError.unknownPhase(phase, available: Array(table.phases.keys))
        }
        name = "\(table.model) (\(url.lastPathComponent))"
    }

    public var fieldRange: ClosedRange<Double> { table.axes.fieldVPerM.first! ... table.axes.fieldVPerM.last! }
    public var bathTemperatureRange: ClosedRange<Double> { table.axes.bathTemperatureK.first! ... table.axes.bathTemperatureK.last! }

    /// Where a surrounding table node has no steady state of the cell's phase (e.g. no
    /// antiferromagnetic insulator at the node above T_N) the channel adds nothing and the
    /// lattice temperature is returned: the device's own T_IMT/T_MIT then decide, as without
    /// the channel. Fields or temperatures outside the table's axes are errors.
    public func effectiveTemperature(phase: Phase, field: Double, temperature: Double) throws -> Double {
        do {
            return try table.effectiveTemperature(phase: phase == .metal ? "metal" : "insulator", field: field, bathTemperature: temperature)
        } catch EffectiveTemperatureTableError.phaseAbsent {
            return temperature
        }
    }
}
