import Foundation
import Materials
import SparseLinearAlgebra

extension SteadyStateSolver {
    /// Newton's method on (Φ, V_e, T, φ) together (`PhaseCoupling.newton`), a semismooth
    /// active-set method for the phase memory.
    ///
    /// Each iteration sorts the film cells: a cell beyond its threshold (T > T_IMT with φ < 1,
    /// or T < T_MIT with φ > 0) gets its metal fraction as an unknown and the equation
    /// T = T_IMT (or T_MIT) in its place; every other cell keeps φ (memory, or a bound). The
    /// linearised system of `CoupledSystem` is solved with UMFPACK, φ is projected onto
    /// [0, 1], and a backtracking line search on the scaled residual of that active set
    /// keeps each step a descent step. The fixed point is the one of the other couplings
    /// (free cells sit on their threshold); the iteration differs: Joule and Peltier feedback
    /// and the motion of the phase boundary are linearised together instead of lagged.
    /// Converged when every heat residual divided by its diagonal is ≤ tol·max T (K), every
    /// charge residual divided by its diagonal is ≤ tol·max |Φ| (V), tol = max(fieldTolerance,
    /// 1e-11), and no cell is more than `phaseTolerance` beyond its threshold.
    func solveNewton(from initial: ElectrothermalState?) throws -> SteadySolution {
        guard model.problem.fieldDrivenSwitching == nil else {
            throw SolverError.invalidProblem("phase coupling 'newton' does not support field-driven switching; use 'alternating'")
        }
        let system = CoupledSystem(model: model, electrodes: electrodes)
        var u = system.unknowns(initial ?? ElectrothermalState(problem: model.problem))
        var residual = system.fieldResidual(system.state(u))
        var record = IterationRecord(cellCount: model.grid.cellCount)
        let tolerance = max(settings.fieldTolerance, 1e-11)
        var stalls = 0
        var switches = [Int](repeating: 0, count: model.grid.cellCount)
        var report = NewtonReport()
        for iteration in 1...settings.maxNewtonIterations {
            let state = system.state(u)
            let active = newtonActiveSet(state)
            // regularisation 1e-6 K keeps the row of a free cell whose heat balance does not depend
            // on φ from being singular (its φ then runs to a bound)
            let jacobian = system.jacobian(at: u, fieldResidual: residual, free: active.free,
                                           phaseRows: active.free.map { $0 ? (1e-6, 1) : (1, 0) })
            let scale = NewtonScaling(jacobian: jacobian, system: system, state: state)
            report = scale.report(residual, violation: active.largestViolation)
            record.fieldIterations = iteration
            record.lastViolation = active.largestViolation
            progress?(String(format: "  newton iteration %d: heat residual %.3e K, charge residual %.3e V, largest threshold violation %.3e K, %d free cells",
                             iteration, report.heat, report.charge, active.largestViolation, active.free.filter { $0 }.count))
            if report.heat <= tolerance * scale.temperatureScale && report.charge <= tolerance * scale.potentialScale
                && active.largestViolation <= settings.phaseTolerance {
                try checkFinalTableRanges(state)
                progress?("  converged (newton): \(iteration) iterations, \(linearAlgebraSummary)")
                return try finish(state, record: record)
            }
            var rhs = residual.map { -$0 }
            for c in 0..<model.grid.cellCount { rhs.append(active.free[c] ? active.target[c] - state.temperature[c] : 0) }
            try newtonFactorization.factorize(jacobian)
            let fullStep = try newtonFactorization.solve(rhs)
            linearSolveCount += 1
            let unstable = unstableCells(fullStep, active: active, state: state, system: system, switches: switches)
            if !unstable.isEmpty {
                for c in unstable {
                    u[system.fractionOffset + c] = active.target[c] == model.switchingMaterial(of: c).insulatorToMetalTemperature ? 1 : 0
                    switches[c] += 1
                }
                fieldProgress?("    \(unstable.count) cells on an unstable branch switch whole")
                residual = system.fieldResidual(system.state(u))
                lastState = system.state(u)
                continue
            }
            let (step, held) = try newtonStep(jacobian, rhs, unconstrained: fullStep, active: active, state: state, system: system)
            var searched = active   // cells held at a bound take no part in the line search
            for c in held { searched.free[c] = false }
            let merit0 = scale.merit(residual, state: state, active: searched, model: model)
            var best: (merit: Double, u: [Double], residual: [Double], alpha: Double)?
            var alpha = 1.0
            for _ in 0..<12 {
                let trial = projected(u, step, alpha, system: system)
                if trial[system.temperatureOffset..<system.fractionOffset].allSatisfy({ $0 > 0 && $0.isFinite }) {
                    let r = system.fieldResidual(system.state(trial))
                    let m = scale.merit(r, state: system.state(trial), active: searched, model: model)
                    if m.isFinite && m < (best?.merit ?? .infinity) { best = (m, trial, r, alpha) }
                    if m <= (1 - 1e-4 * alpha) * merit0 { break }
                }
                alpha /= 2
            }
            guard let accepted = best else {
                throw SolverError.notConverged(stage: "newton line search", iterations: iteration, residual: report.heat,
                                               tolerance: tolerance * scale.temperatureScale, detail: "no step kept the temperature positive")
            }
            stalls = accepted.merit < merit0 ? 0 : stalls + 1
            fieldProgress?(String(format: "    line search: step %.3g, merit %.3e → %.3e, largest |δT| %.3e K, largest |δφ| %.3e", accepted.alpha, merit0, accepted.merit,
                                  (system.temperatureOffset..<system.fractionOffset).reduce(0) { max($0, abs(step[$1])) },
                                  (system.fractionOffset..<system.dimension).reduce(0) { max($0, abs(step[$1])) }))
            record.lastFieldChange = (system.temperatureOffset..<system.fractionOffset).reduce(0) { max($0, abs(accepted.u[$1] - u[$1])) }
            u = accepted.u
            residual = accepted.residual
            lastState = system.state(u)
            if stalls >= 8 { break }
        }
        throw SolverError.notConverged(stage: "newton iteration", iterations: settings.maxNewtonIterations, residual: report.heat,
                                       tolerance: tolerance, detail: "heat residual in K, charge residual \(report.charge) V, largest threshold violation \(record.lastViolation) K\(stalls >= 8 ? "; line search stalled" : "")")
    }

