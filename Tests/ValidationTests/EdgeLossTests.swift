import XCTest
import Mesh
import Materials
import Discretization
@testable import Solvers
@testable import Simulations

/// The edge-loss constant of `edgeLossCriticalRadius`, measured with this code's heat operator:
/// a film of thickness h on a substrate at T0, its top surface held at T0 + ΔT for x < 6h and
/// adiabatic beyond (no current). The heat the substrate takes exceeds the area term
/// 6h · κ ΔT / h by c κ ΔT per unit length of edge, c = 2 ln 2 / π ≈ 0.441 (the 2D Laplace
/// problem; an independent finite-difference solve extrapolated to zero cell size gives
/// 0.4413). With 20 cells across h the finite-volume value is ~4 % low (first order in the
/// cell size at the edge singularity); the test allows 6 %.
final class EdgeLossTests: XCTestCase {
    func testExcessHeatBesideAHeldStripMatchesTheEdgeLossCoefficient() throws {
        let h = 1e-5, kappa = 0.1, t0 = 300.0, deltaT = 5.0, width = 1e-6
        let perH = 20
        let grid = RectilinearGrid(x: .uniform(length: 12 * h, cells: 12 * perH), y: .uniform(length: width, cells: 1),
                                   z: .uniform(length: h, cells: perH))
        let insulator = ConstantTransport(resistivity: 1, seebeck: 0, thermalConductivity: kappa)
        let material = TwoPhaseMaterial(name: "insulating film", insulator: insulator, metal: insulator,
                                        insulatorToMetalTemperature: 1e4, metalToInsulatorTemperature: 1e4)
        let boundaries = [
            ThermalBoundary(name: "substrate", patch: .whole(.zMin), condition: .fixedTemperature(t0)),
            ThermalBoundary(name: "held strip", patch: FacePatch(face: .zMax, uRange: 0...(6 * h)), condition: .fixedTemperature(t0 + deltaT)),
        ]
        let electrodes = [Electrode(name: "ground", patch: .whole(.xMin), drive: .potential(0)),
                          Electrode(name: "open", patch: .whole(.xMax), drive: .current(0))]
        let problem = ElectrothermalProblem(grid: grid, material: material, thermalBoundaries: boundaries, electrodes: electrodes,
                                            initialTemperature: t0)
        let s = try SteadyStateSolver(problem: problem).solve()
        // heat into the substrate through the bottom faces: κ (T − T0) / (Δz/2) per unit area
        var intoSubstrate = 0.0
        for i in 0..<grid.nx {
            let c = grid.index(i, 0, 0)
            intoSubstrate += kappa * (s.state.temperature[c] - t0) / (0.5 * grid.z.width(0)) * grid.x.width(i) * width
        }
        let areaTerm = 6 * h * kappa * deltaT / h * width
        let excess = (intoSubstrate - areaTerm) / (kappa * deltaT * width)
        XCTAssertEqual(excess / edgeLossCoefficient, 1, accuracy: 0.06, "measured c = \(excess)")
        XCTAssertEqual(edgeLossCoefficient, 2 * log(2.0) / .pi, accuracy: 1e-15)
    }

    /// The corrected radius solves its balance r² + 2 c h r = r0², falls short of Eq. 14 by
    /// about c h for r0 ≫ h, and the Joule ratio is j(r)/j_cr of PH Eq. 9 with j = I/(π h r).
    func testEdgeLossRadiusAndJouleRatio() {
        let h = 2e-5
        for r0 in [2e-5, 8e-5, 4e-4, 4e-3] {
            let r = edgeLossCriticalRadius(eq14Radius: r0, thickness: h)
            XCTAssertEqual(r * r + 2 * edgeLossCoefficient * h * r, r0 * r0, accuracy: 1e-12 * r0 * r0)
            XCTAssertLessThan(r, r0)
        }
        XCTAssertEqual(4e-3 - edgeLossCriticalRadius(eq14Radius: 4e-3, thickness: h), edgeLossCoefficient * h, accuracy: 1e-3 * h)
        // at j = j_cr the top of an all-insulating film reaches T_MIT (PH Eq. 8 with Eq. 9)
        let rhoI = 1e-3, kappa = 0.1, deltaT = 5.0, r = 1e-4
        let jcr = (2 * deltaT * kappa / (rhoI * h * h)).squareRoot()
        let current = jcr * .pi * h * r
        let film = SlabClosedForms(insulatorResistivity: rhoI, metalResistivity: 0.1 * rhoI, thermalConductivity: kappa,
                                   thickness: h, substrateTemperature: 300, switchingTemperature: 300 + deltaT)
        XCTAssertEqual(film.pointElectrodeJouleRatio(current: -current, radius: r), 1, accuracy: 1e-12)
        XCTAssertEqual(rhoI * jcr * jcr * h * h / (2 * kappa), deltaT, accuracy: 1e-9)
    }
}
