import Foundation
import Materials
import SparseLinearAlgebra

/// Linear stability of a converged steady state.
///
/// The transient problem is C dT/dt = −F_heat(Φ, V_e, T, φ) with the charge rows
/// F_charge = 0 quasi-static and each film cell's phase row algebraic (see docs/model.md,
/// "Stability of a steady state"). A small perturbation x = δu e^{λt} of the steady state u*
/// obeys the generalised eigenproblem
///     −J x = λ M x,   J = ∂F/∂u at u*,  M = diag(0 charge, C_c V_c heat, 0 phase),
/// and the state is linearly stable when every finite λ has Re λ < 0. The eigenvalues nearest
/// zero are found by `ArnoldiEigenSolver` (shift-invert, σ = 0, UMFPACK); the one with the
/// largest real part is the leading one.
///
/// Phase rows: a film cell whose metal fraction sits on a branch of the smoothed threshold
/// (continuation coupling, 0 < φ < 1) follows it, δφ = (dφ/dT) δT; a partial cell of a sharp
/// threshold (the other couplings) on T_IMT or T_MIT (within w/2) is linearised as the point of the smoothed
/// branch (width w = `transitionWidth`) that holds its fraction, δφ = H_w′(H_w⁻¹(φ)) δT (a sharp
/// step has no slope); every other cell keeps its fraction, δφ = 0 (hysteretic memory, a bound,
/// a frozen map).
public struct StabilityAnalysis {
    public let solution: SteadySolution
    /// Eigenvalues requested nearest zero, and the largest relative residual
    /// ‖J x + λ M x‖ / (‖J x‖ + |λ| ‖M x‖) accepted for the leading pair.
    public var eigenvalueCount = 6
    public var residualTolerance = 1e-6
    /// Shifts tried at most: σ = 0, then σ = 3 λ_max while the rightmost eigenvalue found is
    /// positive and still growing (an unstable state has a band of growing modes; the nearest
    /// to 0 are the slowest).
    public var maxShifts = 10

    public init(solution: SteadySolution) { self.solution = solution }

    public func analyse() throws -> StabilityReport {
        let start = Date()
        let model = solution.model
        guard model.problem.fieldDrivenSwitching == nil else {
            return StabilityReport(verdict: .unknown, eigenvalues: [], residual: .nan, mode: nil, seconds: 0, cellsFollowingThreshold: 0,
                                   detail: "the stability check does not cover field-driven switching")
        }
        let (system, negated, capacity, rows) = linearisation()
        let jacobianSeconds = Date().timeIntervalSince(start)
        let factorization = UMFPACKFactorization()
        var result: ArnoldiResult
        var shifts: [Double] = []
        do {
            // σ = 0 finds the slowest modes; a growing band of modes can lie beyond many slow
            // decaying ones, so a second search runs nearest the Gershgorin bound of the heat
            // rows when that is positive; then, while the rightmost eigenvalue found is
            // positive, nearest σ = 3 λ_max until λ_max stops growing
            result = try ArnoldiEigenSolver.eigenvalues(jacobian: negated, capacity: capacity, shift: 0, count: eigenvalueCount,
                                                        factorization: factorization)
            shifts.append(0)
            let bound = heatRowBound(negated, capacity: capacity, system: system, rows: rows)
            // skip the probe when the first search's disc |λ| ≤ r already reaches the bound
            let radius = result.pairs.map { ($0.real * $0.real + $0.imaginary * $0.imaginary).squareRoot() }.max() ?? 0
            if bound > radius {
                let probe = try ArnoldiEigenSolver.eigenvalues(jacobian: negated, capacity: capacity, shift: bound, count: eigenvalueCount,
                                                               factorization: factorization)
                shifts.append(bound)
                if let top = probe.pairs.first, top.real > (result.pairs.first?.real ?? -.infinity) { result = probe }
            }
            while let top = result.pairs.first, top.real > 0, shifts.count < maxShifts {
                let next = try ArnoldiEigenSolver.eigenvalues(jacobian: negated, capacity: capacity, shift: 3 * top.real,
                                                              count: eigenvalueCount, factorization: factorization)
                shifts.append(3 * top.real)
                guard let nextTop = next.pairs.first, nextTop.real > top.real * (1 + 1e-9) else { break }
                result = next
            }
        } catch {
            return StabilityReport(verdict: .unknown, eigenvalues: [], residual: .nan, mode: nil, seconds: Date().timeIntervalSince(start),
                                   cellsFollowingThreshold: rows.following, detail: "the eigen-solve failed: \(error)")
        }
        let seconds = Date().timeIntervalSince(start)
        let values = result.pairs.map { StabilityReport.Eigenvalue(real: $0.real, imaginary: $0.imaginary, residual: $0.residual) }
        guard let leading = result.pairs.first else {
            return StabilityReport(verdict: .unknown, eigenvalues: [], residual: .nan, mode: nil, seconds: seconds, cellsFollowingThreshold: rows.following,
                                   detail: "the eigen-solve converged no eigenvalue in \(result.restarts) restarts")
        }
        let mode = StabilityReport.Mode(pair: leading, system: system)
        var verdict: StabilityReport.Verdict = leading.real < 0 ? .stable : .unstable
        let nearest = shifts.map { String(format: "%.3g", $0) }.joined(separator: ", then ")
        var detail = "\(result.converged) of \(result.requested) eigenvalues nearest \(nearest) 1/s converged (\(result.operatorApplications) solves)"
            + String(format: "; Jacobian %.2f s, factorisations %.2f s (%d), solves %.2f s, %d unknowns", jacobianSeconds,
                     factorization.statistics.symbolicSeconds + factorization.statistics.numericSeconds, factorization.statistics.numericCount,
                     factorization.statistics.solveSeconds, negated.dimension)
        if leading.residual > residualTolerance || !leading.residual.isFinite {
            verdict = .unknown
            detail += String(format: "; the leading pair's residual %.2e exceeds %.0e", leading.residual, residualTolerance)
        } else if result.converged < result.requested {
            // the missing ones could lie to the right of those found
            verdict = leading.real < 0 ? .unknown : .unstable
            detail += "; not all converged, so a larger eigenvalue may be missing"
        }
        return StabilityReport(verdict: verdict, eigenvalues: values, residual: leading.residual, mode: mode, seconds: seconds,
                               cellsFollowingThreshold: rows.following, detail: detail)
    }

