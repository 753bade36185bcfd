import Foundation

/// Local Green's function of the simple cubic lattice (hopping t = 1, band |ε| < 6) on the real
/// axis, built from the square lattice's closed form and one quadrature over k_z:
///
///     G_sc(ω) = (1/π) ∫_0^π dk G_sq(ω − 2 cos k),
///     G_sq(x) = (2/(πx)) K(4/x)                       for |x| > 4 (real),
///     G_sq(x) = [sgn(x) K(|x|/4) − i K(√(1 − x²/16))]/(2π)   for |x| < 4,
///
/// with K the complete elliptic integral of the first kind (GSL). The k-integrand has a log
/// singularity where ω − 2cos k = 0 and ±4 (and Re G_sq jumps at 0); these points are given to
/// GSL's QAGP as breakpoints. ρ_sc(ε) = −Im G_sc/π is tabulated once on a grid clustered at the van
/// Hove points ε = ±2 and the band edges ±6 and interpolated monotonically (Steffen), which also
/// gives N(x) = ∫_0^x ρ_sc exactly for the interpolant.
public final class CubicLatticeGreen: Sendable {
    /// The shared table (built on first use, ≈ 400 quadratures).
    public static let shared = CubicLatticeGreen()

    /// Monotone interpolant of ρ_sc on [0, 6] (ρ is even).
    public let densityTable: GSL.MonotoneSpline
    /// ρ_sc(0) (t = 1).
    public let densityAtZero: Double
    /// d Re G_sc/dω at ω = 0 (t = 1), by Richardson extrapolation of Re G_sc(h)/h.
    public let slopeAtZero: Double

    init(nodesPerSegment n: Int = 160) {
        // [0, 2]: ε = 2 − 2(1 − s)² (clustered at the van Hove point); [2, 6]: ε = 4 − 2 cos πs.
        var eps = (0..<n).map { 2 - 2 * pow(1 - Double($0) / Double(n), 2) }
        eps += (0...n).map { 4 - 2 * cos(Double.pi * Double($0) / Double(n)) }
        // At ε = 2 itself the k-singularities coalesce with the end point k = 0 and QAGP's estimate
        // is 8e-6 low; the node is moved to 2 − 1e-5, where ρ differs from ρ(2) by 2e-8.
        eps[n] = 2 - 1e-5
        let rho = eps.map { (try? CubicLatticeGreen.density($0)) ?? .nan }
        // ρ is only finite at the nodes; the table cannot fail for these strictly increasing nodes.
        // The interpolant is normalised to ∫_0^6 ρ = ½ (a correction of ≈ 1e-6), so that N(x)
        // reaches exactly ½ at the band edge. Nodes are strictly increasing, so the table builds.
        let raw = try! GSL.MonotoneSpline(x: eps, y: rho.map { $0.isFinite ? max($0, 0) : 0 })
        let scale = 0.5 / raw.integral(to: 6)
        densityTable = try! GSL.MonotoneSpline(x: eps, y: raw.y.map { $0 * scale })
        densityAtZero = rho[0]
        let f = { (h: Double) in ((try? CubicLatticeGreen.part(h, \.real)) ?? .nan) / h }
        let h = 1e-3
        slopeAtZero = (4 * f(h) - f(2 * h)) / 3
    }

    /// Square-lattice G_sq(x + i0), t = 1 (see the type's comment).
    static func squareGreen(_ x: Double) throws -> Complex {
        let a = abs(x)
        if a > 4 { return Complex(2 / (Double.pi * x) * (try GSL.ellipticK(4 / a)), 0) }
        let kr = min(a / 4, 1 - 1e-16), ki = min((1 - x * x / 16).squareRoot(), 1 - 1e-16)
        let re = (x == 0 ? 0 : (x < 0 ? -1.0 : 1.0)) * (try GSL.ellipticK(kr)) / (2 * Double.pi)
        return Complex(re, -(try GSL.ellipticK(ki)) / (2 * Double.pi))
    }

    /// G_sc(ω + i0), t = 1, by QAGP over k_z (absolute accuracy ≈ 1e-11).
    public static func green(_ w: Double) throws -> Complex {
        Complex(try part(w, \.real), try part(w, \.imaginary))
    }

    /// ρ_sc(ε) = −Im G_sc(ε)/π, t = 1.
    public static func density(_ e: Double) throws -> Double { -(try part(e, \.imaginary)) / Double.pi }

    private static func part(_ w: Double, _ component: KeyPath<Complex, Double>) throws -> Double {
        var points: [Double] = []
        for c in [w / 2, (w - 4) / 2, (w + 4) / 2] where abs(c) < 1 { points.append(acos(c)) }
        let f = { (k: Double) throws -> Double in try squareGreen(w - 2 * cos(k))[keyPath: component] }
        // QAGP reports round-off near the log singularities for some ω at 1e-11; the looser
        // second pass (1e-9) then always succeeds.
        do {
            return try GSL.integrate(0, Double.pi, breakpoints: points, absoluteTolerance: 1e-12, relativeTolerance: 1e-11, f) / Double.pi
        } catch {
            return try GSL.integrate(0, Double.pi, breakpoints: points, absoluteTolerance: 1e-10, relativeTolerance: 1e-9, f) / Double.pi
        }
    }
}
