import Foundation
import Mesh
import Materials
import struct Kernels.AndersonAccelerator
import Discretization
import SparseLinearAlgebra

/// Time integration scheme of `TransientSolver`.
public enum TimeScheme: String, Sendable, CaseIterable {
    /// Backward Euler, first order, L-stable.
    case backwardEuler = "backward_euler"
    /// Variable-step BDF2 (second order); the first step is backward Euler.
    case bdf2
}

/// Step control of a transient run.
public struct TransientSettings: Sendable, Equatable {
    public var scheme: TimeScheme = .backwardEuler
    public var initialStep = 1e-4
    public var minimumStep = 1e-12
    public var maximumStep = 1.0
    /// A step whose largest cell temperature change exceeds this (K) is rejected and halved;
    /// the next step is sized to aim at `targetTemperatureChange`.
    public var maximumTemperatureChange = 10.0
    public var targetTemperatureChange = 2.0
    /// Nonlinear iterations (charge + heat solve) allowed per time step.
    public var maxIterations = 300
    /// Time steps (accepted and rejected) a run may take before it stops.
    public var maximumSteps = 1_000_000
    /// Wall-clock seconds a run may take before it stops; nil = no limit.
    public var wallClockBudget: Double?
    public init() {}
}

/// Implicit transient electrothermal solver: the heat balance of PH Eq. 7 with the storage term
/// C ∂T/∂t (C the volumetric heat capacity of the cell's phase mix, J/(m³·K)),
///   C_P V_P (α T_P^{n+1} − H_P)/Δt + Σ_f K_f (T_P − T_N) + Σ_b K_b (T_P − T_out) = Q_P^{n+1},
/// with α = 1, H = T^n for backward Euler and α = (1+2ω)/(1+ω), H = (1+ω) T^n − ω²/(1+ω) T^{n−1},
/// ω = Δt_n/Δt_{n−1}, for variable-step BDF2. Charge conservation is quasi-static (no
/// capacitance). Every time step is solved to the steady solver's tolerances by the same Picard
/// iteration (charge solve, then heat solve with the storage diagonal C V α/Δt) with Anderson
/// mixing, and the same phase-memory rule: φ grows only above T_IMT, shrinks only below T_MIT.
/// There is no latent heat (PH has none).
///
/// Energy per step, consistent with the scheme: the stored heat ΔU = Σ_P C_P V_P (α T_P^{n+1} − H_P)
/// plus the heat out Δt Q_out^{n+1} equals the electrical work Δt P^{n+1}, to the iteration
/// tolerance (the discrete energy flux is conservative, docs/model.md §2). For backward Euler
/// ΣΔU telescopes to Σ_P C_P V_P (T_P^N − T_P^0) when C is constant.
public final class TransientSolver {
    public let model: DiscreteModel
    public var settings: TransientSettings
    let steady: SteadyStateSolver
    let chargeSolver: SymmetricSystemSolver
    let heatSolver: SymmetricSystemSolver

    public init(problem: ElectrothermalProblem, settings: TransientSettings = TransientSettings()) throws {
        guard problem.twoTemperature == nil else {
            throw SolverError.invalidProblem("[two_temperature] is a steady-state model; transients use one temperature (remove [two_temperature] or run 'filament run')")
        }
        steady = try SteadyStateSolver(problem: problem)
        model = steady.model
        self.settings = settings
        chargeSolver = problem.settings.makeSymmetricSolver(grid: problem.grid)
        heatSolver = problem.settings.makeSymmetricSolver(grid: problem.grid)
    }

    public var electrodes: [Electrode] { steady.electrodes }
    public func setDrives(_ drives: [ElectrodeDrive]) throws { try steady.setDrives(drives) }

    /// Volumetric heat capacity of every cell (J/(m³·K)): φ C_M(T) + (1 − φ) C_I(T) in switching
    /// cells, C(T) in passive ones.
    public func heatCapacity(of state: ElectrothermalState) -> [Double] {
        (0..<state.temperature.count).map { c in
            model.heatCapacity(c, metalFraction: state.metalFraction[c], temperature: state.temperature[c])
        }
    }

    /// The result of one accepted time step.
    public struct Step: Sendable {
        public var state: ElectrothermalState
        public var solution: SteadySolution
        /// Stored heat change ΔU (J), heat out Δt Q_out (J) and electrical work Δt P (J) of the step.
        public var storedHeat: Double
        public var heatOut: Double
        public var work: Double
        public var iterations: Int
    }

