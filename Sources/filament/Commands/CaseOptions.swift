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

    @Flag(name: .long, help: "No progress lines on standard error.")
    var quiet = false

    func validate() throws {
        _ = try parsedCells()
    }

    /// The `--cells` override as [nx, ny, nz].
    func parsedCells() throws -> [Int]? {
        guard let cells else { return nil }
        let parts = cells.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, parts.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--cells expects three positive integers NX,NY,NZ, e.g. --cells 20,10,4; got '\(cells)'")
        }
        return parts.map { $0! }
    }

    var progress: ProgressReporter { ProgressReporter(quiet: quiet) }

    /// Reads the geometry file, or the built-in default case when `file` is nil.
    func load(_ file: String?) throws -> DeviceCase {
        let cells = try parsedCells()
        guard let file else {
            return try GeometryFile.parse(DefaultCase.toml, file: DefaultCase.name, cells: cells)
        }
        return try GeometryFile.load(URL(fileURLWithPath: file), displayName: file, cells: cells)
    }

    /// Solves a case: a quasi-static ramp of `rampSteps` steps (a direct solve for 1).
    func solve(_ device: DeviceCase) throws -> SteadySolution {
        let reporter = progress
        reporter.report("\(device.file): \(device.problem.grid.cellCount) cells (\(device.problem.grid.nx)×\(device.problem.grid.ny)×\(device.problem.grid.nz)), \(device.rampSteps) ramp step(s)")
        let solver = try SteadyStateSolver(problem: device.problem)
        if !quiet { solver.progress = { reporter.report($0) } }
        if device.rampSteps > 1 {
            return try DriveRamp(steps: device.rampSteps, progress: reporter).solve(solver)
        }
        return try solver.solve()
    }
}

/// Prints an error to standard error and exits with `code` (no outputs have been written).
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(code)
}

/// Exit codes: 2 for an invalid geometry file, 3 for a solve that failed.
enum FailureCode {
    static let invalidInput: Int32 = 2
    static let solveFailed: Int32 = 3
}

/// Runs `body`, turning known errors into a message on stderr and a non-zero exit.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as GeometryError {
        throw fail(e.description, code: FailureCode.invalidInput)
    } catch let e as SolverError {
        if case .invalidProblem = e { throw fail(e.description, code: FailureCode.invalidInput) }
        throw fail(e.description, code: FailureCode.solveFailed)
    }
}
