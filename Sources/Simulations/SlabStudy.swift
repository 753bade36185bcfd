import Foundation
import Mesh
import Materials
import Discretization
import Solvers

/// The uniform-current slab of PH Fig. 1 / Eqs. 8–11: current enters through the whole
/// x = L face and leaves through the whole x = 0 face, the substrate face z = 0 is held at
/// T0, every other face is adiabatic. With S = 0 the exact solution depends on z only,
/// so a thin column of cells (nx = ny = 1 by default) tests the vertical discretisation.
public struct SlabStudy: Sendable {
    public var closedForms: SlabClosedForms
    public var length: Double
    public var width: Double
    public var cellsAlongX = 1
    public var cellsAlongY = 1
    public var insulatorToMetalTemperature: Double
    public var settings = SolverSettings()

    /// PH's Ca2RuO4 numbers: ρ_I = 10 Ω·cm, ρ_M/ρ_I = 0.1, κ = 1e-3 W/(cm·K), h = 0.2 mm,
    /// T0 = 300 K, T_MIT = 360 K (T_IMT = T_MIT unless set).
    public init(closedForms: SlabClosedForms = SlabClosedForms(
                    insulatorResistivity: 0.1, metalResistivity: 0.01, thermalConductivity: 0.1,
                    thickness: 2e-4, substrateTemperature: 300, switchingTemperature: 360),
                length: Double = 1e-3, width: Double = 1e-3, insulatorToMetalTemperature: Double? = nil) {
        self.closedForms = closedForms
        self.length = length
        self.width = width
        self.insulatorToMetalTemperature = insulatorToMetalTemperature ?? closedForms.switchingTemperature
    }

    public var crossSection: Double { width * closedForms.thickness }

    public func material(seebeck: Double = 0) -> TwoPhaseMaterial {
        let kappa = closedForms.thermalConductivity
        return TwoPhaseMaterial(
            name: "slab",
            insulator: ConstantTransport(resistivity: closedForms.insulatorResistivity, seebeck: seebeck, thermalConductivity: kappa),
            metal: ConstantTransport(resistivity: closedForms.metalResistivity, seebeck: seebeck, thermalConductivity: kappa),
            insulatorToMetalTemperature: insulatorToMetalTemperature,
            metalToInsulatorTemperature: closedForms.switchingTemperature)
    }

    /// The problem at mean current density j0 (A/m²) on `cellsAlongZ` layers.
    public func problem(currentDensity j0: Double, cellsAlongZ: Int, drive: ElectrodeDrive? = nil) -> ElectrothermalProblem {
        let grid = RectilinearGrid(x: .uniform(length: length, cells: cellsAlongX),
                                   y: .uniform(length: width, cells: cellsAlongY),
                                   z: .uniform(length: closedForms.thickness, cells: cellsAlongZ))
        let electrodes = [
            Electrode(name: "negative", patch: .whole(.xMin), drive: .potential(0)),
            Electrode(name: "positive", patch: .whole(.xMax), drive: drive ?? .current(j0 * crossSection)),
        ]
        let substrate = ThermalBoundary(name: "substrate", patch: .whole(.zMin),
                                        condition: .fixedTemperature(closedForms.substrateTemperature))
        return ElectrothermalProblem(grid: grid, material: material(), thermalBoundaries: [substrate],
                                     electrodes: electrodes, initialTemperature: closedForms.substrateTemperature,
                                     settings: settings)
    }

    /// Metal-layer thickness of a solution: metallic volume / (L W), in m.
    public static func metalLayerThickness(_ solution: SteadySolution) -> Double {
        solution.metalFraction * solution.grid.z.length
    }

    /// Max |T_num − T_Eq.8| over cell centres (K) for an all-insulating solve at j0.
    public func insulatingProfileError(currentDensity j0: Double, cellsAlongZ: Int) throws -> (error: Double, solution: SteadySolution) {
        let solution = try SteadyStateSolver(problem: problem(currentDensity: j0, cellsAlongZ: cellsAlongZ)).solve()
        let grid = solution.grid
        var worst = 0.0
        for c in 0..<grid.cellCount {
            let (_, _, z) = grid.center(c)
            let exact = closedForms.insulatingTemperature(depth: closedForms.thickness - z, currentDensity: j0)
            worst = max(worst, abs(solution.state.temperature[c] - exact))
        }
        return (worst, solution)
    }
}
