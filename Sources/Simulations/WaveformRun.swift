import Foundation
import Discretization
import Solvers

/// A transient run: the driven electrode follows a `Waveform` (current, or V_t through a load
/// resistor R; R = 0 holds the contact potential), integrated by `TransientSolver` with step
/// control. A step is rejected and retried with a smaller Δt when the nonlinear iteration fails
/// or when some cell changes by more than `maximumTemperatureChange`; the next Δt aims at
/// `targetTemperatureChange` (growth ≤ 2×). Steps land on the waveform's breakpoints. The drive
/// of a step is the waveform at its end time (backward Euler / BDF2 are evaluated there).
public struct WaveformRun: Sendable {
    public var quantity: SweepQuantity
    public var loadResistance: Double
    public var drivenElectrode: Int
    public var waveform: Waveform
    public var endTime: Double
    public var settings: TransientSettings
    /// Hand a snapshot to `run`'s `onSnapshot` at t = 0, every this many accepted steps and
    /// at the end; 0 = none.
    public var snapshotEvery: Int
    public var progress: ProgressReporter

    public init(quantity: SweepQuantity = .current, loadResistance: Double = 0, drivenElectrode: Int = 1, waveform: Waveform,
                endTime: Double, settings: TransientSettings = TransientSettings(), snapshotEvery: Int = 0,
                progress: ProgressReporter = ProgressReporter(quiet: true)) {
        self.quantity = quantity
        self.loadResistance = loadResistance
        self.drivenElectrode = drivenElectrode
        self.waveform = waveform
        self.endTime = endTime
        self.settings = settings
        self.snapshotEvery = snapshotEvery
        self.progress = progress
    }

    public struct Row: Sendable {
        public var time, step, drive, current, sampleVoltage, sourceVoltage, metalFraction, maximumTemperature: Double
        /// Cumulative stored heat ΣΔU, heat out ΣΔt Q_out and electrical work ΣΔt P (J).
        public var storedHeat, heatOut, work: Double
        public var iterations: Int
    }

    public struct Result: Sendable {
        public var rows: [Row] = []
        public var snapshotCount = 0
        public var rejected: [(time: Double, step: Double, reason: String)] = []
        public var finalState: ElectrothermalState?
        public var wallSeconds = 0.0

        /// |ΣΔU + ΣQ_out Δt − ΣP Δt| / |ΣP Δt| over the run.
        public var energyBalanceError: Double {
            guard let r = rows.last, r.work != 0 else { return 0 }
            return abs(r.storedHeat + r.heatOut - r.work) / abs(r.work)
        }

        public var csv: String {
            var s = "time_s,dt_s,drive,current_A,sample_voltage_V,source_voltage_V,metal_fraction,T_max_K,stored_heat_J,heat_out_J,electrical_work_J,iterations\n"
            for r in rows {
                s += "\(r.time),\(r.step),\(r.drive),\(r.current),\(r.sampleVoltage),\(r.sourceVoltage),\(r.metalFraction),"
                s += "\(r.maximumTemperature),\(r.storedHeat),\(r.heatOut),\(r.work),\(r.iterations)\n"
            }
            return s
        }
    }

    /// A run that stopped before `endTime`: why, and every step it completed.
    public struct Stopped: Error, CustomStringConvertible {
        public var reason: String
        public var partial: Result
        public var description: String { reason }
    }

    func drive(_ u: Double) -> ElectrodeDrive {
        SweepPlan(quantity: quantity, peak: 1, steps: 1, loadResistance: loadResistance).drive(at: u)
    }

