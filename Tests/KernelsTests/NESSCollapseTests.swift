import Foundation
import Testing
@testable import Kernels

/// The driven lattice's bond current against the equilibrium Kubo bubble (per orbital and spin)
/// in linear response: the consistency of the two conductivity formulas behind the collapse
/// ρ_NESS(E) = E/J against ρ_eq(T_eff(E)) (DHM Eq. 14 for transport).
@Suite struct NESSCollapseTests {
    func collapse(u: Double, fields: [Double]) throws -> [TransportCollapsePoint] {
        let model = HubbardModel(lattice: .square, interaction: u, interorbitalHopping: 0.3, temperature: 0.02, bathCoupling: 0.05)
        let c = TransportCollapse(template: DrivenHubbardModel(model: model, field: 0),
                                  convergence: Convergence(tolerance: 1e-8, maximumIterations: 300),
                                  equilibrium: EquilibriumBranchTransport(grid: RealFrequencyGrid(count: 1 << 12, halfWidth: 6)))
        return try c.run(NESSSolver(kPoints: 32, targetSpacing: 2e-3, halfWidth: 4), fields: fields, branch: .metal)
    }

    @Test func nonInteractingBondCurrentIsTheKuboConductivity() throws {
        let p = try collapse(u: 0, fields: [0, 1e-3])
        #expect(p.count == 1)
        // Joule heating is O(E²): at E = 1e-3 the electrons sit 1.2 % above the bath temperature.
        #expect(p[0].effectiveTemperature > 0.02 && p[0].effectiveTemperature < 0.0205)
        #expect(abs(p[0].ratio - 1) < 0.03, "J/E against π L₀: ratio \(p[0].ratio)")
    }

    @Test func interactingMetalBondCurrentIsTheKuboConductivity() throws {
        let p = try collapse(u: 2.0, fields: [0, 1e-3])
        #expect(p.count == 1 && p[0].equilibrium.converged)
        #expect(abs(p[0].ratio - 1) < 0.03, "J/E against π L₀ at U = 2: ratio \(p[0].ratio)")
    }
}
