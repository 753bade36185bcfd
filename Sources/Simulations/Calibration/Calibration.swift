import Foundation
import IO
import Kernels

/// Fits free parameters of a geometry file to measured observables by weighted nonlinear
/// least squares: minimise χ² = Σ_i ((m_i(v) − y_i)/σ_i)² over the parameters v, each run being
/// a steady solve of the file (`CalibrationRunner`). The solver is GSL's trust-region
/// Levenberg–Marquardt (`GSL.nonlinearLeastSquares`) on the unbounded variables u of
/// `FreeParameter` (logistic within bounds, log without); the Jacobian is a forward
/// difference of one run per parameter, step `step` in u (relative step `step` for a log
/// parameter).
///
/// Uncertainties: the covariance of u is (JᵀJ)⁻¹ at the optimum, J the Jacobian of the
/// σ-weighted residuals (so it is not rescaled by χ²/dof; the σ are taken as given), mapped to
/// the parameters by dv/du (first order). The correlation matrix is that of u (the map is
/// diagonal and increasing, so it is also that of v to first order).
public struct Calibration {
    public var runner: CalibrationRunner
    public var maxIterations = 30
    public var step = 1e-2
    /// Consecutive failed trial runs after which the fit stops.
    public var maxConsecutiveFailures = 4

    public init(runner: CalibrationRunner) { self.runner = runner }

    public struct Result: Sendable {
        public var parameters: [FreeParameter]
        public var targets: [CalibrationTarget]
        /// Best values and standard errors, in the keys' units.
        public var best: [Double]
        public var standardErrors: [Double]
        public var correlation: [[Double]]
        /// Observables (SI) at the start and at the best values, and the standard uncertainty
        /// of the latter propagated from the parameters' covariance.
        public var startObservables: [Double]
        public var fittedObservables: [Double]
        public var fittedUncertainty: [Double]
        /// ∂m_i/∂v_j at the best values (SI per key unit).
        public var sensitivity: [[Double]]
        public var chiSquared: Double
        public var degreesOfFreedom: Int
        public var iterations: Int
        public var converged: Bool
        public var stopReason: String
        public var runs: [CalibrationRunner.Run]

        /// Normalised residuals (m_i − y_i)/σ_i at the best values.
        public var residuals: [Double] { zip(fittedObservables, targets).map { ($0 - $1.value) / $1.sigma } }
    }

    /// A fit that cannot go on: the start run failed, a Jacobian run failed both ways, or too
    /// many trial runs failed in a row.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func fit() throws -> Result {
        let parameters = runner.parameters, targets = runner.targets
        let n = targets.count, p = parameters.count
        guard n >= p else {
            throw CalibrationInputError("\(p) free parameters need at least as many targets (got \(n)); add --target options or fix a parameter")
        }
        var evaluated: [[Double]: [Double]] = [:]
        var failuresInARow = 0
        let failedResidual = [Double](repeating: 1e6, count: n)
        func values(_ u: [Double]) -> [Double] { zip(parameters, u).map { $0.value($1) } }
        func residuals(_ observed: [Double]) -> [Double] { zip(observed, targets).map { ($0 - $1.value) / $1.sigma } }

        let u0 = parameters.map { $0.unbounded($0.start) }
        let startObservables: [Double]
        do {
            startObservables = try runner.observe(values(u0), purpose: "start")
        } catch {
            throw Failure(description: "the run at the start values (the file's own) failed: \(error); fix the file or its start values first (filament run)")
        }
        evaluated[u0] = residuals(startObservables)

        let fit = try GSL.nonlinearLeastSquares(
            start: u0, residualCount: n, maxIterations: maxIterations,
            residuals: { u in
                if let r = evaluated[u] { return r }
                do {
                    let r = residuals(try runner.observe(values(u), purpose: "trial"))
                    evaluated[u] = r
                    failuresInARow = 0
                    return r
                } catch {
                    failuresInARow += 1
                    guard failuresInARow < maxConsecutiveFailures else {
                        throw Failure(description: "\(failuresInARow) trial runs in a row failed (last: \(error)); stopping the fit")
                    }
                    return failedResidual  // the trust region rejects the step and shrinks
                }
            },
            jacobian: { u in
                let r0: [Double]
                if let r = evaluated[u] { r0 = r } else {
                    r0 = residuals(try runner.observe(values(u), purpose: "jacobian"))
                    evaluated[u] = r0
                }
                var columns: [[Double]] = []
                for j in 0..<p {
                    var column: [Double]?
                    for h in [step, -step] {
                        var shifted = u
                        shifted[j] += h
                        if let observed = try? runner.observe(values(shifted), purpose: "jacobian") {
                            let r = residuals(observed)
                            evaluated[shifted] = r
                            column = zip(r, r0).map { ($0 - $1) / h }
                            break
                        }
                    }
                    guard let column else {
                        throw Failure(description: "the finite-difference runs for \(parameters[j].key.path) failed on both sides of \(values(u)[j]); stopping the fit")
                    }
                    columns.append(column)
                }
                return (0..<n).map { i in (0..<p).map { columns[$0][i] } }
            },
            iterationDone: { k, u, cost in
                // Fraction done against the iteration limit: a fit usually stops earlier, so the
                // time left is an upper estimate.
                runner.progress.step(Double(k), of: Double(maxIterations),
                                     String(format: "calibrate: iteration %d (at most %d), χ² = %.6g at ", k, maxIterations, cost)
                                       + zip(parameters, values(u)).map { "\($0.key.path) = \(String(format: "%.6g", $1))" }.joined(separator: ", "))
            })

        let best = values(fit.parameters)
        let slope = zip(parameters, fit.parameters).map { $0.derivative($1) }
        let errors = (0..<p).map { slope[$0] * max(0, fit.covariance[$0][$0]).squareRoot() }
        let correlation = (0..<p).map { i in
            (0..<p).map { j -> Double in
                let d = (fit.covariance[i][i] * fit.covariance[j][j]).squareRoot()
                return d > 0 ? fit.covariance[i][j] / d : (i == j ? 1 : 0)
            }
        }
        let fitted = zip(fit.residuals, targets).map { $1.value + $0 * $1.sigma }
        let uncertainty = (0..<n).map { i -> Double in
            var v = 0.0
            for a in 0..<p { for b in 0..<p { v += fit.jacobian[i][a] * fit.covariance[a][b] * fit.jacobian[i][b] } }
            return targets[i].sigma * max(0, v).squareRoot()
        }
        let sensitivity = (0..<n).map { i in (0..<p).map { j in fit.jacobian[i][j] * targets[i].sigma / slope[j] } }
        return Result(parameters: parameters, targets: targets, best: best, standardErrors: errors, correlation: correlation,
                      startObservables: startObservables, fittedObservables: fitted, fittedUncertainty: uncertainty,
                      sensitivity: sensitivity, chiSquared: fit.chiSquared, degreesOfFreedom: n - p,
                      iterations: fit.iterations, converged: fit.converged, stopReason: fit.stopReason, runs: runner.runs)
    }
}
