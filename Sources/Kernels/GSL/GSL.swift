import _CGSL

/// The GNU Scientific Library, as used by the kernels: Bessel K0/K1, the complete elliptic
/// integral K(k), Brent root bracketing, adaptive quadrature (QAGS/QAGP) and monotone (Steffen)
/// interpolation. This file is the only place that touches GSL: the library's abort-on-error
/// handler is switched off once and every status code is checked, so that no C pointer, handler
/// or error code escapes into Swift callers.
public enum GSL {
    /// A GSL call that returned a non-zero status (e.g. underflow for very large x).
    public struct Failure: Error, CustomStringConvertible {
        public let function: String
        public let argument: Double
        public let status: Int
        public var description: String { "GSL \(function)(\(argument)) failed with status \(status)" }
    }

    /// Switches off GSL's default handler (which aborts the process) exactly once.
    static let handlerOff: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    // MARK: special functions

    /// Modified Bessel function K0(x), x > 0.
    public static func besselK0(_ x: Double) throws -> Double {
        try special("gsl_sf_bessel_K0_e", x) { gsl_sf_bessel_K0_e(x, $0) }
    }

    /// Modified Bessel function K1(x), x > 0.
    public static func besselK1(_ x: Double) throws -> Double {
        try special("gsl_sf_bessel_K1_e", x) { gsl_sf_bessel_K1_e(x, $0) }
    }

    /// Complete elliptic integral of the first kind K(k) = ∫_0^{π/2} dθ (1 − k² sin²θ)^{-1/2},
    /// modulus 0 ≤ k < 1, to double precision.
    public static func ellipticK(_ k: Double) throws -> Double {
        try special("gsl_sf_ellint_Kcomp_e", k) { gsl_sf_ellint_Kcomp_e(k, gsl_mode_t(GSL_PREC_DOUBLE), $0) }
    }

    private static func special(_ name: String, _ x: Double,
                                _ body: (UnsafeMutablePointer<gsl_sf_result>) -> Int32) throws -> Double {
        _ = handlerOff
        var result = gsl_sf_result(val: 0, err: 0)
        let status = body(&result)
        guard Int(status) == Int(GSL_SUCCESS) else { throw Failure(function: name, argument: x, status: Int(status)) }
        return result.val
    }

    // MARK: callbacks

    /// Carries a throwing Swift closure through GSL's `void *params`; the first error stops the
    /// evaluation (NaN is returned to GSL) and is rethrown after the call.
    private final class Callback {
        let body: (Double) throws -> Double
        var error: Error?
        init(_ body: @escaping (Double) throws -> Double) { self.body = body }
    }

    private static func withFunction<R>(_ f: @escaping (Double) throws -> Double,
                                        _ use: (UnsafePointer<gsl_function>) -> R) throws -> R {
        _ = handlerOff
        let box = Callback(f)
        let result: R = withExtendedLifetime(box) {
            var function = gsl_function(function: { x, params in
                let box = Unmanaged<Callback>.fromOpaque(params!).takeUnretainedValue()
                if box.error != nil { return .nan }
                do { return try box.body(x) } catch { box.error = error; return .nan }
            }, params: Unmanaged.passUnretained(box).toOpaque())
            return use(&function)
        }
        if let error = box.error { throw error }
        return result
    }

    // MARK: root finding

    /// Root of f on [lower, upper] (f(lower), f(upper) of opposite sign or zero) by Brent's method,
    /// iterated until the bracket is `relativeTolerance` wide (default: a few ulp) or stops shrinking.
    public static func brentRoot(in lower: Double, _ upper: Double, relativeTolerance: Double = 4 * Double.ulpOfOne,
                                 absoluteTolerance: Double = 0,
                                 _ f: @escaping (Double) throws -> Double) throws -> Double {
        let fa = try f(lower), fb = try f(upper)
        if fa == 0 { return lower }
        if fb == 0 { return upper }
        guard (fa < 0) != (fb < 0) else {
            throw Failure(function: "gsl_root_fsolver_brent (no sign change on [\(lower), \(upper)])", argument: lower, status: GSL_EINVAL)
        }
        return try withFunction(f) { function -> Double in
            guard let solver = gsl_root_fsolver_alloc(filament_gsl_brent()) else { return .nan }
            defer { gsl_root_fsolver_free(solver) }
            gsl_root_fsolver_set(solver, UnsafeMutablePointer(mutating: function), lower, upper)
            var width = upper - lower, stalled = 0
            for _ in 0..<500 where stalled < 8 {
                guard Int(gsl_root_fsolver_iterate(solver)) == Int(GSL_SUCCESS) else { break }
                let a = gsl_root_fsolver_x_lower(solver), b = gsl_root_fsolver_x_upper(solver)
                if Int(gsl_root_test_interval(a, b, absoluteTolerance, relativeTolerance)) == Int(GSL_SUCCESS) { break }
                stalled = b - a < width ? 0 : stalled + 1  // the bracket no longer shrinks
                width = b - a
            }
            return gsl_root_fsolver_root(solver)
        }
    }

