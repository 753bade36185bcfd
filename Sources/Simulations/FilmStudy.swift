import Foundation
import Mesh
import Materials
import Discretization
import Solvers

/// The film of PH Fig. 2: length L (x), width W (y), thickness h (z) on a substrate held at
/// T0 (z = 0), adiabatic elsewhere, with two electrodes on the top surface (z = h) along
/// y = W/2: the negative one over 0 < x < 0.1 L, the positive one over 0.9 L < x < L.
///
/// PH specifies the run by dimensionless groups: ρ_I I²/(κ L² T0) (Joule strength) and
/// I ΔS/(κ L) (Peltier strength, negative: current flows from the positive electrode).
public struct FilmStudy: Sendable {
    public var length = 1e-3
    public var widthOverLength = 1.0
    public var thicknessOverLength = 0.2
    public var substrateTemperature = 300.0
    public var insulatorToMetalTemperature = 360.0
    public var metalToInsulatorTemperature = 360.0
    public var insulatorResistivity = 0.1       // 10 Ω·cm
    public var resistivityRatio = 0.1           // ρ_M/ρ_I
    public var thermalConductivity = 0.1        // 1e-3 W/(cm·K)
    public var insulatorSeebeck = 1e-3          // V/K
    public var metalSeebeck = 0.0
    public var electrodeSeebeck = 0.0
    /// Electrode half-width across y (m); nil = half a cell (a one-cell-wide line).
    public var electrodeHalfWidth: Double? = nil
    public var cells = (x: 40, y: 20, z: 8)
    public var settings = SolverSettings()

    public init() {}

    public var width: Double { widthOverLength * length }
    public var thickness: Double { thicknessOverLength * length }

    /// The current (A) for a Joule strength ρ_I I²/(κ L² T0).
    public func current(jouleStrength: Double) -> Double {
        (jouleStrength * thermalConductivity * length * length * substrateTemperature / insulatorResistivity).squareRoot()
    }

    /// Peltier strength I ΔS/(κ L) at current I (signed: I > 0 enters at the positive electrode).
    public func peltierStrength(current: Double) -> Double {
        -abs(current) * (insulatorSeebeck - metalSeebeck) / (thermalConductivity * length) * (current >= 0 ? 1 : -1)
    }

    public var material: TwoPhaseMaterial {
        TwoPhaseMaterial(
            name: "Ca2RuO4 (PH)",
            insulator: ConstantTransport(resistivity: insulatorResistivity, seebeck: insulatorSeebeck,
                                         thermalConductivity: thermalConductivity),
            metal: ConstantTransport(resistivity: insulatorResistivity * resistivityRatio, seebeck: metalSeebeck,
                                     thermalConductivity: thermalConductivity),
            insulatorToMetalTemperature: insulatorToMetalTemperature,
            metalToInsulatorTemperature: metalToInsulatorTemperature)
    }

    public var grid: RectilinearGrid {
        RectilinearGrid(x: .uniform(length: length, cells: cells.x),
                        y: .uniform(length: width, cells: cells.y),
                        z: .uniform(length: thickness, cells: cells.z))
    }

    /// The problem with `current` (A) entering through the positive electrode at x ≈ L
    /// (negative: entering at x ≈ 0). The electrode at x ≈ 0 is grounded.
    public func problem(current: Double) -> ElectrothermalProblem {
        let grid = self.grid
        let halfWidth = electrodeHalfWidth ?? 0.5 * grid.y.width(grid.ny / 2)
        let y0 = 0.5 * width
        let across = (y0 - halfWidth)...(y0 + halfWidth)
        let negative = FacePatch(face: .zMax, uRange: 0...(0.1 * length), vRange: across)
        let positive = FacePatch(face: .zMax, uRange: (0.9 * length)...length, vRange: across)
        let electrodes = [
            Electrode(name: "negative", patch: negative, seebeck: electrodeSeebeck, drive: .potential(0)),
            Electrode(name: "positive", patch: positive, seebeck: electrodeSeebeck, drive: .current(current)),
        ]
        let substrate = ThermalBoundary(name: "substrate", patch: .whole(.zMin), condition: .fixedTemperature(substrateTemperature))
        return ElectrothermalProblem(grid: grid, material: material, thermalBoundaries: [substrate],
                                     electrodes: electrodes, initialTemperature: substrateTemperature, settings: settings)
    }
}
