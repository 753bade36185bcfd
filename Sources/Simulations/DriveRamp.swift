import Discretization
import Solvers

extension ElectrodeDrive {
    /// The drive scaled by `factor` (a load resistance is not scaled).
    public func scaled(by factor: Double) -> ElectrodeDrive {
        switch self {
        case let .potential(v): return .potential(v * factor)
        case let .current(i): return .current(i * factor)
        case let .source(v, r): return .source(voltage: v * factor, loadResistance: r)
        }
    }
}

/// Quasi-static ramp of every drive from zero to its full value.
///
/// Hysteresis makes a steady state depend on the path; a ramp follows the physical one
/// (the film heats up gradually, metal nucleates where T first exceeds T_IMT). Each step
/// starts from the previous state; a step that fails is retried with half the increment,
/// down to 1/64 of the nominal step, before the error is passed on.
public struct DriveRamp: Sendable {
    public var steps: Int
    public var progress: ProgressReporter

    public init(steps: Int, progress: ProgressReporter = ProgressReporter(quiet: true)) {
        self.steps = max(1, steps)
        self.progress = progress
    }

    /// Ramps and returns the state at the full drive. `onStep` sees the state at each drive
    /// fraction reached, starting with fraction 0 (the initial state at zero drive).
    public func solve(_ solver: SteadyStateSolver, from initial: ElectrothermalState? = nil,
                      onStep: (Double, SteadySolution) throws -> Void = { _, _ in }) throws -> SteadySolution {
        let target = solver.electrodes.map(\.drive)
        var state = initial
        var reached = 0.0
        var increment = 1.0 / Double(steps)
        var solution: SteadySolution?
        try solver.setDrives(target.map { $0.scaled(by: 0) })
        let start = initial ?? ElectrothermalState(problem: solver.model.problem)
        try onStep(0, SteadySolution(model: solver.model, state: start, fieldIterations: 0, phaseIterations: 0,
                                     maxThresholdViolation: 0, lastFieldChange: 0, electrodes: solver.electrodes))
        progress.begin("ramp: \(steps) step(s) from zero to the full drive")
        while reached < 1 - 1e-12 {
            let next = min(1, reached + increment)
            try solver.setDrives(target.map { $0.scaled(by: next) })
            let s: SteadySolution
            do {
                s = try solver.solve(from: state)
            } catch SolverError.noSteadyState(let detail) where detail.hasPrefix("thermal runaway") {
                // A runaway does not go away with a smaller ramp step.
                try? solver.setDrives(target)
                throw SolverError.noSteadyState("\(detail) (at \(String(format: "%.4g", 100 * next)) % of the drive)")
            } catch {
                increment /= 2
                progress.report("ramp step to \(100 * next) % failed (\(error)); retrying with a step of \(100 * increment) %")
                guard increment >= 1.0 / Double(64 * steps) else {
                    try? solver.setDrives(target)
                    throw error
                }
                continue
            }
            progress.step(next, of: 1, String(format: "ramp to %.1f %% of the drive: I = %.4g A, V = %.4g V, metal fraction %.4f, T max %.2f K",
                                              100 * next, s.current, s.voltage, s.metalFraction, s.maximumTemperature))
            progress.detail("  \(s.fieldIterations) field iterations, \(s.phaseIterations) phase updates")
            state = s.state
            solution = s
            reached = next
            increment = min(1.0 / Double(steps), 2 * increment)
            try onStep(next, s)
        }
        return solution!
    }
}
