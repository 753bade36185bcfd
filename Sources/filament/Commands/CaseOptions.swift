import ArgumentParser
import Foundation
import IO
import Simulations
import Solvers

/// Options shared by `run`, `check` and `compare`: the geometry file, a mesh override and
/// quiet mode.
struct CaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Film cells per axis replacing [mesh], for fast checks.", valueName: "NX,NY,NZ"))
    var cells: String?

    @Option(name: .long, help: ArgumentHelp("Grid sequencing on N grids, each halving the film cells of the next finer one; the drive ramp runs on the coarsest (replaces [drive] grid_levels; 1 to 6).", valueName: "N"))
    var gridLevels: Int?

    @Option(name: .long, help: ArgumentHelp("Linear algebra: serial (this process; multigrid CG where the file says petsc) or petsc (PETSc on the ranks of mpirun -n N; replaces [solver] backend; docs/cluster.md).", valueName: "serial|petsc"))
    var backend: String?

    @Flag(name: .long, help: "No progress lines on standard error.")
    var quiet = false

    @Flag(name: .long, help: "Also print the solver's internals (phase updates, residuals) on standard error.")
    var verbose = false

    func validate() throws {
        try checkingOptions {
            _ = try parsedCells()
            if let gridLevels { try InputLimits.count(gridLevels, 1...6, "--grid-levels") }
            if let backend, !["serial", "petsc"].contains(backend) { throw InputError(option: "--backend", message: "allowed: serial or petsc (got '\(backend)')") }
        }
    }

    /// The `--cells` override as [nx, ny, nz].
    func parsedCells() throws -> [Int]? {
        guard let cells else { return nil }
        return try InputLimits.cells(cells, "--cells")
    }

    var progress: ProgressReporter { ProgressReporter(quiet: quiet, verbose: verbose) }

    /// Reads the geometry file, or the built-in default case when `file` is nil.
    /// `cells`: film cells replacing both the file's mesh and `--cells` (a grid level).
    func load(_ file: String?, cells override: [Int]? = nil) throws -> DeviceCase {
        let cells = try override ?? parsedCells()
        var device: DeviceCase
        if let file {
            device = try GeometryFile.load(URL(fileURLWithPath: file), displayName: file, cells: cells)
        } else {
            device = try GeometryFile.parse(DefaultCase.toml, file: DefaultCase.name, cells: cells)
        }
        if let gridLevels { device.gridLevels = gridLevels }
        if backend == "petsc" { device.problem.settings.symmetricStrategy = .petsc }
        if backend == "serial", device.problem.settings.symmetricStrategy == .petsc { device.problem.settings.symmetricStrategy = .multigrid }
        return device
    }

    /// Cells along z of the coarsest grid the run solves (the finest grid without sequencing).
    func coarsestCellsZ(_ device: DeviceCase, file: String?) throws -> Int {
        guard device.gridLevels > 1 else { return device.problem.grid.nz }
        let finest = device.filmCells
        let levels = GridSequence.halving(toward: (finest[0], finest[1], finest[2]), count: device.gridLevels)
        return try levels.map { try load(file, cells: [$0.x, $0.y, $0.z]).problem.grid.nz }.min() ?? device.problem.grid.nz
    }

    /// Solves a case: a quasi-static ramp of `rampSteps` steps (a direct solve for 1), with
    /// `gridLevels` > 1 on the coarsest of the halved grids, each finer grid then starting
    /// from the one before (`GridSequence`; each level is `file` read at its cell counts).
    /// `onRampStep` sees each state of the ramp (drive fraction 0 … 1).
    func solve(_ device: DeviceCase, file: String?,
               onRampStep: (Double, SteadySolution) throws -> Void = { _, _ in }) throws -> SteadySolution {
        let reporter = progress
        reporter.report("\(device.file): \(device.problem.grid.cellCount) cells (\(device.problem.grid.nx)×\(device.problem.grid.ny)×\(device.problem.grid.nz)), \(device.rampSteps) ramp step(s)")
        guard device.gridLevels > 1 else {
            let solver = try SteadyStateSolver(problem: device.problem)
            if verbose { solver.progress = { reporter.detail($0) } }
            if device.rampSteps > 1 {
                return try DriveRamp(steps: device.rampSteps, progress: reporter).solve(solver, onStep: onRampStep)
            }
            let solution = try solver.solve()
            try onRampStep(1, solution)
            return solution
        }
        let finest = device.filmCells
        let levels = GridSequence.halving(toward: (finest[0], finest[1], finest[2]), count: device.gridLevels)
        reporter.report("grid sequencing: " + levels.map { "\($0.x)×\($0.y)×\($0.z)" }.joined(separator: " → ")
                        + (levels.count < device.gridLevels ? " (\(levels.count) of \(device.gridLevels) levels: an axis would drop below 2 cells)" : ""))
        let sequence = GridSequence(levels: levels, rampSteps: device.rampSteps, progress: reporter)
        return try sequence.solve(makeSolver: { cells, _ in
            let level = try load(file, cells: [cells.x, cells.y, cells.z])
            let solver = try SteadyStateSolver(problem: level.problem)
            if verbose { solver.progress = { reporter.detail($0) } }
            return solver
        }, onRampStep: onRampStep).solution
    }
}
