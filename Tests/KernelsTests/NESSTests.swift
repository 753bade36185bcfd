import Foundation
import Testing
@testable import Kernels

/// Fast checks of the field-driven steady-state solver (small grids, debug build).
@Suite struct NESSTests {
    static func driven(u: Double, tPerp: Double, t: Double, gamma: Double, field: Double) -> DrivenHubbardModel {
        DrivenHubbardModel(model: HubbardModel(lattice: .square, interaction: u, interorbitalHopping: tPerp,
                                               temperature: t, bathCoupling: gamma), field: field)
    }

    /// E = 0: the Keldysh solver reproduces the equilibrium real-axis IPT on the same grid
    /// (k_y sum against the square-lattice elliptic integral), and T_eff = T.
    @Test(arguments: [(1.5, 0.0), (1.5, 0.3)])
    func zeroFieldMatchesEquilibriumIPT(u: Double, tPerp: Double) throws {
        let d = Self.driven(u: u, tPerp: tPerp, t: 0.05, gamma: 0.1, field: 0)
        let ness = NESSSolver(kPoints: 32, targetSpacing: 0.008, halfWidth: 4, equilibriumAtZeroField: false)
        let s = try ness.solve(d, convergence: Convergence(tolerance: 1e-11, maximumIterations: 300))
        let converged = s.converged
        #expect(converged)
        let eq = RealAxisIPTSolver(grid: s.fieldGrid.grid)
        let r = eq.solve(d.model, convergence: Convergence(tolerance: 1e-11, maximumIterations: 300))
        #expect(r.report.converged)
        let scale = r.green.bonding.map(\.length).max()!
        var dev = 0.0
        for (a, b) in [(s.green.bonding.retarded, r.green.bonding), (s.green.antibonding.retarded, r.green.antibonding)] {
            for i in a.indices { dev = max(dev, (a[i] - b[i]).length / scale) }
        }
        print("E=0 U=\(u) t⊥=\(tPerp): max|ΔG|/max|G| = \(dev), T_eff − T = \(s.observables.effectiveTemperature - 0.05)")
        #expect(dev < 1e-6)
        #expect(abs(s.observables.effectiveTemperature - 0.05) < 1e-6 * 0.05)
        #expect(abs(s.observables.current) < 1e-12)
    }

    /// The Keldysh second-order formulas conserve energy when built from the full G (second-order
    /// Born, a conserving approximation): the energy the self-energy removes from the site,
    /// ∫dω ω [Im Σ^K Im G^R − Im Σ^R Im G^K], must vanish up to the grid truncation, and the discretised
    /// lattice identity J·E = Q_bath + Q_U must hold for the IPT solution (closure).
    @Test func keldyshSecondOrderConservesEnergy() throws {
        let d = Self.driven(u: 2, tPerp: 0.3, t: 0.05, gamma: 0.1, field: 0.2)
        let s = try NESSSolver(kPoints: 16, targetSpacing: 0.01, halfWidth: 5).solve(d)
        let converged = s.converged
        #expect(converged)
        let o = s.observables, grid = s.fieldGrid.grid
        let ipt = KeldyshIPT(grid: grid)
        let (sb, sa) = ipt.bandSelfEnergies(bonding: s.green.bonding, antibonding: s.green.antibonding, interaction: 2)
        var q = 0.0
        for (g, sig) in [(s.green.bonding, sb), (s.green.antibonding, sa!)] {
            for i in 0..<grid.count {
                q += grid.frequency(i) * (sig.keldysh[i] * g.retarded[i].imaginary - sig.retarded[i].imaginary * g.keldysh[i])
            }
        }
        q *= grid.spacing / (2 * Double.pi) / 2
        let work = o.current * o.field
        print("E=0.2 U=2 dimer: J·E = \(work), Q_bath = \(o.bathHeat), Q_IPT = \(o.interactionHeat), Q_Born[G] = \(q), closure \(o.closure)")
        #expect(abs(q) < 1e-3 * work)
        #expect(o.closure < 1e-6)
    }

    /// The conserving self-energy (second-order Born, `.born`) solved self-consistently satisfies
    /// J·E = Q_bath (DHM Eq. A1) to 1e-6 on every converged point, and the heat its self-energy exchanges
    /// with the site vanishes; IPT on the same points misses the balance (not conserving) but meets the
    /// closure J·E = Q_bath + Q_U.
    @Test(arguments: [0.05, 0.2, 0.8])
    func bornSelfEnergyBalancesJouleHeatWithBathHeat(field: Double) throws {
        let d = Self.driven(u: 2, tPerp: 0.3, t: 0.05, gamma: 0.1, field: field)
        let born = try NESSSolver(kPoints: 16, targetSpacing: 0.01, halfWidth: 5, selfEnergy: .born).solve(d)
        let ipt = try NESSSolver(kPoints: 16, targetSpacing: 0.01, halfWidth: 5).solve(d)
        let b = born.observables, i = ipt.observables
        print("E=\(field) U=2 dimer: Born balance \(b.balance), Q_U/JE \(b.interactionHeat / (b.current * b.field)); "
              + "IPT balance \(i.balance), closure \(i.closure)")
        let bornConverged = born.converged, iptConverged = ipt.converged
        #expect(bornConverged && iptConverged)
        #expect(b.balance < 1e-6)
        #expect(abs(b.interactionHeat) < 1e-6 * abs(b.current * b.field))
        #expect(i.closure < 1e-6)
        #expect(i.balance > 1e-4)
    }
}
