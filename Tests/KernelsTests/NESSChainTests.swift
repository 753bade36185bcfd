import Foundation
import Testing
@testable import Kernels

/// U = 0 in a field: the semi-infinite-chain recursion (DHM Eq. 7) against an independent finite
/// chain in the linear potential, solved in real space.
@Suite struct NESSChainTests {
    /// Local observables of the finite chain x = −L … L per k_y: H_xx = ε_k − E x, hopping −t, each
    /// site coupled (Γ) to its own bath at chemical potential −E x and temperature T. For each ω the
    /// rows c and c+1 of G^R = (ω − H + iΓ)⁻¹ come from two tridiagonal (Thomas) solves;
    /// G^K_cc = Σ_l |G^R_cl|² Σ^K_l and G^<_{c,c+1} = Σ_l G^R_cl Σ^<_l (G^R_{c+1,l})*.
    struct FiniteChain {
        let sites: Int, temperature: Double, gamma: Double, field: Double
        var t: Double { 0.25 }

        func row(_ omega: Double, _ ek: Double, _ target: Int) -> [Complex] {
            let n = 2 * sites + 1
            var cp = [Complex](repeating: .zero, count: n), dp = cp
            let off = Complex(t)   // (ω − H)_{x,x±1} = +t
            for x in 0..<n {
                let diag = Complex(omega - ek + field * Double(x - sites), gamma)
                let rhs = x == target ? Complex(1) : .zero
                let denom = x == 0 ? diag : diag - off * cp[x - 1]
                cp[x] = off / denom
                dp[x] = x == 0 ? rhs / denom : (rhs - off * dp[x - 1]) / denom
            }
            var g = [Complex](repeating: .zero, count: n)
            g[n - 1] = dp[n - 1]
            for x in stride(from: n - 2, through: 0, by: -1) { g[x] = dp[x] - cp[x] * g[x + 1] }
            return g
        }

        /// (Im G^R_cc, Im G^K_cc, bond current density 2t Re G^<_{c,c+1}) at ω.
        func local(_ omega: Double, _ ek: Double) -> (Double, Double, Double) {
            let c = sites, g0 = row(omega, ek, c), g1 = row(omega, ek, c + 1)
            var k = 0.0, lesser = Complex.zero
            for l in g0.indices {
                let w = omega + field * Double(l - sites)
                let f = 1 / (1 + exp(w / temperature))
                k += g0[l].lengthSquared * (-2 * gamma * tanh(w / (2 * temperature)))
                lesser += g0[l] * Complex(0, 2 * gamma * f) * g1[l].conjugate
            }
            return (g0[c].imaginary, k, 2 * t * lesser.real)
        }
    }

    @Test func semiInfiniteChainMatchesFiniteChain() throws {
        let temperature = 0.05, gamma = 0.1, kPoints = 4
        var results: [(Double, Double, Double)] = []
        for field in [0.004, 0.04, 0.4, 4.0] {
            let d = DrivenHubbardModel(model: HubbardModel(lattice: .square, interaction: 0, temperature: temperature,
                                                           bathCoupling: gamma), field: field)
            let s = try NESSSolver(kPoints: kPoints, targetSpacing: 0.004, halfWidth: 8).solve(d)
            let converged = s.converged
            #expect(converged)
            let grid = s.fieldGrid.grid, h = grid.spacing
            let chain = FiniteChain(sites: 45, temperature: temperature, gamma: gamma, field: s.observables.field)
            let lattice = FieldLattice(fieldGrid: s.fieldGrid, hopping: 0.25, kPoints: kPoints, temperature: temperature, bathCoupling: gamma)
            var sumR = [Double](repeating: 0, count: grid.count), sumK = sumR, current = 0.0
            for ek in lattice.transverseEnergies {
                for i in 0..<grid.count {
                    let (r, k, j) = chain.local(grid.frequency(i), ek)
                    sumR[i] += r / Double(kPoints); sumK[i] += k / Double(kPoints)
                    current += j * h / (2 * Double.pi) / Double(kPoints)
                }
            }
            let n = grid.count
            let rho0 = -0.5 * (sumR[n / 2 - 1] + sumR[n / 2]) / Double.pi
            var excess = 0.0
            for i in 0..<n {
                let w = grid.frequency(i), f = 0.5 * (1 - 0.5 * sumK[i] / sumR[i])
                excess += w * (f - 1 / (1 + exp(w / temperature))) * h
            }
            let teff = (temperature * temperature + 6 / (Double.pi * Double.pi) * excess).squareRoot()
            let o = s.observables
            let dJ = abs(o.current / current - 1), dRho = abs(o.densityAtFermiLevel / rho0 - 1)
            let dT = abs(o.effectiveTemperature / teff - 1)
            print(String(format: "U=0 E=%.3g: J %.6e vs %.6e (%.1e), rho0 %.6f vs %.6f (%.1e), Teff %.6f vs %.6f (%.1e), balance %.1e",
                         o.field, o.current, current, dJ, o.densityAtFermiLevel, rho0, dRho, o.effectiveTemperature, teff, dT, o.balance))
            #expect(dJ < 1e-3 && dRho < 1e-3 && dT < 1e-3)
            // J·E = Q_bath (DHM Eq. A1); at E = 4 part of the energy flux lies beyond the grid (|ω| > W).
            #expect(o.balance < (o.field < 1 ? 1e-6 : 1e-4))
            results.append((o.field, o.current, teff))
        }
        // T_eff grows with the field; J is not monotonic (Esaki–Tsu: maximum near E ~ Γ).
        #expect(results[1].1 > results[0].1 && results[1].1 > results[3].1)
    }
}
