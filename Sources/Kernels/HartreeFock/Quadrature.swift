import Foundation

extension HartreeFock {
    /// Gauss–Legendre nodes and weights on an interval (`GSL.gaussLegendre`). Exact for
    /// polynomials of degree ≤ 2n − 1.
    struct GaussLegendre: Sendable {
        let nodes: [Double]
        let weights: [Double]

        /// Rule with `count` points on [lower, upper], nodes increasing; the weights sum to
        /// upper − lower.
        init(count: Int, lower: Double = -1, upper: Double = 1) {
            (nodes, weights) = GSL.gaussLegendre(count: count, lower: lower, upper: upper)
        }

        /// ∫ g over the interval.
        func integrate(_ g: (Double) -> Double) -> Double {
            var sum = 0.0
            for i in nodes.indices { sum += weights[i] * g(nodes[i]) }
            return sum
        }
    }

    /// Complete elliptic integral of the first kind K(k) given the complementary modulus
    /// k' = √(1 − k²) (0 < k' ≤ 1), from the arithmetic–geometric mean: K = π / (2 AGM(1, k')).
    /// Passing k' keeps full precision near the logarithmic singularity k → 1.
    static func ellipticK(complementaryModulus kPrime: Double) -> Double {
        var a = 1.0
        var b = kPrime
        for _ in 0..<60 {
            let an = 0.5 * (a + b)
            b = (a * b).squareRoot()
            a = an
            if abs(a - b) <= 1e-16 * a { break }
        }
        return Double.pi / (2 * a)
    }

    /// Density of states per site and spin of the square lattice with nearest-neighbour hopping
    /// t = 1, ε_k = −2(cos k_x + cos k_y):  ρ(ε) = K(√(1 − ε²/16)) / (2π²) for |ε| < 4.
    static func squareLatticeDOS(_ energy: Double) -> Double {
        let x = energy / 4
        guard abs(x) < 1, x != 0 else { return 0 }
        return ellipticK(complementaryModulus: abs(x)) / (2 * Double.pi * Double.pi)
    }

    /// ∫_0^4 ρ(ε) g(ε) dε with the log-singular DOS at ε = 0 handled by ε = 4x² and Gauss–Legendre
    /// panels graded geometrically towards x = 0 (the piece below x = 1e-9 is dropped: it is
    /// below 1e-16 for the integrands used here).
    static func integrateOverHalfBand(_ g: (Double) -> Double) -> Double {
        let rule = GaussLegendre(count: 12)
        var upper = 1.0
        var total = 0.0
        while upper > 1e-9 {
            let lower = upper / 2
            let half = 0.5 * (upper - lower)
            let mid = 0.5 * (upper + lower)
            for i in rule.nodes.indices {
                let x = mid + half * rule.nodes[i]
                let eps = 4 * x * x
                total += rule.weights[i] * half * 8 * x * squareLatticeDOS(eps) * g(eps)
            }
            upper = lower
        }
        return total
    }
}