    /// One implicit step of length `dt` from `current` (and `previous`, `previousStep` for BDF2).
    public func step(from current: ElectrothermalState, previous: ElectrothermalState?, dt: Double,
                     previousStep: Double?) throws -> Step {
        var alpha = 1.0
        var history = current.temperature
        if settings.scheme == .bdf2, let old = previous, let dtOld = previousStep {
            let w = dt / dtOld
            alpha = (1 + 2 * w) / (1 + w)
            history = zip(current.temperature, old.temperature).map { (1 + w) * $0 - w * w / (1 + w) * $1 }
        }
        let volume = (0..<model.grid.cellCount).map { model.grid.volume($0) }
        var state = current
        var record = IterationRecord(cellCount: model.grid.cellCount)
        var anderson = AndersonAccelerator(depth: model.problem.settings.andersonDepth)
        let s = model.problem.settings
        var sincePhase = 0
        var change = Double.infinity
        for iteration in 1...settings.maxIterations {
            let capacity = heatCapacity(of: state)
            let storage = (0..<capacity.count).map { capacity[$0] * volume[$0] * alpha / dt }
            let source = (0..<capacity.count).map { capacity[$0] * volume[$0] * history[$0] / dt }
            let next = try picardStep(state, storage: storage, storageSource: source)
            change = zip(next.temperature, state.temperature).reduce(0) { max($0, abs($1.0 - $1.1)) }
            var mixed = anderson.next(x: state.temperature, gx: next.temperature)
            if mixed.contains(where: { !($0 > 0) }) { mixed = next.temperature; anderson.reset() }
            state.potential = next.potential
            state.electrodePotential = next.electrodePotential
            state.temperature = mixed
            sincePhase += 1
            try steady.checkTemperatures(state.temperature)
            let tolerance = s.fieldTolerance * (state.temperature.max() ?? 1)
            let settled = change <= max(s.phaseSearchTolerance, tolerance)
            guard settled || sincePhase >= 10 * s.fieldStepsPerPhaseUpdate else { continue }
            if try steady.phaseUpdate(&state, record: &record, settled: settled) > 0 {
                anderson.reset()
                sincePhase = 0
                continue
            }
            guard change <= tolerance else { continue }
            let c = heatCapacity(of: state)
            let final = try picardStep(state, storage: (0..<c.count).map { c[$0] * volume[$0] * alpha / dt },
                                       storageSource: (0..<c.count).map { c[$0] * volume[$0] * history[$0] / dt })
            state.temperature = final.temperature
            state.potential = final.potential
            state.electrodePotential = final.electrodePotential
            let cFinal = heatCapacity(of: state)
            var stored = 0.0
            for p in 0..<cFinal.count { stored += cFinal[p] * volume[p] * (alpha * state.temperature[p] - history[p]) }
            let solution = SteadySolution(model: model, state: state, fieldIterations: iteration, phaseIterations: record.phaseIterations,
                                          maxThresholdViolation: record.lastViolation, lastFieldChange: change, electrodes: electrodes)
            return Step(state: state, solution: solution, storedHeat: stored, heatOut: dt * solution.heatOut,
                        work: dt * solution.electricalPower, iterations: iteration)
        }
        throw SolverError.notConverged(stage: "time step (Δt = \(dt) s)", iterations: settings.maxIterations, residual: change,
                                       tolerance: s.fieldTolerance, detail: "max |ΔT| per iteration in K; largest threshold violation \(record.lastViolation) K")
    }

    /// Charge solve with the present T, then heat solve with the storage diagonal added.
    func picardStep(_ state: ElectrothermalState, storage: [Double], storageSource: [Double]) throws -> ElectrothermalState {
        let e = electrodes
        let (cells, fc) = model.coefficients(of: state)
        let a = model.charge.matrix(faces: model.faces, faceCoefficients: fc, boundary: model.boundary, cells: cells, electrodes: e)
        let b = model.charge.rightHandSide(temperature: state.temperature, faces: model.faces, faceCoefficients: fc,
                                           boundary: model.boundary, cells: cells, electrodes: e)
        let x = try model.diagnosingChargeSolve(cells: cells) {
            try chargeSolver.solve(a, b, initialGuess: state.potential + state.electrodePotentialUnknowns(model))
        }
        var next = state
        next.potential = Array(x[0..<model.grid.cellCount])
        next.electrodePotential = e.indices.map { k in
            if case let .potential(v) = e[k].drive { return v }
            return x[model.charge.electrodeRow[k]!]
        }
        let fluxes = model.fluxes(of: next, cells: cells, faceCoefficients: fc, electrodes: e)
        let k = model.heat.diffusionMatrix(faces: model.faces, faceCoefficients: fc, boundary: model.boundary, cells: cells)
        let split = model.heat.laggedPeltierSplit(fluxes: fluxes, temperature: state.temperature, faces: model.faces,
                                                  faceCoefficients: fc, boundary: model.boundary, cells: cells)
        var rhs = model.heat.rightHandSide(fluxes: fluxes, explicitPeltier: split.explicit, temperature: state.temperature,
                                           boundary: model.boundary, cells: cells)
        for c in 0..<rhs.count { rhs[c] += storageSource[c] }
        let diagonal = zip(split.diagonal, storage).map { $0 + $1 }
        next.temperature = try heatSolver.solve(model.heat.addingDiagonal(diagonal, to: k), rhs, initialGuess: state.temperature)
        return next
    }
}
