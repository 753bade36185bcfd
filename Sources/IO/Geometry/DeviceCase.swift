import Foundation
import Mesh
import Materials
import Discretization
import Solvers

/// A device run as read from a geometry file: the problem for the solver plus what the
/// file says about how to run it and what to write. Built by `GeometryFile`.
public struct DeviceCase: Sendable {
    /// The file as the user named it (or "built-in default case").
    public var file: String
    /// SHA-256 of the file's bytes (lower-case hex).
    public var sha256: String
    /// Free text from the file's `title` key.
    public var title: String
    public var problem: ElectrothermalProblem
    /// Film thickness h (m); the film occupies substrateThickness ≤ z ≤ substrateThickness + h.
    public var filmThickness: Double
    /// Substrate-layer thickness (m), 0 without a `[substrate]`.
    public var substrateThickness: Double
    /// Number of equal steps of the quasi-static drive ramp (1 = direct solve).
    public var rampSteps: Int
    /// Grid sequencing: the number of grids, each halving the film cells of the next finer
    /// one (1 = solve on the file's mesh only; `GridSequence`). The ramp runs on the coarsest.
    public var gridLevels: Int = 1
    public var output: OutputOptions
    /// Film cells per axis (x, y, z) after any `--cells` override.
    public var filmCells: [Int]
    /// Provenance of the tables the file names (material, field channel).
    public var tables: [TableProvenance] = []
    /// The study the file asks for instead of one steady solve: `[sweep]` or `[transient]`.
    public var sweep: SweepSpec?
    public var transient: TransientSpec?
    /// `[calibrate]`: defaults for `filament calibrate` (ignored by `run`).
    public var calibration: CalibrationEntries?

    public init(file: String, sha256: String, title: String, problem: ElectrothermalProblem, filmThickness: Double,
                substrateThickness: Double, rampSteps: Int, output: OutputOptions, filmCells: [Int]) {
        self.file = file
        self.sha256 = sha256
        self.title = title
        self.problem = problem
        self.filmThickness = filmThickness
        self.substrateThickness = substrateThickness
        self.rampSteps = rampSteps
        self.output = output
        self.filmCells = filmCells
    }

    /// Film length L (x) and width W (y) in m.
    public var length: Double { problem.grid.x.length }
    public var width: Double { problem.grid.y.length }
    /// z of the top surface (m).
    public var topSurface: Double { problem.grid.z.edges.last! }
}

/// Which files a run writes besides `summary.json` (always written).
public struct OutputOptions: Sendable, Equatable {
    /// `fields.vtr`: every cell field in VTK XML rectilinear-grid format.
    public var fields: Bool
    /// `slice_xz.csv` (y = W/2) and `surface_top.csv` (z = h).
    public var slices: Bool

    public init(fields: Bool = true, slices: Bool = true) {
        self.fields = fields
        self.slices = slices
    }
}
