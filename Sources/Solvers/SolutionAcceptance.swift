import Foundation
import Mesh

/// The checks a steady result must pass before it is called converged, beyond the iteration's
/// own stopping rule: finite fields, a temperature below the physical ceiling, and the global
/// energy balance P = Q_out (PH Eq. 7 integrated over the film) within tolerance. A result that
/// fails one is not a steady state of the device, whatever the iteration said.
public enum SolutionAcceptance {
    /// Highest temperature (K) a result may reach. No oxide film survives it (the materials
    /// modelled here melt or decompose below 3000 K); above it the model has left its domain.
    public static let temperatureCeiling = 1e4
    /// During the iteration a temperature this far above the ceiling ends the solve at once
    /// (it cannot come back to a physical state; waiting would only burn time).
    public static let runawayTemperature = 100 * temperatureCeiling
    /// Largest accepted |P − Q_out| / max(|P|, |Q_out|). Converged runs reach 1e-8 and below.
    public static let energyBalanceTolerance = 1e-2

    /// Throws `SolverError.noSteadyState` naming what failed.
    public static func check(_ s: SteadySolution) throws {
        let t = s.state.temperature
        if let c = t.indices.first(where: { !t[$0].isFinite }) ?? s.state.potential.indices.first(where: { !s.state.potential[$0].isFinite }) {
            throw SolverError.noSteadyState("the result is not finite (cell \(c) holds \(t[c]) K / \(s.state.potential[c]) V); the linear solves broke down. Check that every material value is physical and that the electrodes and heat sinks are where intended.")
        }
        if let c = t.indices.max(by: { t[$0] < t[$1] }), t[c] > temperatureCeiling {
            throw SolverError.noSteadyState(runaway(t[c], cell: c, grid: s.grid))
        }
        let p = s.electricalPower, q = s.heatOut
        let error = abs(p - q) / max(abs(p), abs(q), energyFloor(s.model))
        guard error <= energyBalanceTolerance else {
            if let diagnosis = s.model.conductivitySpanDiagnosis(s.model.coefficients(of: s.state).0,
                                                                 outcome: String(format: "the energy balance fails (relative error %.2g)", error)) {
                throw SolverError.invalidProblem(diagnosis)
            }
            throw SolverError.noSteadyState(String(format: "the energy balance fails: electrical power %.4g W against %.4g W of heat leaving, relative error %.2g > %.0e. The fields did not settle; tighten [solver] field_tolerance or ramp the drive.",
                                                   p, q, error, energyBalanceTolerance))
        }
    }

    /// Heat flow (W) below which P and Q_out both count as zero: 1e-9 of the flow that 1 K
    /// across the film's largest dimension drives through its conductivity.
    static func energyFloor(_ model: DiscreteModel) -> Double {
        let g = model.grid
        let t0 = model.problem.initialTemperature
        let kappa = model.problem.material.insulator.thermalConductivity(at: t0)
        return 1e-9 * max(kappa, 1e-30) * max(g.x.length, g.y.length, g.z.length) * max(t0, 1)
    }

    /// "no steady state: thermal runaway …" with the cell's position.
    static func runaway(_ temperature: Double, cell: Int, grid: RectilinearGrid) -> String {
        String(format: "thermal runaway: T reached %.3g K in cell %d, above the %.0f K ceiling where the film would melt. The drive heats the device faster than its heat sinks remove heat; lower the drive, add a load resistor, or improve the heat sinking.",
               temperature, cell, temperatureCeiling)
    }
}
