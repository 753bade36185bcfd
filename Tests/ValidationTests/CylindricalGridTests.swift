import XCTest
import Mesh
import Materials
import Discretization
@testable import Solvers
@testable import Simulations

/// The cylindrical metric of `RectilinearGrid` (x = r, y = θ, z): exact volumes and face areas,
/// and the finite-volume solution of radial conduction through an annular wedge against the
/// logarithmic closed forms (resistance ρ ln(r_b/r_a)/(θ h), heat flow θ h κ ΔT/ln(r_b/r_a)).
final class CylindricalGridTests: XCTestCase {
    let ra = 1e-4, rb = 1e-3, h = 2e-5, angle = Double.pi / 2

    func wedge(radialCells: Int) -> RectilinearGrid {
        RectilinearGrid(x: AxisSpacing(edges: (0...radialCells).map { ra + (rb - ra) * Double($0) / Double(radialCells) }),
                        y: .uniform(length: angle, cells: 1), z: .uniform(length: h, cells: 2), coordinates: .cylindrical)
    }

    func testVolumesAndFaceAreasCarryTheRadius() {
        let grid = wedge(radialCells: 9)
        let exactVolume = 0.5 * angle * (rb * rb - ra * ra) * h
        let volume = (0..<grid.cellCount).reduce(0) { $0 + grid.volume($1) }
        XCTAssertEqual(volume / exactVolume, 1, accuracy: 1e-12)
        XCTAssertEqual(grid.totalVolume / exactVolume, 1, accuracy: 1e-12)
        let faces = InteriorFaces(grid: grid)
        for f in 0..<faces.count where faces.axis[f] == .x {
            let (i, _, k) = grid.ijk(faces.owner[f])
            XCTAssertEqual(faces.area[f], grid.x.edges[i + 1] * angle * grid.z.width(k), accuracy: 1e-12 * faces.area[f])
        }
        let top = grid.boundaryCellFaces(on: .zMax).reduce(0) { $0 + $1.area }
        XCTAssertEqual(top / (0.5 * angle * (rb * rb - ra * ra)), 1, accuracy: 1e-12)
        let outer = grid.boundaryCellFaces(on: .xMax).reduce(0) { $0 + $1.area }
        XCTAssertEqual(outer / (rb * angle * h), 1, accuracy: 1e-12)
        // a Cartesian grid is unchanged by the metric
        let box = RectilinearGrid(x: grid.x, y: .uniform(length: 1e-4, cells: 1), z: grid.z)
        XCTAssertEqual(box.volume(3), grid.x.width(3) * 1e-4 * grid.z.width(0), accuracy: 1e-24)
    }

    /// Current I from the inner to the outer cylinder of the wedge: V = I ρ ln(r_b/r_a)/(θ h).
    /// The midpoint-rule error of Σ Δr/r is ~ (Δr/r_a)²/24 ≈ 4e-4 at 90 cells; the test allows 0.2 %.
    func testAnnularResistanceMatchesTheLogarithm() throws {
        let grid = wedge(radialCells: 90)
        let rho = 1e-3, current = 1e-5
        let ohmic = ConstantTransport(resistivity: rho, seebeck: 0, thermalConductivity: 0.1)
        let material = TwoPhaseMaterial(name: "ohmic", insulator: ohmic, metal: ohmic,
                                        insulatorToMetalTemperature: 1e4, metalToInsulatorTemperature: 1e4)
        let problem = ElectrothermalProblem(
            grid: grid, material: material,
            thermalBoundaries: [ThermalBoundary(name: "substrate", patch: .whole(.zMin), condition: .fixedTemperature(300))],
            electrodes: [Electrode(name: "inner", patch: .whole(.xMin), drive: .potential(0)),
                         Electrode(name: "outer", patch: .whole(.xMax), drive: .current(current))],
            initialTemperature: 300)
        let s = try SteadyStateSolver(problem: problem).solve()
        let exact = current * rho * log(rb / ra) / (angle * h)
        XCTAssertEqual(s.state.electrodePotential[1] / exact, 1, accuracy: 2e-3)
    }

