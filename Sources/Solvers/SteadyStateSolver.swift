import Mesh
import Materials
import struct Kernels.AndersonAccelerator
import Discretization
import SparseLinearAlgebra

/// Steady electrothermal solver with first-order phase memory.
///
/// Two nested loops (argued in docs/model.md):
/// 1. *Fields* at a fixed phase map: Picard iteration T → (charge solve) Φ → (heat solve) T′,
///    accelerated by Anderson mixing. The charge operator depends on σ only and the heat
///    operator on κ only, so with phase-wise constant coefficients each is factorised once
///    per phase map (and the heat operator once per run when κ_M = κ_I); Joule and Peltier
///    heat are lagged sources. Newton would refactor a 2N×2N nonsymmetric matrix each step.
/// 2. *Phases*: each cell carries a metal fraction φ (0 or 1 except where the phase boundary
///    crosses it). A cell above T_IMT gains metal, one below T_MIT loses it, one in between
///    keeps φ (memory). Binary switching of whole cells has no consistent answer when the
///    boundary falls inside a cell (metal: too cold; insulator: too hot), so interface cells
///    take the fraction at which they sit on the threshold. The run is converged when no cell
///    is more than `phaseTolerance` beyond its threshold.
public final class SteadyStateSolver {
    public let model: DiscreteModel
    public var progress: ((String) -> Void)?
    /// Per-field-iteration lines (verbose).
    public var fieldProgress: ((String) -> Void)?
    let chargeSolver: SymmetricSystemSolver
    let heatSolver: SymmetricSystemSolver
    let implicitHeatSolver: SparseFactorization
    let operators = OperatorCache()
    /// LU of the coupled Jacobian (`PhaseCoupling.newton` and `.continuation`).
    let newtonFactorization = UMFPACKFactorization()
    public internal(set) var linearSolveCount = 0
    /// The electrodes and their present drives. Drives may be changed between solves (sweeps,
    /// ramps) as long as an electrode that holds a potential keeps holding one.
    public private(set) var electrodes: [Electrode]
    /// Widens the hysteresis band by this much (K) on each side for the phase updates:
    /// T_IMT + w on heating, T_MIT − w on cooling (band continuation, `GridSequence`).
    /// 0: the material's own band.
    public var hysteresisWidening = 0.0
    var film: [Bool] { model.film }
    /// The last iterate, also after a failed solve (for diagnostics and field dumps).
    public internal(set) var lastState: ElectrothermalState?

    public init(model: DiscreteModel) {
        self.model = model
        chargeSolver = model.problem.settings.makeSymmetricSolver(grid: model.grid)
        heatSolver = model.problem.settings.makeSymmetricSolver(grid: model.grid)
        implicitHeatSolver = UMFPACKFactorization()
        electrodes = model.electrodes
    }

    /// Replaces the drives (same order as the problem's electrodes).
    public func setDrives(_ drives: [ElectrodeDrive]) throws {
        guard drives.count == electrodes.count else {
            throw SolverError.invalidProblem("expected \(electrodes.count) drives, got \(drives.count)")
        }
        for (e, drive) in drives.enumerated() {
            guard drive.holdsPotential == electrodes[e].drive.holdsPotential else {
                throw SolverError.invalidProblem("electrode '\(electrodes[e].name)' cannot change between a fixed potential and a floating drive")
            }
            electrodes[e].drive = drive
        }
    }

    public convenience init(problem: ElectrothermalProblem) throws {
        self.init(model: try DiscreteModel(problem: problem))
    }

    var settings: SolverSettings { model.problem.settings }

    /// Counts of factorisations and PCG work so far (for progress lines and benchmarks).
    public var linearAlgebraSummary: String {
        (newtonFactorization.statistics.numericCount > 0 ? "newton: \(newtonFactorization.statistics.numericCount) LU factorisations; " : "")
            + "charge: \(chargeSolver.summary); heat: \(heatSolver.summary)"
    }

