import Mesh
import Materials
import Discretization
import Solvers

/// The per-cell fields written to `fields.vtr` and the CSV slices, in SI, x fastest.
public struct DeviceFields: Sendable {
    public let grid: RectilinearGrid
    /// Temperature T (K).
    public let temperature: [Double]
    /// Electrochemical potential Φ (V).
    public let potential: [Double]
    /// Metallic volume fraction φ (1); 0 in substrate cells.
    public let metalFraction: [Double]
    /// Majority phase: 0 insulator, 1 metal.
    public let phase: [UInt8]
    /// Cell-centred current density (A/m²), components x, y, z.
    public let currentDensity: [[Double]]
    /// |j| (A/m²).
    public let currentDensityMagnitude: [Double]
    /// Joule and Peltier heat released per unit volume (W/m³).
    public let jouleHeatDensity: [Double]
    public let peltierHeatDensity: [Double]

    /// Builds the fields of a converged solution (j from
    /// `ElectrothermalFluxes.cellCurrentDensity`).
    public init(solution: SteadySolution) {
        let grid = solution.grid
        let n = grid.cellCount
        let j = solution.fluxes.cellCurrentDensity(faces: solution.model.faces, boundary: solution.model.boundary, cellCount: n)
        self.grid = grid
        temperature = solution.state.temperature
        potential = solution.state.potential
        metalFraction = (0..<n).map { solution.model.film[$0] ? solution.state.metalFraction[$0] : 0 }
        phase = metalFraction.map { $0 >= 0.5 ? 1 : 0 }
        currentDensity = j
        currentDensityMagnitude = (0..<n).map { (c: Int) -> Double in
            let (x, y, z) = (j[0][c], j[1][c], j[2][c])
            return (x * x + y * y + z * z).squareRoot()
        }
        jouleHeatDensity = (0..<n).map { solution.fluxes.jouleHeat[$0] / grid.volume($0) }
        peltierHeatDensity = (0..<n).map { solution.fluxes.peltierHeat[$0] / grid.volume($0) }
    }

    /// Scalar columns in output order: (name with unit, values). Shared by the VTK and CSV writers.
    public var scalarColumns: [(name: String, values: [Double])] {
        [
            ("T [K]", temperature),
            ("Phi [V]", potential),
            ("metal_fraction [1]", metalFraction),
            ("phase [0=insulator,1=metal]", phase.map(Double.init)),
            ("j_x [A/m^2]", currentDensity[0]),
            ("j_y [A/m^2]", currentDensity[1]),
            ("j_z [A/m^2]", currentDensity[2]),
            ("|j| [A/m^2]", currentDensityMagnitude),
            ("joule_heat_density [W/m^3]", jouleHeatDensity),
            ("peltier_heat_density [W/m^3]", peltierHeatDensity),
        ]
    }
}
