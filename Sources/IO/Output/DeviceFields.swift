import Foundation
import Mesh
import Materials
import Discretization
import Solvers

/// The per-cell fields of one state, in SI, x fastest: what every command writes (`fields.vtr`,
/// `fields.vtu`, the `.pvd` series of ramps, sweeps and transients, the CSV slices), always
/// under the names of `DeviceFields.Name`.
public struct DeviceFields: Sendable {
    /// Array names, each ending in its unit; shared by every writer.
    public enum Name {
        public static let metalFraction = "metal_fraction [1]"
        public static let phase = "phase [0=insulator,1=holds metal]"
        /// Film and substrate devices.
        public static let region = "region [0=substrate,1=film]"
        /// Devices built from `[[region]]` boxes: each cell's region, numbered in file order from
        /// 0 (the fill last).
        public static let fileRegion = "region [0-based, file order]"
        public static let temperature = "T [K]"
        public static let potential = "Phi [V]"
        public static let currentDensity = "j [A/m^2]"
        public static let currentDensityMagnitude = "|j| [A/m^2]"
        public static let jouleHeatDensity = "joule_heat_density [W/m^3]"
        public static let peltierHeatDensity = "peltier_heat_density [W/m^3]"
        /// Two-temperature runs: electron (= `temperature`) and lattice temperature.
        public static let electronTemperature = "T_electron [K]"
        public static let latticeTemperature = "T_lattice [K]"
    }

    /// A cell holds metal (phase 1) when its metal fraction exceeds this; the summary's
    /// `cells_with_metal` counts the same cells.
    public static let metalPresent = 1e-9

    public let grid: RectilinearGrid
    /// Metallic volume fraction φ (1), the primary phase field; 0 in substrate cells. The
    /// summary's `metal_fraction` is its volume mean over the film.
    public let metalFraction: [Double]
    /// 1 where the cell holds any metal (φ > `metalPresent`), else 0.
    public let phase: [UInt8]
    /// 0 for substrate cells, 1 for film cells; for region files the region's index in file
    /// order (`regionName` says which).
    public let region: [Int32]
    public let regionName: String
    /// Temperature T (K).
    public let temperature: [Double]
    /// Lattice temperature T_l (K) of a two-temperature run (then `temperature` is the
    /// electron temperature), else nil.
    public let latticeTemperature: [Double]?
    /// Electrochemical potential Φ (V).
    public let potential: [Double]
    /// Cell-centred current density (A/m²), components x, y, z.
    public let currentDensity: [[Double]]
    /// |j| (A/m²).
    public let currentDensityMagnitude: [Double]
    /// Joule and Peltier heat released per unit volume (W/m³).
    public let jouleHeatDensity: [Double]
    public let peltierHeatDensity: [Double]
    /// Total current into the film (A) and voltage between the electrodes (V).
    public let current: Double
    public let voltage: Double
    /// Further cell arrays written to the VTK files only (name with unit, values): the growing
    /// mode of an unstable steady state.
    public var extraScalars: [(name: String, values: [Double])] = []

    /// Builds the fields of a solution (j from `ElectrothermalFluxes.cellCurrentDensity`).
    public init(solution: SteadySolution) {
        let grid = solution.grid
        let n = grid.cellCount
        let j = solution.fluxes.cellCurrentDensity(faces: solution.model.faces, boundary: solution.model.boundary, cellCount: n)
        self.grid = grid
        temperature = solution.state.temperature
        latticeTemperature = solution.state.latticeTemperature
        potential = solution.state.potential
        metalFraction = (0..<n).map { solution.model.film[$0] ? solution.state.metalFraction[$0] : 0 }
        phase = metalFraction.map { $0 > Self.metalPresent ? 1 : 0 }
        if let map = solution.model.problem.regions {
            region = map.cellRegion.map { Int32($0) }
            regionName = Name.fileRegion
        } else {
            region = solution.model.film.map { $0 ? 1 : 0 }
            regionName = Name.region
        }
        currentDensity = j
        currentDensityMagnitude = (0..<n).map { (c: Int) -> Double in
            let (x, y, z) = (j[0][c], j[1][c], j[2][c])
            return (x * x + y * y + z * z).squareRoot()
        }
        jouleHeatDensity = (0..<n).map { solution.fluxes.jouleHeat[$0] / grid.volume($0) }
        peltierHeatDensity = (0..<n).map { solution.fluxes.peltierHeat[$0] / grid.volume($0) }
        current = solution.current
        voltage = solution.voltage
    }