    /// Statistics of the three factorisations (charge, heat, implicit heat).
    public var factorizationStatistics: [String: FactorizationStatistics] {
        ["charge": chargeSolver.factorizationStatistics, "heat": heatSolver.factorizationStatistics,
         "heat_implicit": implicitHeatSolver.statistics, "newton": newtonFactorization.statistics]
    }

    /// Solves from `initial` (default: uniform initial temperature, all insulating).
    ///
    /// One loop interleaves field steps and phase updates: the phase map is revisited when
    /// the fields have settled to `phaseSearchTolerance`, or early when the step grows after
    /// `fieldStepsPerPhaseUpdate` steps (a fixed, wrong phase map may have no steady state:
    /// contact Peltier heating ∝ T in an all-insulating start runs away). The run has converged when no cell wants to
    /// switch and max |ΔT| ≤ fieldTolerance × max T.
    public func solve(from initial: ElectrothermalState? = nil) throws -> SteadySolution {
        switch settings.phaseCoupling {
        case .joint: return try solveJoint(from: initial)
        case .newton: return try solveNewton(from: initial)
        case .continuation: return try solveContinuation(from: initial)
        case .alternating: break
        }
        var state = initial ?? ElectrothermalState(problem: model.problem)
        if model.problem.twoTemperature != nil && state.latticeTemperature == nil { state.latticeTemperature = state.temperature }
        var record = IterationRecord(cellCount: model.grid.cellCount, gainLimit: settings.phaseGainLimit)
        var anderson = AndersonAccelerator(depth: settings.andersonDepth)
        var stepsSincePhaseChange = 0
        var change = Double.infinity
        var previousChange = Double.infinity
        var damping = 1.0
        let coupled = model.problem.fieldDrivenSwitching != nil
        for iteration in 1...settings.maxFieldIterations {
            let solveError = linearSolveError(lastChange: change, state)
            let next = try picardStep(state, acceptedError: solveError)
            change = zip(next.temperature, state.temperature).reduce(0) { max($0, abs($1.0 - $1.1)) }
            if let lattice = next.latticeTemperature, let previous = state.latticeTemperature {
                change = zip(lattice, previous).reduce(change) { max($0, abs($1.0 - $1.1)) }
            }
            // Adaptive damping: a non-physical Picard temperature (strong thermoelectric
            // feedback, ZT ≳ 1, overshoots below 0 K) halves β; physical steps restore it.
            if next.temperature.contains(where: { !($0 > 0) }) {
                damping = max(damping / 2, 1.0 / 64)
                anderson.reset()
            } else {
                damping = min(1, damping * 1.25)
            }
            // With a field channel σ depends on the potential (through |E|), so the potential is
            // part of the fixed point and is mixed with T; otherwise only T is.
            let n = state.temperature.count
            // (potentials weighted by `potentialWeight` K/V so that their residual counts in the
            // least-squares step of the mixing as much as a temperature's).
            let w = Self.potentialWeight
            // (a two-temperature run mixes the lattice temperature too, appended at the end)
            let x = (coupled ? state.temperature + (state.potential + state.electrodePotential).map { w * $0 } : state.temperature)
                + (state.latticeTemperature ?? [])
            let gx = (coupled ? next.temperature + (next.potential + next.electrodePotential).map { w * $0 } : next.temperature)
                + (next.latticeTemperature ?? [])
            let latticeStart = x.count - (state.latticeTemperature?.count ?? 0)
            var mixed = anderson.next(x: x, gx: gx, damping: damping)
            if mixed[0..<n].contains(where: { !($0 > 0) }) {
                anderson.reset()
                func relaxed(_ beta: Double) -> [Double] { zip(x, gx).map { $0 + beta * ($1 - $0) } }
                mixed = relaxed(damping)
                while mixed[0..<n].contains(where: { !($0 > 0) }) && damping > 1e-4 {
                    damping /= 4
                    mixed = relaxed(damping)
                }
            }
            state.potential = coupled ? mixed[n..<(2 * n)].map { $0 / w } : next.potential
            state.electrodePotential = coupled ? mixed[(2 * n)..<latticeStart].map { $0 / w } : next.electrodePotential
            state.temperature = Array(mixed[0..<n])
            if state.latticeTemperature != nil { state.latticeTemperature = Array(mixed[latticeStart...]) }
            record.fieldIterations = iteration
            record.lastFieldChange = change
            lastState = state
            stepsSincePhaseChange += 1
            try checkTemperatures(state.temperature + (state.latticeTemperature ?? []))
            try checkRunaway(state.temperature)
            fieldProgress?("    field iteration \(iteration): max |ΔT| = \(format(change)) K, T max \(format(state.temperature.max()!)) K")
            let finalTolerance = self.finalTolerance(state)
            // Settle the fields only as far as the phase map can use: while cells are still
            // far beyond their thresholds, a fraction (`phaseSettleFraction`, 2 %) of the
            // largest violation is enough.
            let settleTolerance = max(settings.phaseSearchTolerance, min(0.1, settings.phaseSettleFraction * record.lastViolation))
            let settled = change <= max(settleTolerance, finalTolerance)
            let runningAway = stepsSincePhaseChange >= settings.fieldStepsPerPhaseUpdate && change > previousChange
            previousChange = change
            guard settled || runningAway || stepsSincePhaseChange >= 10 * settings.fieldStepsPerPhaseUpdate else { continue }
            let updated = try phaseUpdate(&state, record: &record, settled: settled)
            if updated > 0 {
                record.phaseIterations += 1
                progress?("  phase update \(record.phaseIterations): \(updated) cells changed, largest violation \(format(record.lastViolation)) K, field iteration \(iteration), max |ΔT| \(format(change)) K")
                anderson.reset()
                stepsSincePhaseChange = 0
                continue
            }
            // Convergence is judged on a step whose solves were exact: an inexact solve may
            // return its initial guess and so report a change of zero.
            if change <= finalTolerance && solveError == 0 {
                let final = try picardStep(state)
                let finalState = ElectrothermalState(temperature: final.temperature, potential: final.potential,
                                                     electrodePotential: final.electrodePotential, metalFraction: state.metalFraction,
                                                     latticeTemperature: final.latticeTemperature)
                let drift = effectiveTemperatureChange(from: state, to: finalState)
                if drift > effectiveTemperatureTolerance(state) {
                    progress?("  T_eff still moving by \(format(drift)) K after the fields settled; iterating on")
                    state = finalState
                    lastState = state
                    continue
                }
                state = finalState
                try checkFinalTableRanges(state)
                progress?("  converged: \(iteration) field iterations, \(record.phaseIterations) phase updates, max |ΔT| \(format(change)) K, largest threshold violation \(format(record.lastViolation)) K; \(linearAlgebraSummary)")
                return try finish(state, record: record)
            }
        }
        throw SolverError.notConverged(stage: "electrothermal iteration", iterations: settings.maxFieldIterations,
                                       residual: change, tolerance: finalTolerance(state),
                                       detail: "max |ΔT| per step in K; largest threshold violation \(format(record.lastViolation)) K after \(record.phaseIterations) phase updates. Try a drive ramp, or peltier_coupling = implicit.")
    }

