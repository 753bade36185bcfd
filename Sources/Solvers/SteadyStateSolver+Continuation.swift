import Foundation
import Materials
import SparseLinearAlgebra

extension SteadyStateSolver {
    /// Pseudo-transient continuation (Ψtc, Kelley & Keyes 1998) on (Φ, V_e, T, φ) with a
    /// smoothed threshold (`PhaseCoupling.continuation`).
    ///
    /// Each cell's metal fraction obeys φ_c = φ(T_c) of `smoothedMetalFraction` (width
    /// `transitionWidth`, memory = the fraction at the start of the solve), so the system is
    /// smooth and its Jacobian exact up to finite differences. Each step solves
    ///     (J + D/τ) δu = −F(u),
    /// D the diagonal of the heat rows: a backward-Euler step in a pseudo-time τ measured in
    /// local diffusion times, with charge and phase rows kept algebraic (quasi-static current,
    /// instantaneous switching). Small τ follows the heating dynamics through the unstable
    /// branches that stop Newton's method (a partial cell whose metal heats it runs on to a
    /// whole cell, as it would in time); τ adapts so that the temperature moves by
    /// a few kelvin of temperature change per step), and the last steps are Newton steps.
    /// After each step the fractions are put back on the law, φ = φ(T) (nonlinear elimination),
    /// so every iterate is a consistent phase map. Converged on the criteria of the Newton
    /// coupling.
    func solveContinuation(from initial: ElectrothermalState?) throws -> SteadySolution {
        guard model.problem.fieldDrivenSwitching == nil else {
            throw SolverError.invalidProblem("phase coupling 'continuation' does not support field-driven switching; use 'alternating'")
        }
        guard settings.transitionWidth > 0 else {
            throw SolverError.invalidProblem("phase coupling 'continuation' needs transitionWidth > 0 K (got \(settings.transitionWidth))")
        }
        let system = CoupledSystem(model: model, electrodes: electrodes)
        let start = initial ?? ElectrothermalState(problem: model.problem)
        let law = SmoothedPhaseLaw(model: model, memory: settings.frozenPhases ? nil : start.metalFraction,
                                   width: settings.transitionWidth)
        var u = system.unknowns(law.consistent(start))
        var residual = system.fieldResidual(system.state(u))
        var record = IterationRecord(cellCount: model.grid.cellCount)
        let tolerance = max(settings.fieldTolerance, 1e-11)
        var tau = 1.0
        let targetChange = max(2, 2 * settings.transitionWidth)
        var report = NewtonReport()
        for iteration in 1...settings.maxNewtonIterations {
            let state = system.state(u)
            let phase = law.rows(state)
            let jacobian = system.jacobian(at: u, fieldResidual: residual, free: model.film, phaseRows: phase.coefficients)
            let scale = NewtonScaling(jacobian: jacobian, system: system, state: state)
            report = scale.report(residual, violation: 0)
            let phaseError = phase.residual.reduce(0) { max($0, abs($1)) }
            record.fieldIterations = iteration
            record.lastViolation = phaseError * settings.transitionWidth
            progress?(String(format: "  continuation step %d: τ %.2e, heat residual %.3e K, charge residual %.3e V, phase residual %.1e, %d partial cells",
                             iteration, tau, report.heat, report.charge, phaseError, phase.partialCells))
            if report.heat <= tolerance * scale.temperatureScale && report.charge <= tolerance * scale.potentialScale && phaseError <= 1e-9 {
                try checkFinalTableRanges(state)
                progress?("  converged (continuation): \(iteration) steps, \(linearAlgebraSummary)")
                return try finish(state, record: record)
            }
            let rhs = residual.map { -$0 } + phase.residual.map { -$0 }
            let norm0 = scale.norm(residual, phaseResidual: phase.residual, width: settings.transitionWidth)
            var accepted: (u: [Double], residual: [Double], change: Double)?
            while accepted == nil {
                var shifted = jacobian
                for c in 0..<system.cellCount {
                    let row = system.temperatureOffset + c
                    shifted.values[system.pattern.slot(row: row, col: row)!] += scale.heatDiagonal[c] / tau
                }
                try newtonFactorization.factorize(shifted)
                let step = try newtonFactorization.solve(rhs)
                linearSolveCount += 1
                let change = (system.temperatureOffset..<system.fractionOffset).reduce(0) { max($0, abs(step[$1])) }
                let trial = law.projected(zip(u, step).map { $0 + $1 }, system: system)
                let temperatures = trial[system.temperatureOffset..<system.fractionOffset]
                if change <= 4 * targetChange && temperatures.allSatisfy({ $0 > 0 && $0.isFinite }) {
                    accepted = (trial, system.fieldResidual(system.state(trial)), change)
                    continue
                }
                tau /= 4
                fieldProgress?(String(format: "    step rejected (largest |δT| %.3g K): τ reduced to %.2e", change, tau))
                guard tau >= 1e-8 else {
                    throw SolverError.notConverged(stage: "pseudo-transient continuation", iterations: iteration, residual: report.heat,
                                                   tolerance: tolerance * scale.temperatureScale, detail: "the pseudo-time step fell below 1e-8")
                }
            }
            let next = accepted!
            // the pseudo-time step is sized so that the largest temperature change per step is
            // about `targetChange`: slow dynamics far from the steady state get long steps, and
            // near it (δT → 0) τ grows geometrically into Newton's method. A step that raised
            // the residual shrinks τ in proportion (switched evolution relaxation), which
            // breaks the cycles Newton's method falls into at the edges of the window.
            let norm = scale.norm(next.residual, phaseResidual: law.rows(system.state(next.u)).residual, width: settings.transitionWidth)
            var growth = min(4, targetChange / max(next.change, 1e-300))
            if norm > norm0 { growth = min(growth, norm0 / norm) }
            tau = min(1e12, tau * max(0.1, growth))
            record.lastFieldChange = (system.temperatureOffset..<system.fractionOffset).reduce(0) { max($0, abs(next.u[$1] - u[$1])) }
            u = next.u
            residual = next.residual
            lastState = system.state(u)
        }
        throw SolverError.notConverged(stage: "pseudo-transient continuation", iterations: settings.maxNewtonIterations, residual: report.heat,
                                       tolerance: tolerance, detail: "heat residual in K, charge residual \(report.charge) V, pseudo-time step \(tau)")
    }
}

