import Foundation

/// A double-precision complex number, just enough arithmetic for Green's functions.
///
/// Kept local to `Kernels` so that the package does not depend on swift-numerics.
public struct Complex: Sendable, Equatable, CustomStringConvertible {
    public var re: Double
    public var im: Double

    @inlinable public init(_ re: Double, _ im: Double = 0) { self.re = re; self.im = im }

    public static let zero = Complex(0, 0)
    public static let i = Complex(0, 1)

    @inlinable public var conjugate: Complex { Complex(re, -im) }
    @inlinable public var magnitudeSquared: Double { re * re + im * im }
    /// |z| as √(re² + im²) (no hypot: the values met here are far from overflow, and this is hot).
    @inlinable public var magnitude: Double { (re * re + im * im).squareRoot() }
    public var description: String { "(\(re), \(im))" }

    @inlinable public static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    @inlinable public static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    @inlinable public static prefix func - (a: Complex) -> Complex { Complex(-a.re, -a.im) }
    @inlinable public static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    @inlinable public static func * (a: Double, b: Complex) -> Complex { Complex(a * b.re, a * b.im) }
    @inlinable public static func / (a: Complex, b: Complex) -> Complex {
        // Smith's algorithm avoids overflow for large |b|.
        if abs(b.re) >= abs(b.im) {
            let r = b.im / b.re, d = b.re + r * b.im
            return Complex((a.re + r * a.im) / d, (a.im - r * a.re) / d)
        } else {
            let r = b.re / b.im, d = b.im + r * b.re
            return Complex((a.re * r + a.im) / d, (a.im * r - a.re) / d)
        }
    }
    @inlinable public static func / (a: Double, b: Complex) -> Complex { Complex(a, 0) / b }
    @inlinable public static func += (a: inout Complex, b: Complex) { a = a + b }

    /// Principal square root (branch cut on the negative real axis, Re √z ≥ 0).
    @inlinable public var squareRoot: Complex {
        let m = magnitude
        if m == 0 { return .zero }
        let r = (0.5 * (m + abs(re))).squareRoot()
        if re >= 0 { return Complex(r, im / (2 * r)) }
        return Complex(abs(im) / (2 * r), im >= 0 ? r : -r)
    }

    /// e^{iθ}.
    @inlinable public static func phase(_ theta: Double) -> Complex { Complex(cos(theta), sin(theta)) }
}