    /// How far (K) T_eff may still move in a last plain Picard step of a converged state: the
    /// field tolerance, but at least 1e-3 of the phase tolerance (T_eff is read against the
    /// switching thresholds to `phaseTolerance`; 1e-5 K changes an activated σ by ~1e-6).
    /// Piecewise-bilinear T_eff tables have kinks at their nodes, which can stall the mixed
    /// iteration a little above the field tolerance.
    func effectiveTemperatureTolerance(_ state: ElectrothermalState) -> Double {
        max(finalTolerance(state), 1e-3 * settings.phaseTolerance)
    }

    /// Weight (K/V) of the potentials in the mixed fixed-point vector with a field channel.
    static let potentialWeight = 1e3

    func finalTolerance(_ state: ElectrothermalState) -> Double {
        settings.fieldTolerance * (state.temperature.max() ?? 1)
    }

    /// Accepted error of the linear solves in the next Picard step, relative to the largest
    /// unknown (`linearSolveForcing` × last ΔT / max T; at most 1e-3). 0 (exact solves) once
    /// that error would be below the convergence tolerance, so the last steps are exact. The
    /// first step of a solve, with no step size yet, accepts 1e-6.
    func linearSolveError(lastChange: Double, _ state: ElectrothermalState) -> Double {
        let forcing = settings.linearSolveForcing
        guard forcing > 0 else { return 0 }
        guard lastChange.isFinite else { return 1e-6 }
        let error = forcing * lastChange
        return error <= finalTolerance(state) ? 0 : min(1e-3, error / (state.temperature.max() ?? 1))
    }

