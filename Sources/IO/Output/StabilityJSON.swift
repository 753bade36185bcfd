import Foundation
import Solvers

/// The `stability` object of `summary.json` and the field arrays of an unstable mode.
public enum StabilityJSON {
    public enum Name {
        public static let modeTemperature = "unstable_mode_dT [1, max |dT| = 1]"
        public static let modeMetalFraction = "unstable_mode_dphi [1 per unit dT]"
        public static let modePotential = "unstable_mode_dPhi [V per unit dT]"
    }

    /// verdict, leading eigenvalue (1/s), its residual, every eigenvalue found, the time scale,
    /// and how the check was made.
    public static func json(_ r: StabilityReport) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("verdict", .string(r.verdict.rawValue))]
        if let leading = r.leading {
            pairs += [
                ("leading_eigenvalue_real_per_s", .number(leading.real)),
                ("leading_eigenvalue_imag_per_s", .number(leading.imaginary + 0)),   // + 0: no "-0.0"
                ("leading_residual", .number(leading.residual)),
                (leading.real < 0 ? "decay_time_s" : "growth_time_s", .number(1 / abs(leading.real))),
            ]
        }
        pairs += [
            ("eigenvalues_per_s", .array(r.eigenvalues.map { .array([.number($0.real), .number($0.imaginary + 0)]) })),
            ("eigenvalue_residuals", .array(r.eigenvalues.map { .number($0.residual) })),
            ("cells_following_threshold", .integer(r.cellsFollowingThreshold)),
            ("check_wall_time_s", .number(r.seconds)),
            ("mode_in_fields", .bool(r.verdict == .unstable && r.mode != nil)),
            ("detail", .string(r.detail)),
            ("note", .string("eigenvalues lambda (1/s, [real, imaginary], largest real part first) of the linearised transient problem C dT/dt = -F nearest 0; stable: every found Re lambda < 0; unknown: the eigen-solve did not converge or its residual exceeds 1e-6, so nothing is claimed (docs/model.md section 7)")),
        ]
        return .object(pairs)
    }

    /// The unstable mode as cell arrays (δT scaled to max |δT| = 1, δφ and δΦ per unit δT).
    public static func modeFields(_ mode: StabilityReport.Mode) -> [(name: String, values: [Double])] {
        [(Name.modeTemperature, mode.temperature), (Name.modeMetalFraction, mode.metalFraction), (Name.modePotential, mode.potential)]
    }
}
