import _CGSL

extension GSL {
    /// Outcome of `GSL.nonlinearLeastSquares`: the minimiser of ½ Σ r_i(x)², with the
    /// Jacobian and the covariance (JᵀJ)⁻¹ at the last accepted point.
    public struct LeastSquaresResult: Sendable {
        /// The parameters x at the last accepted step.
        public var parameters: [Double]
        /// r(x) at `parameters`.
        public var residuals: [Double]
        /// J_ij = ∂r_i/∂x_j at `parameters` (n rows of p).
        public var jacobian: [[Double]]
        /// (JᵀJ)⁻¹ (p × p; GSL's `multifit_nlinear_covar`, columns of J with no rank are zeroed).
        public var covariance: [[Double]]
        /// Σ r_i².
        public var chiSquared: Double { residuals.reduce(0) { $0 + $1 * $1 } }
        /// Trust-region iterations taken.
        public var iterations: Int
        /// True when GSL's step-size or gradient test passed (`multifit_nlinear_test`).
        public var converged: Bool
        /// Why the iteration stopped, in words.
        public var stopReason: String
    }

    /// Carries the residual and Jacobian closures through GSL's `void *params`.
    private final class LeastSquaresCallbacks {
        let residuals: ([Double]) throws -> [Double]
        let jacobian: ([Double]) throws -> [[Double]]
        var error: Error?
        init(residuals: @escaping ([Double]) throws -> [Double], jacobian: @escaping ([Double]) throws -> [[Double]]) {
            self.residuals = residuals
            self.jacobian = jacobian
        }
    }

    /// Minimises ½ Σ r_i(x)² by GSL's trust-region method (`gsl_multifit_nlinear_trust`,
    /// Levenberg–Marquardt subproblem, Moré scaling, QR solver).
    ///
    /// `residuals(x)` returns the n residuals (already divided by their uncertainties for a
    /// weighted fit); `jacobian(x)` returns ∂r_i/∂x_j (n rows of p). The iteration stops when
    /// GSL's test passes (relative step below `stepTolerance`, or scaled gradient below
    /// `gradientTolerance`), when no step reduces the cost any more, or after
    /// `maxIterations`. An error thrown by a closure stops the fit and is rethrown.
    /// `iterationDone(k, x, Σr²)` is called after each iteration.
    public static func nonlinearLeastSquares(start: [Double], residualCount: Int, maxIterations: Int = 50,
                                             stepTolerance: Double = 1e-6, gradientTolerance: Double = 1e-8,
                                             residuals: @escaping ([Double]) throws -> [Double],
                                             jacobian: @escaping ([Double]) throws -> [[Double]],
                                             iterationDone: (Int, [Double], Double) -> Void = { _, _, _ in }) throws -> LeastSquaresResult {
        _ = handlerOff
        let p = start.count, n = residualCount
        guard p >= 1, n >= p else {
            throw Failure(function: "gsl_multifit_nlinear (need at least as many residuals as parameters)", argument: Double(n), status: GSL_EINVAL)
        }
        let box = LeastSquaresCallbacks(residuals: residuals, jacobian: jacobian)
        return try withExtendedLifetime(box) {
            var params = gsl_multifit_nlinear_default_parameters()
            guard let work = gsl_multifit_nlinear_alloc(filament_gsl_nlinear_trust(), &params, n, p) else {
                throw Failure(function: "gsl_multifit_nlinear_alloc", argument: Double(n), status: GSL_ENOMEM)
            }
            defer { gsl_multifit_nlinear_free(work) }
            var fdf = gsl_multifit_nlinear_fdf()
            fdf.n = n
            fdf.p = p
            fdf.params = Unmanaged.passUnretained(box).toOpaque()
            fdf.f = { x, params, f in
                let box = Unmanaged<LeastSquaresCallbacks>.fromOpaque(params!).takeUnretainedValue()
                let values = (0..<x!.pointee.size).map { gsl_vector_get(x, $0) }
                do {
                    let r = try box.residuals(values)
                    for (i, v) in r.enumerated() { gsl_vector_set(f, i, v) }
                    return Int32(GSL_SUCCESS)
                } catch {
                    box.error = error
                    return Int32(GSL_EBADFUNC)
                }
            }
            fdf.df = { x, params, J in
                let box = Unmanaged<LeastSquaresCallbacks>.fromOpaque(params!).takeUnretainedValue()
                let values = (0..<x!.pointee.size).map { gsl_vector_get(x, $0) }
                do {
                    let rows = try box.jacobian(values)
                    for (i, row) in rows.enumerated() { for (j, v) in row.enumerated() { gsl_matrix_set(J, i, j, v) } }
                    return Int32(GSL_SUCCESS)
                } catch {
                    box.error = error
                    return Int32(GSL_EBADFUNC)
                }
            }
            fdf.fvv = nil
            guard let x0 = gsl_vector_alloc(p) else { throw Failure(function: "gsl_vector_alloc", argument: Double(p), status: GSL_ENOMEM) }
            defer { gsl_vector_free(x0) }
            for (j, v) in start.enumerated() { gsl_vector_set(x0, j, v) }
            let initStatus = withUnsafeMutablePointer(to: &fdf) { gsl_multifit_nlinear_init(x0, $0, work) }
            if let error = box.error { throw error }
            guard Int(initStatus) == Int(GSL_SUCCESS) else {
                throw Failure(function: "gsl_multifit_nlinear_init", argument: 0, status: Int(initStatus))
            }
            var converged = false
            var reason = "reached the limit of \(maxIterations) iterations"
            var iterations = 0
            func vector(_ v: UnsafeMutablePointer<gsl_vector>) -> [Double] { (0..<v.pointee.size).map { gsl_vector_get(v, $0) } }
            while iterations < maxIterations {
                let status = gsl_multifit_nlinear_iterate(work)
                if let error = box.error { throw error }
                iterations += 1
                let r = vector(gsl_multifit_nlinear_residual(work))
                iterationDone(iterations, vector(gsl_multifit_nlinear_position(work)), r.reduce(0) { $0 + $1 * $1 })
                if Int(status) == Int(GSL_ENOPROG) {
                    reason = "no step reduces the cost further (GSL_ENOPROG)"
                    break
                }
                guard Int(status) == Int(GSL_SUCCESS) else {
                    throw Failure(function: "gsl_multifit_nlinear_iterate", argument: Double(iterations), status: Int(status))
                }
                var info: Int32 = 0
                if Int(gsl_multifit_nlinear_test(stepTolerance, gradientTolerance, 0, &info, work)) == Int(GSL_SUCCESS) {
                    converged = true
                    reason = info == 1 ? "relative step below \(stepTolerance)" : "scaled gradient below \(gradientTolerance)"
                    break
                }
            }
            let J = gsl_multifit_nlinear_jac(work)!
            guard let covar = gsl_matrix_alloc(p, p) else { throw Failure(function: "gsl_matrix_alloc", argument: Double(p), status: GSL_ENOMEM) }
            defer { gsl_matrix_free(covar) }
            _ = gsl_multifit_nlinear_covar(J, 0, covar)
            return LeastSquaresResult(
                parameters: vector(gsl_multifit_nlinear_position(work)),
                residuals: vector(gsl_multifit_nlinear_residual(work)),
                jacobian: (0..<n).map { i in (0..<p).map { gsl_matrix_get(J, i, $0) } },
                covariance: (0..<p).map { i in (0..<p).map { gsl_matrix_get(covar, i, $0) } },
                iterations: iterations, converged: converged, stopReason: reason)
        }
    }
}
