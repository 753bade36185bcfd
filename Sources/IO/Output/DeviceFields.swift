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

    /// Builds the fields of a converged solution.
    ///
    /// The cell-centred j along an axis is the mean of the normal current densities I/A on
    /// the cell's two faces normal to that axis (contact currents on electrode faces, zero on
    /// other outer faces), so Σ over a cross-section reproduces the total current on a uniform
    /// column of cells.
    public init(solution: SteadySolution) {
        let grid = solution.grid
        let n = grid.cellCount
        let faces = solution.model.faces
        var j = [[Double]](repeating: [Double](repeating: 0, count: n), count: 3)
        let current = solution.fluxes.faceCurrent
        for f in 0..<faces.count {
            let a = faces.axis[f].rawValue
            let density = current[f] / faces.area[f]
            j[a][faces.owner[f]] += 0.5 * density
            j[a][faces.neighbor[f]] += 0.5 * density
        }
        let b = solution.model.boundary
        for k in 0..<b.count where b.electrode[k] >= 0 {
            let inward = solution.fluxes.contactCurrent[k] / b.area[k]
            let face = b.face[k]
            j[face.axis.rawValue][b.cell[k]] += 0.5 * (face.isUpper ? -inward : inward)
        }
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
