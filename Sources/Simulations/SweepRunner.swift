import Foundation
import Discretization
import Solvers

/// Runs a `SweepPlan` on a problem: a sequence of steady solves, each seeded by the previous
/// converged state (fields and per-cell metal fraction φ, the phase memory), so that the
/// sweep stays on the branch it is on until that branch ends (hysteresis, PH Fig. 1b;
/// HF Fig. 3 and SI Fig. S1).
///
/// Step control: a solve that throws is logged with its error (which carries the residual)
/// and retried from the same state with half the increment; a step whose result jumps is
/// retried with half the increment up to `plan.eventBisections` times; a jump that survives
/// is a switching event. Nothing that did not converge is ever recorded.
/// Metal fractions at or below this count as "no metal" for onset / vanish events.
let noMetal = 1e-9

public struct SweepRunner: Sendable {
    public var plan: SweepPlan
    public var progress: ProgressReporter
    /// Wall-clock seconds after which the sweep stops (`SweepError.stepFailed` with the points
    /// reached); nil = no limit.
    public var wallClockBudget: Double?

    public init(plan: SweepPlan, progress: ProgressReporter = ProgressReporter(quiet: true)) {
        self.plan = plan
        self.progress = progress
    }

    /// The problem with the driven electrode set to the plan's drive kind at `plan.start`.
    public func prepared(_ problem: ElectrothermalProblem) throws -> ElectrothermalProblem {
        try plan.validate(electrodeCount: problem.electrodes.count)
        var p = problem
        p.electrodes[plan.drivenElectrode].drive = plan.drive(at: plan.start)
        guard referenceElectrode(p) != nil else {
            throw SweepError.invalidPlan("no other electrode holds a potential to measure V_s against")
        }
        return p
    }

    func referenceElectrode(_ problem: ElectrothermalProblem) -> Int? {
        problem.electrodes.indices.first { $0 != plan.drivenElectrode && problem.electrodes[$0].drive.holdsPotential }
    }