    /// One Picard step: charge solve with the given T, then heat solve with the new currents.
    /// With `acceptedError` > 0 a solve that reuses an older factorisation stops once the
    /// preconditioned residual (≈ the remaining error) is below that fraction of the solution.
    func picardStep(_ state: ElectrothermalState, acceptedError: Double = 0) throws -> ElectrothermalState {
        chargeSolver.errorTolerance = acceptedError
        heatSolver.errorTolerance = acceptedError
        let (cells, fc) = model.coefficients(of: state)
        let a = operators.chargeMatrix(model, cells: cells, faceCoefficients: fc, electrodes: electrodes)
        let b = model.charge.rightHandSide(temperature: state.temperature, faces: model.faces, faceCoefficients: fc,
                                           boundary: model.boundary, cells: cells, electrodes: electrodes)
        var x = try model.diagnosingChargeSolve(cells: cells) {
            try chargeSolver.solve(a, b, initialGuess: state.potential + state.electrodePotentialUnknowns(model))
        }
        if acceptedError == 0 { x = try refinedCharge(x, a, temperature: state.temperature, cells: cells, faceCoefficients: fc) }
        linearSolveCount += 1
        var next = state
        next.potential = Array(x[0..<model.grid.cellCount])
        next.electrodePotential = electrodes.indices.map { e in
            if case let .potential(v) = electrodes[e].drive { return v }
            return x[model.charge.electrodeRow[e]!]
        }
        let fluxes = model.fluxes(of: next, cells: cells, faceCoefficients: fc, electrodes: electrodes)
        if model.problem.twoTemperature != nil {
            try twoTemperatureHeatStep(state, next: &next, cells: cells, faceCoefficients: fc, fluxes: fluxes)
            linearSolveCount += 1
            return next
        }
        let k = operators.diffusionMatrix(model, cells: cells, faceCoefficients: fc)
        switch settings.peltierCoupling {
        case .lagged:
            let split = model.heat.laggedPeltierSplit(fluxes: fluxes, temperature: state.temperature, faces: model.faces,
                                                      faceCoefficients: fc, boundary: model.boundary, cells: cells)
            let rhs = model.heat.rightHandSide(fluxes: fluxes, explicitPeltier: split.explicit, temperature: state.temperature,
                                               boundary: model.boundary, cells: cells)
            next.temperature = try heatSolver.solve(model.heat.addingDiagonal(split.diagonal, to: k), rhs,
                                                    initialGuess: state.temperature)
        case .implicit:
            let rhs = model.heat.rightHandSide(fluxes: fluxes, explicitPeltier: nil, temperature: state.temperature,
                                               boundary: model.boundary, cells: cells)
            let m = model.heat.implicitPeltierMatrix(diffusion: k, faces: model.faces, faceCoefficients: fc,
                                                     boundary: model.boundary, cells: cells, fluxes: fluxes)
            try implicitHeatSolver.factorize(m)
            next.temperature = try implicitHeatSolver.solve(rhs)
        }
        linearSolveCount += 1
        return next
    }