    /// Which cells' metal fractions are unknowns, the threshold each must sit on, and the
    /// largest threshold violation (K) of the state.
    func newtonActiveSet(_ state: ElectrothermalState) -> NewtonActiveSet {
        var set = NewtonActiveSet(free: Array(repeating: false, count: state.temperature.count),
                                  target: state.temperature, largestViolation: 0)
        for c in 0..<state.temperature.count where model.film[c] {
            let phi = state.metalFraction[c], material = model.switchingMaterial(of: c)
            let v = material.switchingDrive(metalFraction: phi, at: state.temperature[c])
            set.largestViolation = max(set.largestViolation, abs(v))
            // a whole cell is released only by a violation above round-off level
            let release = phi > 0 && phi < 1 ? 0 : 0.1 * settings.phaseTolerance
            guard abs(v) > release, !settings.frozenPhases else { continue }
            set.free[c] = true
            set.target[c] = v > 0 ? material.insulatorToMetalTemperature : material.metalToInsulatorTemperature
        }
        return set
    }

    /// Free cells whose Newton step runs against their drive (metal that would shrink above
    /// T_IMT, or grow below T_MIT). Such a cell sits on an unstable branch: more metal heats
    /// it (Peltier heat at its interface, Joule heat in a channel), so no partial fraction of
    /// it is stable and it switches whole, as it would in time (at most four times per cell
    /// and solve, against cycling).
    func unstableCells(_ step: [Double], active: NewtonActiveSet, state: ElectrothermalState,
                       system: CoupledSystem, switches: [Int]) -> [Int] {
        let drive = (0..<system.cellCount).map { c -> Double in
            guard active.free[c], switches[c] < 4 else { return 0 }
            let v = model.switchingMaterial(of: c).switchingDrive(metalFraction: state.metalFraction[c], at: state.temperature[c])
            return abs(v) > settings.phaseTolerance && v * step[system.fractionOffset + c] < 0 ? abs(v) : 0
        }
        // far from the solution the sign test is unreliable: switch only the worst offenders
        let largest = drive.max() ?? 0
        return largest > 0 ? (0..<system.cellCount).filter { drive[$0] >= 0.9 * largest } : []
    }