    /// Integrates to `endTime`. `onSnapshot` receives (t, state with its fluxes) at t = 0 and
    /// then as `snapshotEvery` says, when it is written (a long run keeps none in memory).
    public func run(problem: ElectrothermalProblem, from initial: ElectrothermalState? = nil,
                    onSnapshot: (Double, SteadySolution) throws -> Void = { _, _ in }) throws -> Result {
        let started = Date()
        var p = problem
        p.electrodes[drivenElectrode].drive = drive(waveform.value(at: 0))
        let solver = try TransientSolver(problem: p, settings: settings)
        let reference = p.electrodes.indices.first { $0 != drivenElectrode && p.electrodes[$0].drive.holdsPotential }!
        var drives = p.electrodes.map(\.drive)
        var result = Result()
        var state = initial ?? ElectrothermalState(problem: p)
        var previous: ElectrothermalState?
        var previousStep: Double?
        var t = 0.0, dt = settings.initialStep
        var stored = 0.0, out = 0.0, work = 0.0
        let breakpoints = waveform.breakpoints.filter { $0 > 0 && $0 < endTime }.sorted()
        var accepted = 0, attempts = 0
        func stop(_ reason: String) -> Stopped {
            result.finalState = state
            result.wallSeconds = Date().timeIntervalSince(started)
            return Stopped(reason: "transient stopped at t = \(t) s after \(accepted) steps: \(reason)", partial: result)
        }
        if snapshotEvery > 0 {
            try onSnapshot(0, SteadySolution(model: solver.model, state: state, fieldIterations: 0, phaseIterations: 0,
                                             maxThresholdViolation: 0, lastFieldChange: 0, electrodes: solver.model.electrodes))
            result.snapshotCount += 1
        }
        progress.begin(String(format: "transient: %@ to t = %g s", settings.scheme.rawValue, endTime))
        while t < endTime * (1 - 1e-12) {
            attempts += 1
            guard attempts <= settings.maximumSteps else {
                throw stop("the limit of \(settings.maximumSteps) time steps was reached; raise it or the step size (--max-step)")
            }
            if let budget = settings.wallClockBudget, Date().timeIntervalSince(started) > budget {
                throw stop("the wall-clock budget of \(budget) s ran out")
            }
            if Interruption.requested { throw stop("interrupted by a signal (Ctrl-C)") }
            var h = min(dt, endTime - t)
            if let b = breakpoints.first(where: { $0 > t * (1 + 1e-12) + 1e-300 }), b < t + h { h = b - t }
            let u = waveform.value(at: t + h)
            drives[drivenElectrode] = drive(u)
            try solver.setDrives(drives)
            let step: TransientSolver.Step
            do {
                step = try solver.step(from: state, previous: previous, dt: h, previousStep: previousStep)
            } catch {
                result.rejected.append((t, h, "\(error)"))
                progress.detail("  step t = \(t) s, Δt = \(h) s rejected: \(error)")
                dt = h / 2
                guard dt >= settings.minimumStep else {
                    throw stop("the step fell below the minimum \(settings.minimumStep) s: \(error)")
                }
                continue
            }
            let change = zip(step.state.temperature, state.temperature).reduce(0) { max($0, abs($1.0 - $1.1)) }
            if change > settings.maximumTemperatureChange && h > settings.minimumStep {
                result.rejected.append((t, h, "max |ΔT| = \(change) K"))
                dt = max(settings.minimumStep, h * max(0.1, 0.9 * settings.targetTemperatureChange / change))
                continue
            }
            if let hottest = step.state.temperature.max(), !(hottest <= SolutionAcceptance.temperatureCeiling) {
                throw stop("no steady state: thermal runaway, T reached \(hottest) K, above the \(SolutionAcceptance.temperatureCeiling) K ceiling where the film would melt; lower the drive")
            }
            stored += step.storedHeat; out += step.heatOut; work += step.work
            previous = state; previousStep = h
            state = step.state
            t += h
            accepted += 1
            let s = step.solution
            let i = s.electrodeCurrents[drivenElectrode]
            let vs = state.electrodePotential[drivenElectrode] - state.electrodePotential[reference]
            result.rows.append(Row(time: t, step: h, drive: u, current: i, sampleVoltage: vs, sourceVoltage: vs + loadResistance * i,
                                   metalFraction: s.metalFraction, maximumTemperature: s.maximumTemperature,
                                   storedHeat: stored, heatOut: out, work: work, iterations: step.iterations))
            if snapshotEvery > 0 && (accepted % snapshotEvery == 0 || t >= endTime * (1 - 1e-12)) {
                try onSnapshot(t, s)
                result.snapshotCount += 1
            }
            progress.step(t, of: endTime, String(format: "t = %.4g s (Δt %.3g s): I = %.4g A, V_s = %.4g V, metal %.4f, T max %.2f K",
                                                 t, h, i, vs, s.metalFraction, s.maximumTemperature))
            progress.detail("  \(step.iterations) iterations")
            dt = min(settings.maximumStep, h * min(2, 0.9 * settings.targetTemperatureChange / max(change, 1e-300)))
        }
        result.finalState = state
        result.wallSeconds = Date().timeIntervalSince(started)
        return result
    }
}