    /// Runs the sweep. `onPoint` receives each recorded point (its index in `rows`, from 0 for
    /// the starting point) with its state, as it is reached.
    public func run(problem: ElectrothermalProblem, from initial: ElectrothermalState? = nil,
                    onPoint: (Int, SteadySolution) throws -> Void = { _, _ in }) throws -> SweepResult {
        let started = Date()
        let cpuStart = processorSeconds()
        let p = try prepared(problem)
        let reference = referenceElectrode(p)!
        let solver = try SteadyStateSolver(problem: p)
        var result = SweepResult(plan: plan)
        var drives = p.electrodes.map(\.drive)

        func solve(at u: Double, from state: ElectrothermalState?) throws -> SteadySolution {
            drives[plan.drivenElectrode] = plan.drive(at: u)
            try solver.setDrives(drives)
            result.solveCount += 1
            return try solver.solve(from: state)
        }
        func row(_ s: SteadySolution, drive u: Double, branch: SweepBranch, inserted: Bool) -> SweepRow {
            let i = s.electrodeCurrents[plan.drivenElectrode]
            let vs = s.state.electrodePotential[plan.drivenElectrode] - s.state.electrodePotential[reference]
            return SweepRow(branch: branch, drive: u, current: i, sampleVoltage: vs, sourceVoltage: vs + plan.loadResistance * i,
                            metalFraction: s.metalFraction, maximumTemperature: s.maximumTemperature,
                            fieldIterations: s.fieldIterations, energyBalanceError: abs(u) <= plan.zeroDrive ? 0 : s.energyBalanceRelativeError,
                            inserted: inserted, event: nil, eventDirection: nil)
        }

        var first: SteadySolution
        do {
            first = try solve(at: plan.start, from: initial)
        } catch {
            progress.report("sweep start \(plan.start) \(plan.unit) failed directly (\(error)); ramping up to it")
            try solver.setDrives(drives)
            first = try DriveRamp(steps: 16, progress: progress).solve(solver, from: initial)
        }
        var state = first.state
        var last = row(first, drive: plan.start, branch: .up, inserted: false)
        result.rows.append(last)
        try onPoint(0, first)
        var u = plan.start
        let span = abs(plan.peak - plan.start) + abs(plan.peak - plan.end)
        progress.begin("sweep: \(plan.quantity.rawValue) \(plan.start) → \(plan.peak) → \(plan.end) \(plan.unit), \(plan.steps) steps per branch")

        for branch in [SweepBranch.up, .down] {
            for target in plan.targets(branch) {
                let nominal = target - u
                var increment = nominal
                var previousJump: Double?
                while u != target {
                    if let budget = wallClockBudget, Date().timeIntervalSince(started) > budget {
                        result.finalState = state
                        result.wallSeconds = Date().timeIntervalSince(started)
                        result.cpuSeconds = processorSeconds() - cpuStart
                        throw SweepError.stepFailed(drive: u, lastError: "the wall-clock budget of \(budget) s ran out", completed: result)
                    }
                    if Interruption.requested {
                        result.finalState = state
                        result.wallSeconds = Date().timeIntervalSince(started)
                        result.cpuSeconds = processorSeconds() - cpuStart
                        throw SweepError.stepFailed(drive: u, lastError: "interrupted by a signal (Ctrl-C)", completed: result)
                    }
                    let remaining = target - u
                    let isLast = abs(remaining) <= abs(increment) + 1e-9 * abs(nominal)
                    let next = isLast ? target : u + increment
                    let solution: SteadySolution
                    do {
                        solution = try solve(at: next, from: state)
                    } catch {
                        result.failures.append(SweepStepFailure(drive: next, message: "\(error)"))
                        increment = (next - u) / 2
                        progress.detail("  step to \(next) \(plan.unit) failed: \(error) — retrying with increment \(increment) \(plan.unit)")
                        guard abs(increment) >= abs(nominal) * plan.minimumStepFraction else {
                            result.finalState = state
                            result.wallSeconds = Date().timeIntervalSince(started)
                            result.cpuSeconds = processorSeconds() - cpuStart
                            throw SweepError.stepFailed(drive: next, lastError: "\(error)", completed: result)
                        }
                        continue
                    }
                    var candidate = row(solution, drive: next, branch: branch, inserted: !isLast)
                    let size = jumpSize(from: last, to: candidate)
                    let step = next - u
                    var jumped = false
                    let aboveSmallest = abs(step) > abs(nominal) * pow(0.5, Double(plan.eventBisections)) * (1 + 1e-9)
                    let cellChange = zip(solution.state.metalFraction, state.metalFraction).reduce(0) { max($0, abs($1.0 - $1.1)) }
                    if aboveSmallest && cellChange > plan.maximumCellMetalFractionChange {
                        increment = step / 2  // keep the path quasi-static: the interface crosses a cell in several steps
                        continue
                    }
                    if aboveSmallest && (last.metalFraction <= noMetal) != (candidate.metalFraction <= noMetal) {
                        increment = step / 2  // locate onset / vanishing of metal to the smallest step
                        continue
                    }
                    if size > 1 {
                        if aboveSmallest {
                            previousJump = size
                            increment = step / 2
                            continue
                        }
                        // at the smallest step: a discontinuity does not shrink when the step is
                        // halved; a steep continuous change (e.g. the √ onset cusp of PH Eq. 11) does
                        jumped = previousJump.map { size / $0 > plan.events.persistence } ?? true
                    }
                    previousJump = nil
                    if let (kind, direction) = classify(from: last, to: candidate, jumped: jumped) {
                        candidate.event = kind
                        candidate.eventDirection = direction
                        let event = SweepEvent(kind: kind, direction: direction, branch: branch, before: last, after: candidate)
                        result.events.append(event)
                        progress.report("  event: " + SweepResult(plan: plan).withEvent(event).eventSummary[0])
                    }
                    result.rows.append(candidate)
                    try onPoint(result.rows.count - 1, solution)
                    let travelled = branch == .up ? abs(next - plan.start) : abs(plan.peak - plan.start) + abs(plan.peak - next)
                    progress.step(travelled, of: span, String(format: "%@ %@ = %.4g %@: I = %.4g A, V_s = %.4g V, metal %.4f, T max %.2f K",
                                                              branch.rawValue, plan.quantity.rawValue, next, plan.unit, candidate.current,
                                                              candidate.sampleVoltage, candidate.metalFraction, candidate.maximumTemperature))
                    progress.detail("  V_t = \(candidate.sourceVoltage) V, \(candidate.fieldIterations) field iterations")
                    last = candidate
                    state = solution.state
                    u = next
                    increment = abs(2 * increment) < abs(nominal) ? 2 * increment : nominal
                }
            }
        }
        result.finalState = state
        result.wallSeconds = Date().timeIntervalSince(started)
        result.cpuSeconds = processorSeconds() - cpuStart
        return result
    }

    /// The change between two points in units of the plan's criteria (> 1: a candidate jump):
    /// the larger of |Δ metal fraction| / criterion and |Δ(V_s/I)| / (V_s/I) / criterion
    /// (the chord resistance, undefined at I = 0 or V_s = 0).
    func jumpSize(from a: SweepRow, to b: SweepRow) -> Double {
        var size = abs(b.metalFraction - a.metalFraction) / plan.events.metalFraction
        if abs(a.drive) > plan.zeroDrive, abs(b.drive) > plan.zeroDrive, a.current != 0, b.current != 0, a.sampleVoltage != 0, b.sampleVoltage != 0 {
            let ra = a.resistance, rb = b.resistance
            size = max(size, abs(rb - ra) / max(abs(ra), abs(rb)) / plan.events.relativeResponse)
        }
        return size
    }

    func classify(from a: SweepRow, to b: SweepRow, jumped: Bool) -> (SweepEvent.Kind, SweepEvent.Direction)? {
        let towardMetal: Bool
        if abs(b.metalFraction - a.metalFraction) > noMetal {
            towardMetal = b.metalFraction > a.metalFraction
        } else {
            towardMetal = abs(b.current / b.sampleVoltage) > abs(a.current / a.sampleVoltage)
        }
        let direction: SweepEvent.Direction = towardMetal ? .insulatorToMetal : .metalToInsulator
        if jumped { return (.jump, direction) }
        if a.metalFraction <= noMetal && b.metalFraction > noMetal { return (.onset, .insulatorToMetal) }
        if a.metalFraction > noMetal && b.metalFraction <= noMetal { return (.vanish, .metalToInsulator) }
        return nil
    }
}

extension SweepResult {
    func withEvent(_ e: SweepEvent) -> SweepResult {
        var r = self
        r.events = [e]
        return r
    }
}

/// CPU time of this process (s): wall time misleads on a shared machine.
func processorSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }
