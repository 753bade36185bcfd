import _CGSL

/// Modified Bessel functions K0 and K1 of the GNU Scientific Library (`gsl_sf_bessel_K0_e`,
/// `gsl_sf_bessel_K1_e`). This file is the only place that touches GSL: the library's abort-on-
/// error handler is switched off once and every call's status code is checked, so that no C
/// pointer, handler or error code escapes into Swift callers.
public enum GSLBessel {
    /// A GSL call that returned a non-zero status (e.g. underflow for very large x).
    public struct Failure: Error, CustomStringConvertible {
        public let function: String
        public let argument: Double
        public let status: Int32
        public var description: String { "GSL \(function)(\(argument)) failed with status \(status)" }
    }

    /// Switches off GSL's default handler (which aborts the process) exactly once.
    private static let handlerOff: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// K0(x) for x > 0.
    public static func k0(_ x: Double) throws -> Double {
        try call("gsl_sf_bessel_K0_e", x) { gsl_sf_bessel_K0_e(x, $0) }
    }

    /// K1(x) for x > 0.
    public static func k1(_ x: Double) throws -> Double {
        try call("gsl_sf_bessel_K1_e", x) { gsl_sf_bessel_K1_e(x, $0) }
    }

    private static func call(_ name: String, _ x: Double,
                             _ body: (UnsafeMutablePointer<gsl_sf_result>) -> Int32) throws -> Double {
        _ = handlerOff
        var result = gsl_sf_result(val: 0, err: 0)
        let status = body(&result)
        guard Int(status) == Int(GSL_SUCCESS) else { throw Failure(function: name, argument: x, status: status) }
        return result.val
    }
}