    /// H_w′ (1/K) at the point where H_w = 3x² − 2x³ equals `fraction` (x by bisection).
    static func smoothedSlope(fraction: Double, width: Double) -> Double {
        var lo = 0.0, hi = 1.0
        for _ in 0..<60 {
            let x = 0.5 * (lo + hi)
            if x * x * (3 - 2 * x) < fraction { lo = x } else { hi = x }
        }
        let x = 0.5 * (lo + hi)
        return 6 * x * (1 - x) / width
    }

    /// max over cells of (a_cc + Σ_n |a_cn|)/M_c for the heat rows of −J with each following
    /// cell's δφ = (dφ/dT) δT substituted: a Gershgorin bound on the growth rates of the heat
    /// block (1/s). The charge coupling is not in it, so it guides the search and proves nothing.
    func heatRowBound(_ a: SparseMatrix, capacity: [Double], system: CoupledSystem,
                      rows: (free: [Bool], coefficients: [(fraction: Double, temperature: Double)], following: Int)) -> Double {
        let t = system.temperatureOffset, f = system.fractionOffset
        // dφ/dT of each cell whose phase row is δφ − s δT = 0 (smoothed branch); 0 otherwise
        let slope = (0..<system.cellCount).map { c in rows.free[c] && rows.coefficients[c].fraction == 1 ? -rows.coefficients[c].temperature : 0 }
        var bound = -Double.infinity
        for c in 0..<system.cellCount where capacity[t + c] > 0 {
            var sum = 0.0
            for q in [c] + system.neighbors[c] {
                let entry = a[t + c, t + q] + a[t + c, f + q] * slope[q]
                sum += q == c ? entry : abs(entry)
            }
            bound = max(bound, sum / capacity[t + c])
        }
        return bound
    }

    /// The pencil (−J, M) at the solution, and the phase rows it used.
    func linearisation() -> (system: CoupledSystem, pencil: SparseMatrix, capacity: [Double],
                             rows: (free: [Bool], coefficients: [(fraction: Double, temperature: Double)], following: Int)) {
        let model = solution.model, state = solution.state
        let system = CoupledSystem(model: model, electrodes: solution.electrodes)
        let rows = phaseRows(state)
        var negated = system.jacobian(at: system.unknowns(state), fieldResidual: system.fieldResidual(state), free: rows.free,
                                      phaseRows: rows.coefficients)
        for i in 0..<negated.values.count { negated.values[i] = -negated.values[i] }
        var capacity = [Double](repeating: 0, count: system.dimension)
        for c in 0..<system.cellCount {
            capacity[system.temperatureOffset + c] = model.heatCapacity(c, metalFraction: state.metalFraction[c], temperature: state.temperature[c])
                * model.grid.volume(c)
        }
        return (system, negated, capacity, rows)
    }

    /// How close (K) a partial cell of a sharp threshold must be to T_IMT or T_MIT to count as
    /// sitting on it: half the smoothing width w, or the solver's phase tolerance if larger. A
    /// partial cell a few hundredths of a kelvin inside the hysteresis window (where the phase
    /// iteration leaves it) switches under any perturbation of that size, so treating it as held
    /// would call an unstable state (a uniform NDR channel) stable.
    static func thresholdBand(_ settings: SolverSettings) -> Double {
        max(settings.phaseTolerance, 0.5 * settings.transitionWidth) + 1e-9
    }

