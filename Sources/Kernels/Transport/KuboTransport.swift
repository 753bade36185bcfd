import Foundation

/// DC transport coefficients in model units (ħ = e = a = k_B = 1, energies in D).
public struct TransportCoefficients: Sendable, Equatable {
    /// Dimensionless conductivity s: σ = s · e²/(ħ a) in SI.
    public var conductivity: Double
    /// Seebeck coefficient in units of k_B/e.
    public var seebeck: Double
    /// Chemical potential fixing the filling (units of D, measured from the p–h symmetric point).
    public var chemicalPotential: Double
}

/// Kubo bubble without vertex corrections (exact in DMFT for the current vertex; PH Eq. 23 with
/// the lattice's transport function in place of τ_tr D v²):
///
///   L_n = ∫dω (−∂f/∂ω)(ω − μ)ⁿ Ξ(ω),  Ξ(ω) = ½ Σ_m ∫dε Φ_λ(ε) A_m(ε, ω)²,
///   A_m(ε, ω) = −Im[1/(ω + iΓ − ε_m − Σ_m(ω) − ε)]/π,
///   σ = 2π L₀ · e²/(ħa)  (spin included),   S = −(k_B/e) L₁/(T L₀)   (PH Eq. 26).
///
/// μ is fixed by the electron count of the T = 0 state (PH's neutrality condition, text above
/// PH Eq. 27): ∫dω ρ_λ(ω)[f(ω − μ) − θ(−ω)] = 0 with ρ_λ = ½ Σ_m ∫dε D_λ(ε) A_m(ε, ω).
/// The self-energy is that of the particle–hole symmetric model; the asymmetry λ enters only
/// through D_λ and Φ_λ (first order in λ, docs/kernels.md §Asymmetry).
public struct KuboTransport: Sendable {
    public let function: TransportFunction
    /// Integration window |ω − μ| ≤ window·T.
    public var window: Double = 40

    public init(function: TransportFunction) { self.function = function }

    /// Coefficients for the lattice spectral function with bands ζ_m(ω) = ω + iΓ − ε_m − Σ_m(ω)
    /// sampled on a uniform grid `omegas` at temperature T (window |ω| ≤ 40T + 0.5 D).
    public func coefficients(omegas: [Double], bands: [[Complex]], temperature t: Double) -> TransportCoefficients {
        let lo = -window * t - 0.5, hi = window * t + 0.5
        let idx = omegas.indices.filter { omegas[$0] >= lo && omegas[$0] <= hi }
        var rho = [Double](repeating: 0, count: idx.count), xi = rho
        for (k, i) in idx.enumerated() {
            for band in bands {
                let m = function.spectralMoments(band[i])
                rho[k] += m.density / Double(bands.count)
                xi[k] += m.transport / Double(bands.count)
            }
        }
        return coefficients(omegas: idx.map { omegas[$0] }, density: rho, kernel: xi, temperature: t)
    }

    /// Coefficients from a local DOS ρ(ω) (fixes μ) and transport kernel Ξ(ω) on a uniform grid.
    /// For a band model with constant τ_tr v², Ξ ∝ ρ and this is PH Eq. 26 directly.
    public func coefficients(omegas w: [Double], density rho: [Double], kernel xi: [Double],
                             temperature t: Double) -> TransportCoefficients {
        let h = w[1] - w[0]
        let mu = chemicalPotential(w, rho, h, t)
        var l0 = 0.0, l1 = 0.0
        for k in w.indices {
            let d = w[k] - mu, minusDf = fermiDerivative(d, t)
            l0 += minusDf * xi[k] * h
            l1 += minusDf * d * xi[k] * h
        }
        return TransportCoefficients(conductivity: 2 * Double.pi * l0, seebeck: -l1 / (t * l0), chemicalPotential: mu)
    }

    /// Coefficients of a converged real-axis DMFT solution.
    public func coefficients(_ s: RealAxisSolution) -> TransportCoefficients {
        let w = s.grid.frequencies, (eb, ea) = s.model.bandOffsets, gamma = s.model.bathCoupling
        let zb = w.indices.map { Complex(w[$0] - eb, gamma) - s.selfEnergy.bonding[$0] }
        let za = w.indices.map { Complex(w[$0] - ea, gamma) - s.selfEnergy.antibonding[$0] }
        return coefficients(omegas: w, bands: s.model.isDimer ? [zb, za] : [zb], temperature: s.model.temperature)
    }

    /// −∂f/∂ω at ω (measured from μ).
    func fermiDerivative(_ x: Double, _ t: Double) -> Double {
        let e = exp(-abs(x) / t)
        return e / (t * (1 + e) * (1 + e))
    }

    /// Bisection for N(μ) = Σ ρ(ω)[f(ω − μ) − θ(−ω)] h = 0 (N is increasing in μ).
    func chemicalPotential(_ w: [Double], _ rho: [Double], _ h: Double, _ t: Double) -> Double {
        func count(_ mu: Double) -> Double {
            var n = 0.0
            for k in w.indices {
                let x = (w[k] - mu) / t
                let f = x > 0 ? exp(-x) / (1 + exp(-x)) : 1 / (1 + exp(x))
                n += rho[k] * (f - (w[k] < 0 ? 1 : 0))
            }
            return n * h
        }
        var a = -0.5, b = 0.5
        guard count(a) < 0, count(b) > 0 else { return 0 }
        for _ in 0..<80 {
            let m = 0.5 * (a + b)
            if count(m) < 0 { a = m } else { b = m }
        }
        return 0.5 * (a + b)
    }
}
