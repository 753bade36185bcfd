import Foundation
import Kernels
import Materials

/// The field-driven switching channel backed by a Hartree–Fock T_eff(|E|, T_bath) table
/// (HF Eqs. 1–3 and SI §IV: first-moment effective temperature; format in docs/kernels-hf.md).
/// Each phase of a cell looks up its own table at the cell's |E| and lattice temperature.
public struct TableEffectiveTemperature: EffectiveTemperatureModel {
    /// The table as read (its provenance is recorded).
    public let table: EffectiveTemperatureTable
    /// The table used for lookups: a node where the phase has no steady state (null) holds
    /// T_eff = T_bath (the channel adds nothing there), so T_eff is continuous in (|E|, T) —
    /// a jump where a cell's T crosses a node column would leave the field iteration without a
    /// fixed point.
    let lookup: EffectiveTemperatureTable
    public let name: String

    public init(url: URL) throws {
        table = try EffectiveTemperatureTable(contentsOf: url)
        try table.validate()
        for phase in ["insulator", "metal"] where table.phases[phase] == nil {
            throw EffectiveTemperatureTableError.unknownPhase(phase, available: Array(table.phases.keys))
        }
        name = "\(table.model) (\(url.lastPathComponent))"
        var filled = table
        let bathAxis = table.axes.bathTemperatureK
        for (key, phase) in table.phases {
            var p = phase
            p.effectiveTemperatureK = phase.effectiveTemperatureK.map { row in
                zip(row, bathAxis).map { value, bath in value ?? bath }
            }
            filled.phases[key] = p
        }
        lookup = filled
    }

    public var fieldRange: ClosedRange<Double> { table.axes.fieldVPerM.first! ... table.axes.fieldVPerM.last! }
    public var bathTemperatureRange: ClosedRange<Double> { table.axes.bathTemperatureK.first! ... table.axes.bathTemperatureK.last! }

    /// Bilinear in (|E|, T) over the filled table (`lookup`): where the phase has no steady
    /// state at a node, that node contributes T_eff = T_bath. Fields or temperatures outside
    /// the table's axes are errors.
    public func effectiveTemperature(phase: Phase, field: Double, temperature: Double) throws -> Double {
        try lookup.effectiveTemperature(phase: phase == .metal ? "metal" : "insulator", field: field, bathTemperature: temperature)
    }
}