    /// No current; inner cylinder at T0 + ΔT, outer at T0: heat flow θ h κ ΔT / ln(r_b/r_a).
    func testRadialHeatFlowMatchesTheLogarithm() throws {
        let grid = wedge(radialCells: 90)
        let kappa = 0.1, t0 = 300.0, deltaT = 4.0
        let insulator = ConstantTransport(resistivity: 1, seebeck: 0, thermalConductivity: kappa)
        let material = TwoPhaseMaterial(name: "insulating", insulator: insulator, metal: insulator,
                                        insulatorToMetalTemperature: 1e4, metalToInsulatorTemperature: 1e4)
        let problem = ElectrothermalProblem(
            grid: grid, material: material,
            thermalBoundaries: [ThermalBoundary(name: "inner", patch: .whole(.xMin), condition: .fixedTemperature(t0 + deltaT)),
                                ThermalBoundary(name: "outer", patch: .whole(.xMax), condition: .fixedTemperature(t0))],
            electrodes: [Electrode(name: "ground", patch: FacePatch(face: .zMax, uRange: ra...(2 * ra)), drive: .potential(0)),
                         Electrode(name: "open", patch: FacePatch(face: .zMax, uRange: (5 * ra)...(6 * ra)), drive: .current(0))],
            initialTemperature: t0)
        let s = try SteadyStateSolver(problem: problem).solve()
        var outward = 0.0
        for f in grid.boundaryCellFaces(on: .xMax) {
            outward += kappa * (s.state.temperature[f.cell] - t0) / f.centerToFace * f.area
        }
        let exact = angle * h * kappa * deltaT / log(rb / ra)
        XCTAssertEqual(outward / exact, 1, accuracy: 2e-3)
        // the profile is logarithmic: T at the middle cell centre
        let i = grid.nx / 2, r = grid.x.center(i)
        XCTAssertEqual(s.state.temperature[grid.index(i, 0, 0)] - t0, deltaT * log(rb / r) / log(rb / ra), accuracy: 2e-3 * deltaT)
    }
}

/// Fast tier of `validate rc` (the axisymmetric geometry on a coarse mesh): at 1 mA the metal
/// disk under the point electrode stops short of the edge-loss estimate of Eq. 14 (the full
/// study on 96×8 cells gives 0.89 of it, 64×6 cells 0.77; validation/run rc), the metal is
/// present under the electrode and absent beyond r_c, and energy is conserved. (d(r) need not
/// fall monotonically: on coarse meshes a ring of metal can sit just inside r_c.)
final class AxisymmetricCriticalRadiusTests: XCTestCase {
    func testCoarseAxisymmetricDiskStopsShortOfTheEdgeLossEstimate() throws {
        var study = CriticalRadiusStudy.axisymmetricFilm()
        study.lateralCells = 64
        study.verticalCells = 6
        study.rampSteps = 8
        let current = 1e-3
        let run = try study.run(totalCurrent: current, progress: ProgressReporter(quiet: true))
        let edge = edgeLossCriticalRadius(eq14Radius: study.ode(totalCurrent: current).smallSlopeCriticalRadius, thickness: study.thickness)
        XCTAssertGreaterThan(run.criticalRadius / edge, 0.65, "r_c = \(run.criticalRadius), edge-loss estimate \(edge)")
        XCTAssertLessThan(run.criticalRadius / edge, 1.0)
        XCTAssertLessThan(run.energyError, 1e-8)
        let depths = run.profile.map(\.d)
        XCTAssertGreaterThan(depths[0], 0, "metal under the electrode")
        XCTAssertTrue(run.profile.allSatisfy { $0.r <= run.criticalRadius || $0.d == 0 }, "no metal beyond r_c: \(depths)")
    }
}