    /// Solves J δ = rhs with the bounds 0 ≤ φ ≤ 1 as an inner active set: a free cell whose
    /// fraction would leave [0, 1] is moved to the bound and held there, and the system is
    /// solved again.
    func newtonStep(_ jacobian: SparseMatrix, _ rhs: [Double], unconstrained: [Double], active: NewtonActiveSet,
                    state: ElectrothermalState, system: CoupledSystem) throws -> (step: [Double], held: Set<Int>) {
        var matrix = jacobian, right = rhs
        var held = Set<Int>()
        var step = unconstrained   // J⁻¹ rhs, already solved by the caller
        for attempt in 0..<20 {
            if attempt > 0 {
                try newtonFactorization.factorize(matrix)
                step = try newtonFactorization.solve(right)
                linearSolveCount += 1
            }
            var moved = 0
            for c in 0..<system.cellCount where active.free[c] && !held.contains(c) {
                let phi = state.metalFraction[c], dphi = step[system.fractionOffset + c]
                guard phi + dphi > 1 || phi + dphi < 0 else { continue }
                let row = system.fractionOffset + c
                matrix.values[system.pattern.slot(row: row, col: row)!] = 1
                matrix.values[system.pattern.slot(row: row, col: system.temperatureOffset + c)!] = 0
                right[row] = (phi + dphi > 1 ? 1 : 0) - phi
                held.insert(c)
                moved += 1
            }
            if moved == 0 { return (step, held) }
        }
        throw SolverError.notConverged(stage: "newton bound constraints", iterations: 20, residual: Double(held.count), tolerance: 0,
                                       detail: "the cells held at a bound kept changing")
    }

    /// u + α δ with the metal fractions projected onto [0, 1].
    private func projected(_ u: [Double], _ step: [Double], _ alpha: Double, system: CoupledSystem) -> [Double] {
        var trial = u
        for i in 0..<u.count { trial[i] += alpha * step[i] }
        for c in 0..<system.cellCount {
            let i = system.fractionOffset + c
            trial[i] = model.film[c] ? min(1, max(0, trial[i])) : 0
        }
        return trial
    }
}

/// The free cells of one Newton iteration and the thresholds they must reach.
struct NewtonActiveSet {
    var free: [Bool]
    var target: [Double]
    var largestViolation: Double
}

/// Residual norms of a Newton iterate: heat (K) and charge (V) residuals divided by their
/// Jacobian diagonals (the size of the correction each row asks for).
struct NewtonReport {
    var heat = Double.infinity
    var charge = Double.infinity
}

/// Row scales that turn the residuals into kelvin and volts, and the merit function of the
/// line search: Σ (heat/diag)² + w² Σ (charge/diag)² + Σ_free v², with w = ΔT/ΔΦ so that
/// equal relative errors in T and Φ weigh the same, and v the threshold violation of each
/// cell that is free in this iteration.
struct NewtonScaling {
    var chargeDiagonal: [Double]
    var heatDiagonal: [Double]
    var temperatureScale: Double
    var potentialScale: Double
    var chargeWeight: Double

    init(jacobian: SparseMatrix, system: CoupledSystem, state: ElectrothermalState) {
        let diagonal = (0..<system.fieldRowCount).map { max(abs(jacobian[$0, $0]), 1e-300) }
        chargeDiagonal = Array(diagonal[0..<system.chargeCount])
        heatDiagonal = Array(diagonal[system.chargeCount...])
        temperatureScale = state.temperature.max() ?? 1
        let potentials = state.potential + state.electrodePotential
        potentialScale = max(1e-6, (potentials.max() ?? 0) - (potentials.min() ?? 0))
        chargeWeight = max(1, temperatureScale - (state.temperature.min() ?? 0)) / potentialScale
    }

    func report(_ residual: [Double], violation: Double) -> NewtonReport {
        var r = NewtonReport(heat: 0, charge: 0)
        for i in 0..<chargeDiagonal.count { r.charge = max(r.charge, abs(residual[i] / chargeDiagonal[i])) }
        for c in 0..<heatDiagonal.count { r.heat = max(r.heat, abs(residual[chargeDiagonal.count + c] / heatDiagonal[c])) }
        return r
    }

    func merit(_ residual: [Double], state: ElectrothermalState, active: NewtonActiveSet, model: DiscreteModel) -> Double {
        let w = chargeWeight
        var sum = 0.0
        for i in 0..<chargeDiagonal.count { let x = w * residual[i] / chargeDiagonal[i]; sum += x * x }
        for c in 0..<heatDiagonal.count { let x = residual[chargeDiagonal.count + c] / heatDiagonal[c]; sum += x * x }
        for c in 0..<active.free.count where active.free[c] {
            let v = model.switchingMaterial(of: c).switchingDrive(metalFraction: state.metalFraction[c], at: state.temperature[c])
            sum += v * v
        }
        return sum
    }
}
