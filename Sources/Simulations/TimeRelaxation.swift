import Foundation
import Solvers

/// A steady state reached the physical way: switch the drive on and integrate in time
/// (`TransientSolver`, backward Euler) with growing steps until nothing changes, then polish
/// with one steady solve from there.
///
/// For the cases where the quasi-static ramp stalls (a fold: the pocket of metal that the ramp
/// follows stops existing, and the alternating phase iteration creeps without end). The time
/// step grows by 2 whenever a step changed T by less than `targetTemperatureChange` and shrinks
/// by 4 when a step fails; the path is a current step at t = 0, not a ramp, which with
/// hysteresis can select a different state — callers must say which path they used.
public struct TimeRelaxation: Sendable {
    public var settings = TransientSettings()
    /// Give up after this many accepted steps.
    public var maxSteps = 400
    /// Stop integrating once a step of at least `steadyStep` seconds changes T by less than
    /// `steadyChange` kelvin.
    public var steadyStep = 10.0
    public var steadyChange = 1e-3
    /// Finish with a steady solve from the relaxed state (off: return the last time step).
    public var polish = true
    public var progress: ProgressReporter

    public init(progress: ProgressReporter) {
        self.progress = progress
        settings.initialStep = 1e-5
        settings.maximumStep = 1e4
    }

    /// Integrates `problem` from `initial` (default: its uniform start) and returns the steady state.
    public func solve(_ problem: ElectrothermalProblem, from initial: ElectrothermalState? = nil) throws -> SteadySolution {
        let transient = try TransientSolver(problem: problem, settings: settings)
        var state = initial ?? ElectrothermalState(problem: problem)
        var dt = settings.initialStep
        var time = 0.0
        var last: SteadySolution?
        for n in 1...maxSteps {
            let step: TransientSolver.Step
            do {
                step = try transient.step(from: state, previous: nil, dt: dt, previousStep: nil)
            } catch {
                dt /= 4
                guard dt >= settings.minimumStep else { throw error }
                continue
            }
            let change = zip(step.state.temperature, state.temperature).reduce(0) { max($0, abs($1.0 - $1.1)) }
            state = step.state
            last = step.solution
            time += dt
            progress.report(String(format: "  time relaxation step %d: t = %.4g s, Δt = %.3g s, max |ΔT| %.3e K, metal fraction %.4f",
                                   n, time, dt, change, step.solution.metalFraction))
            if dt >= steadyStep && change < steadyChange { break }
            if change < settings.targetTemperatureChange { dt = min(settings.maximumStep, 2 * dt) }
            if n == maxSteps {
                throw SolverError.notConverged(stage: "time relaxation", iterations: maxSteps, residual: change, tolerance: steadyChange,
                                               detail: "max |ΔT| per step in K at t = \(time) s")
            }
        }
        guard polish else { return last! }
        let steady = try SteadyStateSolver(problem: problem)
        return try steady.solve(from: state)
    }
}