/// The smoothed phase law of one continuation solve: φ_c = φ(T_c) in every film cell,
/// φ = 0 outside the film. `memory` nil: the fractions are frozen (a prescribed map).
struct SmoothedPhaseLaw {
    let model: DiscreteModel
    let memory: [Double]?
    let width: Double

    /// Phase residuals φ_c − φ(T_c), the Jacobian coefficients (δφ, δT) of each row, and the
    /// number of cells inside the smoothing window.
    func rows(_ state: ElectrothermalState) -> (residual: [Double], coefficients: [(fraction: Double, temperature: Double)], partialCells: Int) {
        let n = state.temperature.count
        var residual = [Double](repeating: 0, count: n)
        var coefficients = [(fraction: Double, temperature: Double)](repeating: (1, 0), count: n)
        var partial = 0
        guard let memory else { return (residual, coefficients, 0) }
        for c in 0..<n where model.film[c] {
            let law = model.switchingMaterial(of: c).smoothedMetalFraction(memory: memory[c], at: state.temperature[c], width: width)
            residual[c] = state.metalFraction[c] - law.fraction
            coefficients[c].temperature = -law.derivative
            if law.fraction > 0 && law.fraction < 1 { partial += 1 }
        }
        return (residual, coefficients, partial)
    }

    /// `state` with its fractions set on the law (the start of the iteration).
    func consistent(_ state: ElectrothermalState) -> ElectrothermalState {
        var s = state
        let r = rows(state).residual
        for c in 0..<r.count { s.metalFraction[c] -= r[c] }
        return s
    }

    /// Unknowns with every metal fraction set on the law at its cell's temperature
    /// (nonlinear elimination of the phase rows: a linearised φ is useless for a cell whose
    /// temperature crossed the window in one step).
    func projected(_ u: [Double], system: CoupledSystem) -> [Double] {
        var v = u
        let s = system.state(u)
        let r = rows(s).residual
        for c in 0..<system.cellCount { v[system.fractionOffset + c] -= r[c] }
        return v
    }
}

extension NewtonScaling {
    /// √(Σ (heat/diag)² + w² Σ (charge/diag)² + Σ (width · phase residual)²), in kelvin: the
    /// residual norm that steers the pseudo-time step.
    func norm(_ residual: [Double], phaseResidual: [Double], width: Double) -> Double {
        var sum = 0.0
        for i in 0..<chargeDiagonal.count { let x = chargeWeight * residual[i] / chargeDiagonal[i]; sum += x * x }
        for c in 0..<heatDiagonal.count { let x = residual[chargeDiagonal.count + c] / heatDiagonal[c]; sum += x * x }
        for p in phaseResidual { sum += width * width * p * p }
        return sum.squareRoot()
    }
}
