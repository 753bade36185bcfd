import Materials
import struct Kernels.AndersonAccelerator

/// How the steady solver couples the phase map to the fields.
public enum PhaseCoupling: String, Sendable, Equatable, CaseIterable {
    /// Fields settle at a fixed phase map, then cells beyond their thresholds move (the
    /// original scheme; per-cell gains halve on overshoot).
    case alternating
    /// One fixed-point map on (T, φ) together: every Picard step also moves each cell's metal
    /// fraction by g·v (v its threshold violation in K), and Anderson mixing acts on both, so
    /// its secant model learns how φ and T act on each other instead of being reset at every
    /// phase change. The fixed point is the same (T = T_IMT or T_MIT in partial cells).
    case joint
    /// Newton's method on (Φ, T, φ) with an active set for the phase memory (see
    /// `SteadyStateSolver.solveNewton`): quadratic-like convergence where the Picard-type
    /// couplings crawl or cycle (strong Joule feedback in a growing metal channel).
    case newton
    /// Pseudo-transient continuation on (Φ, V_e, T, φ) with the threshold smoothed over
    /// `transitionWidth` (see `SteadyStateSolver.solveContinuation`): follows the heating
    /// dynamics in pseudo-time through the unstable branches where the others stall.
    case continuation
}

extension SteadyStateSolver {
    /// The joint (T, φ) fixed-point iteration (see `PhaseCoupling.joint`). Converged when
    /// max |ΔT| ≤ fieldTolerance × max T and no cell is more than `phaseTolerance` beyond its
    /// threshold.
    func solveJoint(from initial: ElectrothermalState?) throws -> SteadySolution {
        var state = initial ?? ElectrothermalState(problem: model.problem)
        var record = IterationRecord(cellCount: model.grid.cellCount)
        var anderson = AndersonAccelerator(depth: settings.andersonDepth)
        let n = model.grid.cellCount
        let scale = 1 / settings.phaseGain   // φ in kelvin, so both residuals are in K
        var damping = 1.0
        var change = Double.infinity
        for iteration in 1...settings.maxFieldIterations {
            let next = try picardStep(state)
            let (movedFraction, violation) = try phaseStep(state)
            change = zip(next.temperature, state.temperature).reduce(0) { max($0, abs($1.0 - $1.1)) }
            record.lastViolation = violation
            record.fieldIterations = iteration
            record.lastFieldChange = change
            if change <= finalTolerance(state) && violation <= settings.phaseTolerance {
                state.potential = next.potential
                state.electrodePotential = next.electrodePotential
                state.temperature = next.temperature
                try checkFinalTableRanges(state)
                progress?("  converged (joint): \(iteration) iterations, max |ΔT| \(String(format: "%.3e", change)) K, largest threshold violation \(String(format: "%.3e", violation)) K; \(linearAlgebraSummary)")
                return try finish(state, record: record)
            }
            damping = next.temperature.contains(where: { !($0 > 0) }) ? max(damping / 2, 1.0 / 64) : min(1, damping * 1.25)
            let x = state.temperature + state.metalFraction.map { $0 * scale }
            let gx = next.temperature + movedFraction.map { $0 * scale }
            var mixed = anderson.next(x: x, gx: gx, damping: damping)
            if mixed[0..<n].contains(where: { !($0 > 0) }) {
                anderson.reset()
                mixed = x
                for i in 0..<mixed.count { mixed[i] += 0.25 * damping * (gx[i] - x[i]) }
            }
            state.temperature = Array(mixed[0..<n])
            state.metalFraction = (0..<n).map { c in model.film[c] ? min(1, max(0, mixed[n + c] / scale)) : 0 }
            state.potential = next.potential
            state.electrodePotential = next.electrodePotential
            lastState = state
            try checkTemperatures(state.temperature)
            if iteration % 10 == 0 {
                progress?("  joint iteration \(iteration): max |ΔT| \(String(format: "%.3e", change)) K, largest threshold violation \(String(format: "%.3e", violation)) K")
            }
        }
        throw SolverError.notConverged(stage: "joint electrothermal iteration", iterations: settings.maxFieldIterations,
                                       residual: change, tolerance: finalTolerance(state),
                                       detail: "max |ΔT| per step in K; largest threshold violation \(String(format: "%.3e", record.lastViolation)) K")
    }

    /// φ + g·v per cell, clamped to [0, 1] (unchanged for frozen phases), and the largest |v|.
    func phaseStep(_ state: ElectrothermalState) throws -> (fraction: [Double], largestViolation: Double) {
        let teff = model.effectiveTemperatures(of: state)
        var fraction = state.metalFraction
        var largest = 0.0
        for c in 0..<fraction.count where model.film[c] {
            let v = model.switchingMaterial(of: c).switchingDrive(metalFraction: fraction[c], insulatorTemperature: teff.insulator[c],
                                            metalTemperature: teff.metal[c])
            largest = max(largest, abs(v))
            if !settings.frozenPhases { fraction[c] = min(1, max(0, fraction[c] + settings.phaseGain * v)) }
        }
        return (fraction, largest)
    }
}
