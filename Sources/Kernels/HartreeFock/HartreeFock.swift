/// Namespace of the Hartree–Fock driven-dissipative Hubbard kernel (HF = Li, Aron, Kotliar, Han,
/// "Microscopic theory of resistive switching in ordered insulators: electronic vs. thermal
/// mechanism", Nano Lett. 17, 2994 (2017)). Everything is in model units: hopping t = 1, ħ = e = a = k_B = 1.
///
/// The 2×2 complex matrices below are private to the kernel; they are nested here so that they
/// cannot collide with other kernels of this module. Complex numbers are swift-numerics'.
public enum HartreeFock {}

extension HartreeFock {
    /// A 2×2 complex matrix [[a, b], [c, d]].
    struct Matrix2: Sendable, Equatable {
        var a: Complex
        var b: Complex
        var c: Complex
        var d: Complex

        static let zero = Matrix2(a: .zero, b: .zero, c: .zero, d: .zero)
        static let identity = Matrix2(a: .one, b: .zero, c: .zero, d: .one)

        /// Real matrix [[a, b], [c, d]].
        init(_ a: Double, _ b: Double, _ c: Double, _ d: Double) {
            self.init(a: Complex(a), b: Complex(b), c: Complex(c), d: Complex(d))
        }

        @inline(__always) init(a: Complex, b: Complex, c: Complex, d: Complex) {
            self.a = a
            self.b = b
            self.c = c
            self.d = d
        }

        /// Diagonal matrix diag(x, y).
        @inline(__always) static func diagonal(_ x: Complex, _ y: Complex) -> Matrix2 {
            Matrix2(a: x, b: .zero, c: .zero, d: y)
        }

        /// Conjugate transpose.
        @inline(__always) var adjoint: Matrix2 {
            Matrix2(a: a.conjugate, b: c.conjugate, c: b.conjugate, d: d.conjugate)
        }

        @inline(__always) var trace: Complex { a + d }

        /// Inverse by the adjugate formula (the matrices inverted here are ω + iΓ − H, never singular).
        @inline(__always) var inverse: Matrix2 {
            let det = a * d - b * c
            let r = Complex.one / det
            return Matrix2(a: d * r, b: Complex.zero - b * r, c: Complex.zero - c * r, d: a * r)
        }

        @inline(__always) static func + (x: Matrix2, y: Matrix2) -> Matrix2 {
            Matrix2(a: x.a + y.a, b: x.b + y.b, c: x.c + y.c, d: x.d + y.d)
        }

        @inline(__always) static func - (x: Matrix2, y: Matrix2) -> Matrix2 {
            Matrix2(a: x.a - y.a, b: x.b - y.b, c: x.c - y.c, d: x.d - y.d)
        }

        @inline(__always) static func * (x: Matrix2, y: Matrix2) -> Matrix2 {
            Matrix2(a: x.a * y.a + x.b * y.c, b: x.a * y.b + x.b * y.d,
                    c: x.c * y.a + x.d * y.c, d: x.c * y.b + x.d * y.d)
        }

        @inline(__always) static func * (s: Double, x: Matrix2) -> Matrix2 {
            Matrix2(a: s * x.a, b: s * x.b, c: s * x.c, d: s * x.d)
        }

        /// Tr(W·M) for a real weight matrix W (used to read a site out of a layer block).
        @inline(__always) func weightedTrace(_ w: Matrix2) -> Complex {
            w.a.real * a + w.b.real * c + w.c.real * b + w.d.real * d
        }
    }
}
