import XCTest
@testable import Kernels

/// Self-consistent steady states of the finite lattice between leads: the long uniform sample
/// against the infinite-lattice kernel, current conservation bond by bond, energy balance.
final class FiniteLatticeSteadyStateTests: XCTestCase {
    /// A long transversely periodic sample without disorder: its centre must reproduce the
    /// infinite uniform lattice (Wannier–Stark chain kernel) within 1 % in Δ, J and T_eff.
    func testLongPeriodicSampleReproducesInfiniteLatticeAtCentre() throws {
        let (u, gamma, field) = (4.0, 0.1, 0.15)
        let infinite = DrivenHubbardLattice(interaction: u, field: field, direction: .axial, bathTemperature: 0,
                                            damping: gamma, resolution: SpectralResolution(transverseNodes: 64))
        let solution = try XCTUnwrap(MeanFieldSolver(lattice: infinite).continueSolution(from: 1.3))
        let reference = infinite.steadyState(gap: solution.gap)

        let sample = try LatticeSample(cut: .axial, length: 20, width: 6, periodic: true)
        let model = FiniteLatticeModel(sample: sample, interaction: u, damping: gamma, leadCoupling: 1,
                                       resolution: LatticeResolution(stepPerDamping: 0.75))
        let start = Date()
        let state = try model.solve(bias: .field(field), start: model.neelDensities(gap: solution.gap),
                                    iteration: LatticeIteration(tolerance: 1e-6))
        let centre = sample.length / 2
        let delta = state.sliceMean(state.orderParameter, slice: centre)
        let current = state.sliceCurrent(centre) / sample.transverseWidth
        let teff = state.sliceMean(state.effectiveTemperature, slice: centre)
        print(String(format: "infinite Δ=%.6f J=%.6e Teff=%.6f | finite Δ=%.6f J=%.6e Teff=%.6f iters=%d %.1fs",
                     solution.gap, reference.currentDensity, reference.effectiveTemperature,
                     delta, current, teff, state.iterations, Date().timeIntervalSince(start)))
        XCTAssertTrue(state.converged)
        XCTAssertEqual(delta / solution.gap, 1, accuracy: 0.01)
        XCTAssertEqual(current / reference.currentDensity, 1, accuracy: 0.01)
        XCTAssertEqual(teff / reference.effectiveTemperature, 1, accuracy: 0.01)
    }

    /// (11) sample with a metallic island, open edges, leads and a field: particle current is
    /// conserved at every site (bonds + reservoir) and the heat into all reservoirs equals the
    /// power delivered by the sources, Σ_r μ_r · inflow_r.
    func testCurrentConservedBondByBondAndJouleHeatReachesReservoirs() throws {
        let sample = try LatticeSample(cut: .diagonal, length: 10, width: 4)
        var energies = [Double](repeating: 0, count: sample.siteCount)
        for s in [17, 18, 21, 22] { energies[s] = 1.5 }
        let model = FiniteLatticeModel(sample: sample, interaction: 4, damping: 0.1, leadCoupling: 1,
                                       bathTemperature: 0.3, siteEnergies: energies,
                                       resolution: LatticeResolution(stepPerDamping: 1))
        let state = try model.solve(bias: .field(0.28), start: model.neelDensities(gap: 1.2))
        XCTAssertTrue(state.converged, "residual \(state.residual), conservation \(state.conservationResidual)")
        XCTAssertLessThan(state.conservationResidual, 1e-8)
        XCTAssertGreaterThan(state.current, 0)
        XCTAssertEqual(state.totalHeat / state.electricalPower, 1, accuracy: 1e-8)
        // What the first-slice lead injects either reaches the last-slice lead or leaks into the
        // bulk reservoirs (which stay at μ_r = φ(r)); slice by slice the same balance holds.
        XCTAssertEqual(state.injectedCurrent - state.extractedCurrent, state.bulkLeak, accuracy: 1e-8 * state.current)
        var leaked = 0.0
        for i in 1..<(sample.length - 1) {
            leaked -= (i * 4..<(i + 1) * 4).reduce(0) { $0 + state.reservoirInflow[$1] }
            XCTAssertEqual(state.sliceCurrent(i), state.injectedCurrent - leaked, accuracy: 1e-8 * state.current)
        }
    }

    /// In equilibrium (E = 0) every local distribution is the bath's Fermi function, so the first
    /// moment gives T_eff = T_bath at every site, and half filling holds on average.
    func testEquilibriumEffectiveTemperatureIsBathTemperature() throws {
        let sample = try LatticeSample(cut: .axial, length: 6, width: 4)
        let model = FiniteLatticeModel(sample: sample, interaction: 4, damping: 0.1, bathTemperature: 0.2)
        let state = try model.solve(bias: .field(0), start: model.neelDensities(gap: 1.2))
        XCTAssertTrue(state.converged, "residual \(state.residual) after \(state.iterations)")
        for t in state.effectiveTemperature { XCTAssertEqual(t, 0.2, accuracy: 2e-3) }
        XCTAssertEqual(state.density.reduce(0, +) / Double(sample.siteCount), 1, accuracy: 1e-4)
        XCTAssertLessThan(state.bondCurrents.map(abs).max()!, 1e-12)
    }

    /// The circuit V_t = V_s + R I (HF SI Eq. 3) holds at the converged point.
    func testCircuitBiasSatisfiesKirchhoff() throws {
        let sample = try LatticeSample(cut: .axial, length: 8, width: 4, periodic: true)
        let model = FiniteLatticeModel(sample: sample, interaction: 4, damping: 0.1, leadCoupling: 1,
                                       resolution: LatticeResolution(stepPerDamping: 1))
        let state = try model.solve(bias: .circuit(totalVoltage: 1.5, resistance: 20),
                                    start: model.neelDensities(gap: 0), startField: 0.1)
        XCTAssertTrue(state.converged)
        XCTAssertEqual(state.sampleVoltage + 20 * state.current, 1.5, accuracy: 1e-5)
        XCTAssertGreaterThan(state.current, 0.005)
    }

    func testBadInputIsRejectedWithTheParameterNamed() throws {
        let sample = try LatticeSample(cut: .axial, length: 4, width: 2)
        let model = FiniteLatticeModel(sample: sample, damping: -1)
        XCTAssertThrowsError(try model.solve(bias: .field(0.1), start: model.neelDensities(gap: 1))) { error in
            XCTAssertTrue("\(error)".contains("Γ"))
        }
        let ok = FiniteLatticeModel(sample: sample)
        XCTAssertThrowsError(try ok.solve(bias: .circuit(totalVoltage: 1, resistance: -2), start: ok.neelDensities(gap: 1)))
        XCTAssertThrowsError(try ok.solve(bias: .field(0.1), start: [[0.5]]))
    }
}