    /// Scalar columns in output order: (name with unit, values). Shared by the VTK and CSV writers.
    public var scalarColumns: [(name: String, values: [Double])] {
        [
            (Name.temperature, temperature),
            (Name.potential, potential),
            (Name.metalFraction, metalFraction),
            ("j_x [A/m^2]", currentDensity[0]),
            ("j_y [A/m^2]", currentDensity[1]),
            ("j_z [A/m^2]", currentDensity[2]),
            (Name.currentDensityMagnitude, currentDensityMagnitude),
            (Name.jouleHeatDensity, jouleHeatDensity),
            (Name.peltierHeatDensity, peltierHeatDensity),
        ] + (latticeTemperature.map { [(Name.electronTemperature, temperature), (Name.latticeTemperature, $0)] } ?? [])
    }

    /// A writer holding every array, the metal fraction active; field data: current, voltage,
    /// and `time` (as `TIME`, which ParaView reads, and under its own name with unit).
    public func writer(time: (value: Double, name: String)? = nil) -> VTKWriter {
        var vtk = VTKWriter(grid: grid)
        vtk.addScalar(Name.metalFraction, metalFraction)
        vtk.addFlags(Name.phase, phase)
        vtk.addIdentifiers(regionName, region)
        vtk.addScalar(Name.temperature, temperature)
        vtk.addScalar(Name.potential, potential)
        vtk.addVector(Name.currentDensity, currentDensity)
        vtk.addScalar(Name.currentDensityMagnitude, currentDensityMagnitude)
        vtk.addScalar(Name.jouleHeatDensity, jouleHeatDensity)
        vtk.addScalar(Name.peltierHeatDensity, peltierHeatDensity)
        for extra in extraScalars { vtk.addScalar(extra.name, extra.values) }
        if let latticeTemperature {
            vtk.addScalar(Name.electronTemperature, temperature)
            vtk.addScalar(Name.latticeTemperature, latticeTemperature)
        }
        vtk.activeScalars = Name.metalFraction
        vtk.fieldData = [("current [A]", current), ("voltage [V]", voltage)]
        if let time { vtk.fieldData += [("TIME", time.value), (time.name, time.value)] }
        return vtk
    }
}

/// A series of states written as `NAME/NAME_00000.vtu`, … beside `NAME.pvd`, which lists them
/// by their time (a drive fraction for a ramp, a point index for a sweep, seconds for a
/// transient). The collection is rewritten atomically after each state, so a run cut short
/// leaves a valid series of what it reached.
public final class FieldSeries {
    public let directory: URL
    public let name: String
    /// The name (with unit) of the series' time axis, also stored in every file's field data.
    public let timeName: String
    private var entries: [(time: Double, file: String)] = []

    public init(directory: URL, name: String, timeName: String) {
        self.directory = directory
        self.name = name
        self.timeName = timeName
    }

    public var collectionURL: URL { directory.appendingPathComponent("\(name).pvd") }
    public var count: Int { entries.count }

    /// Writes one state; returns the file written.
    @discardableResult
    public func append(_ fields: DeviceFields, time: Double) throws -> URL {
        let file = String(format: "%@/%@_%05d.vtu", name, name, entries.count)
        let url = directory.appendingPathComponent(file)
        try fields.writer(time: (time, timeName)).write(to: url)
        entries.append((time, file))
        try AtomicFile.write(VTKCollection.document(entries), to: collectionURL)
        return url
    }
}
