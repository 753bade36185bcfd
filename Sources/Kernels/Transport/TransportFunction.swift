import Foundation

/// Lattice density of states D_λ(ε) and transport function Φ_λ(ε) = Σ_k v_x,k² δ(ε − ε_k) on a
/// piecewise-linear ε mesh (cosine-clustered at the band edges), with an optional
/// particle–hole asymmetry.
///
/// Symmetric lattices (units of the half bandwidth D, per spin):
/// Bethe Φ(ε) = D(ε)(D² − ε²)/3 (the standard infinite-coordination transport function);
/// square lattice (D = 4t): Φ(ε) = ∫₀^π (dk/π) 4t² sin²k · ρ₁(ε + 2t cos k), ρ₁ the 1D DOS
/// of the other direction, evaluated by quadrature.
///
/// Asymmetry (the documented route to S ≠ 0, docs/kernels.md §Asymmetry): both functions are
/// tilted by e^{−λε/D} and D_λ renormalised to one state; λ > 0 puts more weight at the bottom
/// of the band. In the Mott insulator the bottom of the band maps onto the gap edge of the
/// *upper* Hubbard band and the top onto the gap edge of the lower one, so the hole side is
/// the heavier one (S > 0) for λ < 0.
public struct TransportFunction: Sendable {
    public let lattice: Lattice
    public let tilt: Double
    public let nodes: [Double]
    public let density: [Double]
    public let transport: [Double]

    public init(lattice: Lattice, tilt: Double = 0, segments: Int = 256) {
        self.lattice = lattice
        self.tilt = tilt
        let e: [Double] = (0...segments).map { (k: Int) -> Double in -cos(Double.pi * Double(k) / Double(segments)) }
        nodes = e
        var d: [Double] = e.map { (x: Double) -> Double in
            lattice == .square && abs(x) < 1e-12 ? Self.squareDensityNearZero(e) : lattice.density(x)
        }
        var phi = e.map { Self.symmetricTransport(lattice, $0) }
        let weights = e.map { exp(-tilt * $0) }
        d = zip(d, weights).map { $0 * $1 }
        phi = zip(phi, weights).map { $0 * $1 }
        let norm = Self.trapezoid(e, d)
        density = d.map { $0 / norm }
        transport = phi.map { $0 / norm }
    }

    static func trapezoid(_ x: [Double], _ y: [Double]) -> Double {
        var s = 0.0
        for j in 1..<x.count { s += 0.5 * (y[j] + y[j - 1]) * (x[j] - x[j - 1]) }
        return s
    }

    /// The square-lattice DOS diverges logarithmically at ε = 0; the node there takes the
    /// average of the DOS over its two neighbouring cells so the integral stays right.
    static func squareDensityNearZero(_ e: [Double]) -> Double {
        let h = e.filter { $0 > 0 }.min() ?? 1e-3
        // ∫₀^h D dε ≈ h·D(h) + (h/πD)... use the leading log: D ≈ (1/π²)ln(16/ε²).
        return (1 / (Double.pi * Double.pi)) * (log(16 / (h * h)) + 2)
    }

    static func symmetricTransport(_ lattice: Lattice, _ e: Double) -> Double {
        guard abs(e) < 1 else { return 0 }
        switch lattice {
        case .bethe:
            return lattice.density(e) * (1 - e * e) / 3
        case .square:
            // t = 1/4; Φ(ε) = ∫₀^π dk/π · 4t² sin²k · 1/(π√(4t² − (ε + 2t cos k)²)), substitution-free
            // midpoint rule on a fine k mesh (the inverse-square-root ends are integrable).
            let t = 0.25, n = 4000
            var s = 0.0
            for j in 0..<n {
                let k = Double.pi * (Double(j) + 0.5) / Double(n)
                let x = e + 2 * t * cos(k), r = 4 * t * t - x * x
                if r > 0 { s += 4 * t * t * sin(k) * sin(k) / (Double.pi * r.squareRoot()) }
            }
            return s / Double(n)
        }
    }

    /// ∫dε D_λ(ε) A(ε) and ∫dε Φ_λ(ε) A(ε)² for the Lorentzian A(ε) = (γ/π)/((ε − x)² + γ²) of the
    /// lattice Green's function 1/(ζ − ε), ζ = x + iγ (γ > 0); exact for the piecewise-linear D_λ, Φ_λ.
    @inlinable
    public func spectralMoments(_ zeta: Complex) -> (density: Double, transport: Double) {
        let x = zeta.real, g = max(zeta.imaginary, 1e-300)
        var dens = 0.0, trans = 0.0
        var u0 = (nodes[0] - x) / g
        var atan0 = atan(u0), q0 = 1 + u0 * u0
        for j in 0..<(nodes.count - 1) {
            let u1 = (nodes[j + 1] - x) / g
            let atan1 = atan(u1), q1 = 1 + u1 * u1
            let h = nodes[j + 1] - nodes[j]
            let sd = (density[j + 1] - density[j]) / h, st = (transport[j + 1] - transport[j]) / h
            let cd = density[j] + sd * (x - nodes[j]), ct = transport[j] + st * (x - nodes[j])
            dens += cd * (atan1 - atan0) + sd * 0.5 * g * log(q1 / q0)
            trans += ct * ((atan1 + u1 / q1) - (atan0 + u0 / q0)) / (2 * g) - st * 0.5 * (1 / q1 - 1 / q0)
            u0 = u1; atan0 = atan1; q0 = q1
        }
        return (dens / Double.pi, trans / (Double.pi * Double.pi))
    }
}