    /// Which metal fractions are unknowns of the linearisation and the (δφ, δT) coefficients
    /// of every phase row (see the type's description).
    func phaseRows(_ state: ElectrothermalState) -> (free: [Bool], coefficients: [(fraction: Double, temperature: Double)], following: Int) {
        let model = solution.model, settings = model.problem.settings
        let n = state.temperature.count
        var free = [Bool](repeating: false, count: n)
        var rows = [(fraction: Double, temperature: Double)](repeating: (1, 0), count: n)
        guard !settings.frozenPhases else { return (free, rows, 0) }
        for c in 0..<n where model.film[c] {
            let phi = state.metalFraction[c], t = state.temperature[c]
            guard phi > 0 && phi < 1 else { continue }
            let material = model.switchingMaterial(of: c)
            if settings.phaseCoupling == .continuation {
                let w = settings.transitionWidth
                // memory 0 gives the heating branch H_w(T − T_IMT), memory 1 the cooling one
                for memory in [0.0, 1.0] {
                    let branch = material.smoothedMetalFraction(memory: memory, at: t, width: settings.transitionWidth)
                    if abs(branch.fraction - phi) <= 1e-8 && branch.derivative > 0 {
                        free[c] = true
                        rows[c] = (1, -branch.derivative)
                        break
                    }
                }
            } else if abs(t - material.insulatorToMetalTemperature) <= Self.thresholdBand(settings)
                        || abs(t - material.metalToInsulatorTemperature) <= Self.thresholdBand(settings) {
                // a sharp threshold has no slope (a partial cell would switch instantly): the cell
                // is linearised as the point of the smoothed branch of width w with its fraction
                free[c] = true
                rows[c] = (1, -Self.smoothedSlope(fraction: phi, width: settings.transitionWidth))
            }
        }
        return (free, rows, free.filter { $0 }.count)
    }
}

/// The outcome of a stability check: the verdict, the eigenvalues found (1/s, largest real
/// part first) and the leading mode.
public struct StabilityReport: Sendable {
    public enum Verdict: String, Sendable {
        case stable, unstable
        /// The eigen-solve did not converge (or its residual is too large): nothing is claimed.
        case unknown
    }

    public struct Eigenvalue: Sendable {
        public var real: Double
        public var imaginary: Double
        public var residual: Double
    }

    /// The leading eigenvector per cell, scaled so that max |δT| = 1 (real part; the
    /// imaginary part of a complex mode is dropped), with the matching δφ and δΦ (V per unit δT).
    public struct Mode: Sendable {
        public var temperature: [Double]
        public var metalFraction: [Double]
        public var potential: [Double]

        init(pair: GeneralizedEigenpair, system: CoupledSystem) {
            let n = system.cellCount, x = pair.vectorReal
            let t = Array(x[system.temperatureOffset..<(system.temperatureOffset + n)])
            var peak = 0.0
            for v in t where abs(v) > abs(peak) { peak = v }
            let scale = peak == 0 ? 1 : 1 / peak
            temperature = t.map { $0 * scale }
            metalFraction = x[system.fractionOffset..<(system.fractionOffset + n)].map { $0 * scale }
            potential = x[0..<n].map { $0 * scale }
        }
    }

    public var verdict: Verdict
    public var eigenvalues: [Eigenvalue]
    /// Relative residual of the leading pair.
    public var residual: Double
    public var mode: Mode?
    /// Wall-clock seconds of the check (Jacobian, factorisation, Arnoldi iteration).
    public var seconds: Double
    /// Film cells whose metal fraction follows its threshold in the linearisation.
    public var cellsFollowingThreshold: Int
    public var detail: String

    public init(verdict: Verdict, eigenvalues: [Eigenvalue], residual: Double, mode: Mode?, seconds: Double,
                cellsFollowingThreshold: Int, detail: String) {
        self.verdict = verdict
        self.eigenvalues = eigenvalues
        self.residual = residual
        self.mode = mode
        self.seconds = seconds
        self.cellsFollowingThreshold = cellsFollowingThreshold
        self.detail = detail
    }

    public var leading: Eigenvalue? { eigenvalues.first }

    /// One line for users: the verdict in words with the leading eigenvalue.
    public var sentence: String {
        guard let leading else { return "stability unknown: \(detail)" }
        let value = String(format: "%.4g%@ 1/s", leading.real, leading.imaginary == 0 ? "" : String(format: " ± %.3gi", abs(leading.imaginary)))
        switch verdict {
        case .stable: return "stable: leading eigenvalue \(value) (perturbations decay in \(String(format: "%.3g", -1 / leading.real)) s)"
        case .unstable:
            return "UNSTABLE: leading eigenvalue \(value) > 0 — perturbations grow by e in \(String(format: "%.3g", 1 / leading.real)) s; this steady state would not persist (the growing mode is written as a field)"
        case .unknown: return "stability unknown: leading eigenvalue \(value), residual \(String(format: "%.2e", residual)); \(detail)"
        }
    }
}