    // MARK: quadrature

    /// ∫_a^b f by GSL's adaptive QAGP; `breakpoints` (inside (a, b)) mark integrable singularities,
    /// jumps or kinks of f. Throws when the requested accuracy is not reached (round-off-limited
    /// results within 1000× the tolerance are accepted).
    public static func integrate(_ a: Double, _ b: Double, breakpoints: [Double] = [],
                                 absoluteTolerance: Double = 1e-12, relativeTolerance: Double = 1e-10,
                                 _ f: @escaping (Double) throws -> Double) throws -> Double {
        let inner = breakpoints.filter { $0 > a && $0 < b }.sorted()
        var points = [a] + inner + [b]
        let limit = 1000
        var value = 0.0, error = 0.0
        let status: Int = try withFunction(f) { function in
            guard let work = gsl_integration_workspace_alloc(limit) else { return GSL_ENOMEM }
            defer { gsl_integration_workspace_free(work) }
            return Int(gsl_integration_qagp(function, &points, points.count, absoluteTolerance, relativeTolerance,
                                            limit, work, &value, &error))
        }
        // GSL_EROUND: round-off stopped the refinement; the estimate is kept when GSL's own error
        // bound is within 1000× the request (it is the best estimate GSL can give).
        let tolerance = max(absoluteTolerance, relativeTolerance * abs(value))
        guard Int(status) == Int(GSL_SUCCESS) || (Int(status) == Int(GSL_EROUND) && error <= 1000 * tolerance) else {
            throw Failure(function: "gsl_integration_qagp on [\(a), \(b)]", argument: a, status: status)
        }
        return value
    }

    // MARK: interpolation

    /// Monotone piecewise-cubic interpolant (Steffen) of tabulated y(x), x strictly increasing, with
    /// its exact integral. Immutable after construction; evaluation is thread-safe.
    public final class MonotoneSpline: @unchecked Sendable {
        public let x: [Double]
        public let y: [Double]
        private let interp: UnsafeMutablePointer<gsl_interp>

        public init(x: [Double], y: [Double]) throws {
            _ = GSL.handlerOff
            guard x.count == y.count, x.count >= 3, zip(x, x.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw Failure(function: "gsl_interp_init (need ≥ 3 strictly increasing nodes)", argument: Double(x.count), status: GSL_EINVAL)
            }
            guard let p = gsl_interp_alloc(filament_gsl_steffen(), x.count) else {
                throw Failure(function: "gsl_interp_alloc", argument: Double(x.count), status: GSL_ENOMEM)
            }
            self.x = x
            self.y = y
            interp = p
            let status = gsl_interp_init(p, x, y, x.count)
            guard Int(status) == Int(GSL_SUCCESS) else { throw Failure(function: "gsl_interp_init", argument: 0, status: Int(status)) }
        }

        deinit { gsl_interp_free(interp) }

        /// y(t), t clamped to the tabulated range.
        public func value(_ t: Double) -> Double {
            let c = min(max(t, x[0]), x[x.count - 1])
            var v = 0.0
            _ = gsl_interp_eval_e(interp, x, y, c, nil, &v)
            return v
        }

        /// ∫_{x0}^{t} y, t clamped to the tabulated range.
        public func integral(to t: Double) -> Double {
            let c = min(max(t, x[0]), x[x.count - 1])
            var v = 0.0
            _ = gsl_interp_eval_integ_e(interp, x, y, x[0], c, nil, &v)
            return v
        }
    }
}
