import Foundation
import IO
import Solvers

/// Runs a geometry file at trial values of its free parameters and reports the observables;
/// keeps a log of every run (used by `Calibration`).
///
/// Warm start: a run whose parameters lie within `warmStartRange` (relative) of the best run
/// so far (lowest cost) starts from that run's steady state, solved directly at the full drive;
/// a larger step, a failed warm solve, or `warmStart = false` starts cold as `filament run`
/// does (the file's ramp and grid levels). With hysteresis (T_MIT < T_IMT) a warm-started
/// state follows the fit's path through parameter space.
public final class CalibrationRunner {
    public struct Run: Sendable {
        public var index: Int
        /// "start", "trial" (a step the solver proposes) or "jacobian" (a finite-difference step).
        public var purpose: String
        /// Parameter values in the keys' units.
        public var parameters: [Double]
        /// Observables (SI, in target order); empty when the run failed.
        public var observables: [Double]
        /// Σ ((model − target)/σ)²; nil when the run failed.
        public var cost: Double?
        /// "warm", "cold", "cold after a failed warm start", or "failed: …".
        public var status: String
        public var wallSeconds: Double
    }

    public let document: GeometryDocument
    public let parameters: [FreeParameter]
    public let targets: [CalibrationTarget]
    public let baseDirectory: URL?
    public let cells: [Int]?
    public var gridLevels: Int?
    public var warmStart = true
    /// Largest relative change of any parameter from the best run for a warm start.
    public var warmStartRange = 0.1
    public var progress = ProgressReporter(quiet: true)
    public private(set) var runs: [Run] = []
    private var bestState: ElectrothermalState?
    private var bestValues: [Double] = []
    private var bestCost = Double.infinity

    public init(document: GeometryDocument, parameters: [FreeParameter], targets: [CalibrationTarget],
                baseDirectory: URL?, cells: [Int]?) {
        self.document = document
        self.parameters = parameters
        self.targets = targets
        self.baseDirectory = baseDirectory
        self.cells = cells
    }

    /// The device at parameter values `values` (keys' units); `cells` overrides the mesh.
    public func device(_ values: [Double], cells override: [Int]? = nil) throws -> DeviceCase {
        let text = try document.text(setting: zip(parameters, values).map { ($0.key, $1) }, removing: ["calibrate"])
        var device = try GeometryFile.parse(text, file: document.file, baseDirectory: baseDirectory, cells: override ?? cells)
        if let gridLevels { device.gridLevels = gridLevels }
        return device
    }

    /// Runs at `values`; returns the observables, or throws the run's error (also logged).
    @discardableResult
    public func observe(_ values: [Double], purpose: String) throws -> [Double] {
        let start = Date()
        let near = bestValues.count == values.count
            && zip(values, bestValues).allSatisfy { abs($0 - $1) <= warmStartRange * max(abs($1), 1e-300) }
        var status = warmStart && bestState != nil && near ? "warm" : "cold"
        do {
            let device = try self.device(values)
            if let spec = device.sweep, targets.contains(where: { $0.observable.needsSweep }) {
                status = "sweep"
                let plan = SweepPlan(quantity: spec.quantity == .current ? .current : .sourceVoltage, start: spec.start,
                                     peak: spec.peak, end: spec.end, steps: spec.steps, loadResistance: spec.loadResistance,
                                     drivenElectrode: spec.electrode, eventBisections: spec.eventBisections)
                let sweep = try SweepRunner(plan: plan).run(problem: device.problem)
                let observed = try targets.map { try $0.observable.value(sweep: sweep) }
                return finish(values, observed, purpose: purpose, status: status, state: nil, start: start)
            }
            let solution: SteadySolution
            if status == "warm", let state = bestState, state.temperature.count == device.problem.grid.cellCount {
                do {
                    solution = try SteadyStateSolver(problem: device.problem).solve(from: state)
                } catch {
                    status = "cold after a failed warm start"
                    solution = try coldSolve(device, values)
                }
            } else {
                status = "cold"
                solution = try coldSolve(device, values)
            }
            let observed = targets.map { $0.observable.value(solution, device: device) }
            return finish(values, observed, purpose: purpose, status: status, state: solution.state, start: start)
        } catch {
            log(Run(index: runs.count + 1, purpose: purpose, parameters: values, observables: [], cost: nil,
                    status: "failed: \(error)", wallSeconds: Date().timeIntervalSince(start)))
            throw error
        }
    }

    private func finish(_ values: [Double], _ observed: [Double], purpose: String, status: String,
                        state: ElectrothermalState?, start: Date) -> [Double] {
        let cost = zip(observed, targets).reduce(0) { $0 + pow(($1.0 - $1.1.value) / $1.1.sigma, 2) }
        if cost < bestCost {
            bestCost = cost
            bestState = state
            bestValues = values
        }
        log(Run(index: runs.count + 1, purpose: purpose, parameters: values, observables: observed, cost: cost,
                status: status, wallSeconds: Date().timeIntervalSince(start)))
        return observed
    }

    private func log(_ run: Run) {
        runs.append(run)
        let values = zip(parameters, run.parameters).map { "\($0.key.path) = \(String(format: "%.6g", $1))\($0.key.unit.isEmpty ? "" : " " + $0.key.unit)" }
        let outcome = run.cost.map { String(format: "χ² = %.4g", $0) } ?? run.status
        progress.detail("calibrate run \(run.index) (\(run.purpose)): \(values.joined(separator: ", ")): \(outcome) (\(run.status.hasPrefix("failed") ? "" : run.status + ", ")\(String(format: "%.1f s", run.wallSeconds)))")
    }

    /// A run as `filament run` does it: the file's ramp on one grid, or grid sequencing.
    private func coldSolve(_ device: DeviceCase, _ values: [Double]) throws -> SteadySolution {
        guard device.gridLevels > 1 else {
            let solver = try SteadyStateSolver(problem: device.problem)
            return device.rampSteps > 1 ? try DriveRamp(steps: device.rampSteps).solve(solver) : try solver.solve()
        }
        let finest = device.filmCells
        let levels = GridSequence.halving(toward: (finest[0], finest[1], finest[2]), count: device.gridLevels)
        return try GridSequence(levels: levels, rampSteps: device.rampSteps, progress: ProgressReporter(quiet: true)).solve { c, _ in
            try SteadyStateSolver(problem: try self.device(values, cells: [c.x, c.y, c.z]).problem)
        }.solution
    }
}