    /// During the iteration temperatures must stay positive and finite; tables hold their end
    /// values outside their range, and the range is enforced on the converged state.
    /// A temperature far above `SolutionAcceptance.temperatureCeiling` ends the solve as a
    /// thermal runaway.
    func checkTemperatures(_ t: [Double]) throws {
        for c in 0..<t.count where !(t[c] > 0) || !t[c].isFinite || t[c] > SolutionAcceptance.runawayTemperature {
            if t[c] > SolutionAcceptance.runawayTemperature {
                throw SolverError.noSteadyState(SolutionAcceptance.runaway(t[c], cell: c, grid: model.grid))
            }
            throw SolverError.noSteadyState("the iteration diverged: T = \(t[c]) K in cell \(c) is not a physical temperature. Ramp the drive ([drive] ramp_steps), use peltier_coupling = \"implicit\", or lower the drive.")
        }
    }

    /// A field iterate beyond any physical steady state: a cell whose linear resistivity law
    /// ρ0[1 + α(T − T_ref)] would give ρ ≤ 0. Past the runaway drive (α I² R0 R_t ≥ 1) the only
    /// fixed point of the heat balance has a negative resistance, and Anderson mixing finds it.
    func checkRunaway(_ t: [Double]) throws {
        for c in 0..<t.count where !film[c] {
            guard case let .passive(m) = model.materials[Int(model.cellMaterial[c])],
                  let law = m.transport as? LinearResistivityTransport, law.factor(at: t[c]) <= 0 else { continue }
            throw SolverError.noSteadyState("thermal runaway: material '\(m.name)' (ρ0[1 + α(T − T_ref)], α = \(law.temperatureCoefficient) 1/K) — the only fixed point of the heat balance at this drive has ρ ≤ 0 (cell \(c) at \(format(t[c])) K), i.e. α I² R0 R_t ≥ 1; lower the drive or improve the heat sinking")
        }
    }

    /// At convergence: every cell's temperature lies in the table range of each phase it
    /// contains (up to the phase tolerance at a switching temperature that ends a table); with
    /// a field channel so do the phases' T_eff (σ, S are read there), and every film cell's
    /// |E| and T lie inside the T_eff model's ranges; every passive cell lies in its
    /// material's range.
    func checkFinalTableRanges(_ state: ElectrothermalState) throws {
        for c in 0..<state.temperature.count where !film[c] {
            guard case let .passive(m) = model.materials[Int(model.cellMaterial[c])] else { continue }
            let t = state.temperature[c], range = m.transport.temperatureRange
            if !range.contains(t) {
                if m.transport is LinearResistivityTransport {
                    throw SolverError.noSteadyState("thermal runaway: material '\(m.name)' would need ρ ≤ 0 in cell \(c) at T = \(t) K")
                }
                throw SolverError.temperatureOutOfTableRange(cell: c, temperature: t, range: range)
            }
        }
        let slack = settings.phaseTolerance
        let teff = model.effectiveTemperatures(of: state)
        let channel = model.problem.fieldDrivenSwitching
        for c in 0..<state.temperature.count where model.film[c] {
            let t = state.temperature[c], phi = state.metalFraction[c], material = model.switchingMaterial(of: c)
            for (present, range, transport) in [(phi < 1, material.insulator.temperatureRange, teff.insulator[c]),
                                                (phi > 0, material.metal.temperatureRange, teff.metal[c])] where present {
                for x in [t, transport] where x < range.lowerBound - slack || x > range.upperBound + slack {
                    throw SolverError.temperatureOutOfTableRange(cell: c, temperature: x, range: range)
                }
            }
            guard let channel else { continue }
            if !channel.fieldRange.contains(teff.field[c]) || !channel.bathTemperatureRange.contains(t) {
                throw SolverError.effectiveTemperatureTableRange(cell: c, field: teff.field[c], temperature: t,
                                                                 fieldRange: channel.fieldRange,
                                                                 temperatureRange: channel.bathTemperatureRange,
                                                                 model: channel.name)
            }
        }
    }

    /// With a field channel: the largest change of T_eff between two states (0 without one).
    /// σ(T_eff) depends on the potential through |E|, so a converged state must also have
    /// settled T_eff, not only T.
    func effectiveTemperatureChange(from a: ElectrothermalState, to b: ElectrothermalState) -> Double {
        guard model.problem.fieldDrivenSwitching != nil else { return 0 }
        return model.effectiveTemperatures(of: b).largestChange(from: model.effectiveTemperatures(of: a))
    }

