import Foundation

/// The non-interacting lattice entering the DMFT self-consistency through its local Green's
/// function (the Hilbert transform of its density of states), G(z) = ∫ dε D(ε)/(z − ε).
///
/// Energies are in units of the half bandwidth D (the DHM paper's unit 4t for the square lattice,
/// DHM §II). `bethe`: semicircular DOS (infinite coordination); `square`: 2D nearest-neighbour
/// square lattice, D = 4t.
public enum Lattice: String, Sendable, CaseIterable {
    case bethe
    case square

    /// G(z) for Im z ≠ 0, half bandwidth `d`.
    ///
    /// Bethe: G = 2(z − s)/D² with s = √(z−D)·√(z+D) (branch cut on [−D, D], s → z at ∞).
    /// Square: G = (2/πz) K(D/z) = 1/(z · AGM(1, s/z)), K the complete elliptic integral.
    public func localGreen(_ z: Complex, halfBandwidth d: Double = 1) -> Complex {
        let s = Complex.sqrt(z - Complex(d)) * Complex.sqrt(z + Complex(d))
        switch self {
        case .bethe:
            return (2 / (d * d)) * (z - s)
        case .square:
            return 1 / (z * Self.agm(Complex(1), s / z))
        }
    }

    /// Density of states D(ε) (per spin, normalised to 1) for |ε| < D.
    public func density(_ e: Double, halfBandwidth d: Double = 1) -> Double {
        let x = e / d
        guard abs(x) < 1 else { return 0 }
        switch self {
        case .bethe:
            return 2 / (Double.pi * d) * (1 - x * x).squareRoot()
        case .square:
            // D(ε) = (2/π²D) K(√(1 − ε²/D²)), K(k) = π / (2 AGM(1, √(1−k²))).
            guard x != 0 else { return .infinity }
            let kPrime = abs(x)
            return 1 / (Double.pi * d * Self.agm(Complex(1), Complex(kPrime)).real)
        }
    }

    /// Arithmetic–geometric mean with the "right" square-root choice at each step
    /// (|a' − b'| ≤ |a' + b'|), which continues K(k) analytically off the real axis.
    static func agm(_ a0: Complex, _ b0: Complex) -> Complex {
        var a = a0, b = b0
        for _ in 0..<60 {
            let an = 0.5 * (a + b)
            var bn = Complex.sqrt(a * b)
            if (an - bn).lengthSquared > (an + bn).lengthSquared { bn = -bn }
            a = an; b = bn
            if (a - b).lengthSquared <= 1e-30 * a.lengthSquared { break }
        }
        return a
    }
}
