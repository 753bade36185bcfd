import ArgumentParser
import Foundation
import SparseLinearAlgebra
import IO
import Simulations
import Solvers
import SparseLinearAlgebra

/// The exit codes of `filament` (docs/exit-codes.md):
/// 0 done; 1 a validation study missed a tolerance, or an unexpected internal error;
/// 2 an input file is invalid; 3 the solve (or a sweep / transient step) failed, no result was
/// called converged; 4 the output folder cannot be written (a file, read-only, full, locked by
/// another run); 64 a command-line option is invalid (with a usage hint).
enum FailureCode {
    static let invalidInput: Int32 = 2
    static let solveFailed: Int32 = 3
    static let outputFailed: Int32 = 4
    static let usage: Int32 = 64
}

extension Filament {
    /// Parses and runs a command; every error ends in one `error: …` line naming the file or
    /// option, and the exit code of its class. Non-finite numbers (`nan`, `inf`, `1e999`) are
    /// refused for every option before any command sees them. The BLAS thread count is set
    /// first, before any BLAS call (`BLASThreads.configure`).
    static func main() {
        BLASThreads.configure(preferred: 1)
        ParallelBackend.registerLazily()
        do {
            try CommandLineNumbers.rejectNonFinite(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: exitError(for: error))
        }
    }
}

/// Prints an error to standard error and returns the exit code to throw.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
    // under MPI only rank 0 prints (every rank meets the same error)
    if ParallelBackend.isRoot { FileHandle.standardError.write(Data("error: \(message)\n".utf8)) }
    return ExitCode(code)
}

/// The exit for an error: known errors are printed here as one line and become an `ExitCode`;
/// errors of the argument parser are passed on (it prints them with the usage).
func exitError(for error: Error) -> Error {
    switch error {
    case is ExitCode, is CleanExit:
        return error
    case let e as InputError:
        return fail("\(e.description) (see --help)", code: FailureCode.usage)
    case let e as GeometryError:
        return fail(e.description, code: FailureCode.invalidInput)
    case let e as SolverError:
        if case .invalidProblem = e { return fail(e.description, code: FailureCode.invalidInput) }
        // a T_eff table that does not cover the run's fields or temperatures is an input error
        if case .effectiveTemperatureTableRange = e { return fail(e.description, code: FailureCode.invalidInput) }
        return fail(e.description, code: FailureCode.solveFailed)
    case let e as SweepError:
        if case .invalidPlan = e { return fail(e.description, code: FailureCode.invalidInput) }
        return fail(e.description, code: FailureCode.solveFailed)
    case let e as SparseSolverError:
        if case .backendUnavailable = e { return fail(e.description, code: FailureCode.invalidInput) }
        return fail(e.description, code: FailureCode.solveFailed)
    case let e as OutputFolderError:
        return fail(e.description, code: FailureCode.outputFailed)
    case let e as IncompleteRun:
        return fail(e.description, code: FailureCode.solveFailed)
    case is ValidationError:
        return error
    default:
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
            let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path ?? "a file"
            return fail("\(path): \(FileErrorText.describe(error))", code: FailureCode.outputFailed)
        }
        if "\(type(of: error))".contains("ParserError") || "\(type(of: error))".contains("CommandError") { return error }
        return fail("\(error)", code: 1)
    }
}

/// Runs `body`, turning known errors into a message on stderr and a non-zero exit.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw exitError(for: error)
    }
}

/// Runs option checks of a `validate()`: an `InputError` becomes the parser's usage error
/// (exit 64, the message naming the option and the allowed range).
func checkingOptions(_ body: () throws -> Void) throws {
    do { try body() } catch let e as InputError { throw ValidationError(e.description) }
}

/// A sweep or transient that stopped part-way: its completed steps were written (marked
/// incomplete in `status.json`); exit 3.
struct IncompleteRun: Error, CustomStringConvertible {
    var reason: String
    var folder: String
    var description: String { "\(reason) (the completed steps are in \(folder), marked incomplete in status.json)" }
}

/// Ends the process with exit 3 when a run exceeds its wall-clock budget: the staging folder is
/// removed, so the output folder stays as it was.
final class WallClockBudget {
    private let timer: DispatchSourceTimer

    init(seconds: Double, folder: OutputFolder) {
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + seconds)
        timer.setEventHandler {
            folder.abandon()
            FileHandle.standardError.write(Data("error: stopped: the wall-clock budget of \(seconds) s (--max-wall-seconds) ran out before the solve ended; \(folder.destination.path) is unchanged\n".utf8))
            // _exit, not exit: the solve is still running on the main thread, and exit's
            // handlers (static destructors, stdio flushing) must not race with it.
            _exit(FailureCode.solveFailed)
        }
        timer.resume()
    }

    func cancel() { timer.cancel() }
}

/// Checks on numbers given on the command line that apply to every option.
enum CommandLineNumbers {
    /// Refuses a value that parses as a number but is not finite (`nan`, `inf`, `-inf`,
    /// `1e999`), also inside comma- or colon-separated lists (`--waveform step:0,inf,1`).
    static func rejectNonFinite(_ arguments: [String]) throws {
        var previous: String?
        for argument in arguments {
            var option = previous, value = argument
            if argument.hasPrefix("--"), let eq = argument.firstIndex(of: "=") {
                option = String(argument[..<eq])
                value = String(argument[argument.index(after: eq)...])
            }
            defer { previous = argument.hasPrefix("-") && Double(argument) == nil ? argument : nil }
            // paths may be called "nan" or "inf"
            guard let option, !["--out", "-o", "--output", "--report"].contains(option) else { continue }
            for part in value.split(whereSeparator: { $0 == "," || $0 == ":" }) {
                if let x = Double(part.trimmingCharacters(in: .whitespaces)), !x.isFinite {
                    throw InputError(option: option, message: "'\(part)' is not a finite number; allowed: finite values")
                }
            }
        }
    }
}

extension OutputFolder {
    /// Prepares `--out` for a command, turning its problems into an exit-4 message before any
    /// work starts.
    static func prepareForCommand(_ path: String, expectedBytes: Int) throws -> OutputFolder {
        do {
            return try OutputFolder.prepare(URL(fileURLWithPath: path), expectedBytes: expectedBytes)
        } catch {
            throw exitError(for: error)
        }
    }

    /// Writes `files` (name, contents) and commits, or abandons the folder and reports why.
    func finish(_ write: () throws -> Void) throws {
        do {
            try write()
            try commit()
        } catch {
            abandon()
            if let e = error as? OutputFolderError { throw exitError(for: e) }
            let ns = error as NSError
            if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
                throw exitError(for: OutputFolderError(path: destination.path, message: "cannot be written: \(FileErrorText.describe(error))"))
            }
            throw exitError(for: error)
        }
    }
}