    /// Moves the metal fraction of every cell beyond its threshold by Δφ = g_c · v / (1 K),
    /// v the violation (K), clamped to [0, 1]; returns how many cells changed.
    ///
    /// The per-cell gain g_c starts at `phaseGainLimit` (1: a violation of 1 K or more switches
    /// the whole cell) and halves whenever the cell's violation changes sign (it overshot the
    /// threshold) and grows by 1.5 (up to the limit) otherwise, so interface cells home in on
    /// T = T_IMT or T_MIT. An update taken while the fields are still moving (a thermal runaway
    /// at a wrong phase map) only touches cells in the top 10 % of the violation range; one on
    /// settled fields those above `phaseUpdateCutoff` of it.
    /// The thresholds are each cell's material's, widened by `hysteresisWidening` on each side.
    func phaseUpdate(_ state: inout ElectrothermalState, record: inout IterationRecord, settled: Bool) throws -> Int {
        let tolerance = settings.phaseTolerance
        var largest = 0.0
        var drive = [Double](repeating: 0, count: state.metalFraction.count)
        let teff = model.effectiveTemperatures(of: state)
        for c in 0..<drive.count where model.film[c] {
            var material = model.switchingMaterial(of: c)
            material.insulatorToMetalTemperature += hysteresisWidening
            material.metalToInsulatorTemperature -= hysteresisWidening
            drive[c] = material.switchingDrive(metalFraction: state.metalFraction[c], insulatorTemperature: teff.insulator[c],
                                               metalTemperature: teff.metal[c])
            largest = max(largest, abs(drive[c]))
        }
        record.lastViolation = largest
        guard !settings.frozenPhases else { return 0 }
        let threshold = max(tolerance, (settled ? settings.phaseUpdateCutoff : 0.9) * largest)
        var changed = 0
        for c in 0..<drive.count {
            let v = drive[c]
            guard abs(v) > threshold else { continue }
            let sign: Int8 = v > 0 ? 1 : -1
            record.gain[c] = record.lastSign[c] == -sign ? 0.5 * record.gain[c] : min(settings.phaseGainLimit, 1.5 * record.gain[c])
            record.lastSign[c] = sign
            state.metalFraction[c] = min(1, max(0, state.metalFraction[c] + record.gain[c] * v))
            changed += 1
        }
        return changed
    }

    /// The converged result, once it passes `SolutionAcceptance`.
    func finish(_ state: ElectrothermalState, record: IterationRecord) throws -> SteadySolution {
        let solution = SteadySolution(model: model, state: state, fieldIterations: record.fieldIterations,
                                      phaseIterations: record.phaseIterations, maxThresholdViolation: record.lastViolation,
                                      lastFieldChange: record.lastFieldChange, electrodes: electrodes)
        try SolutionAcceptance.check(solution)
        return solution
    }

    private func format(_ x: Double) -> String { x.isFinite ? String(format: "%.3e", x) : "∞" }
}

/// Counters carried through one solve.
struct IterationRecord {
    var fieldIterations = 0
    var lastFieldChange = Double.infinity
    var phaseIterations = 0
    var lastViolation = 0.0
    /// Per-cell gain of the metal-fraction update (1/K) and sign of its last violation.
    var gain: [Double]
    var lastSign: [Int8]

    init(cellCount: Int, gainLimit: Double = 1) {
        gain = Array(repeating: gainLimit, count: cellCount)
        lastSign = Array(repeating: 0, count: cellCount)
    }
}

extension ElectrothermalState {
    /// The electrode potentials that are unknowns of the charge system, in row order.
    func electrodePotentialUnknowns(_ model: DiscreteModel) -> [Double] {
        model.electrodes.indices.compactMap { e in model.charge.electrodeRow[e] == nil ? nil : electrodePotential[e] }
    }
}
