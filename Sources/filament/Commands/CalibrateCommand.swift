import ArgumentParser
import Foundation
import IO
import Simulations

/// `filament calibrate FILE --fit KEY[=LO:HI]… --target OBSERVABLE=VALUE±SIGMA…`: fit numeric
/// keys of a geometry file to measured observables (docs/calibration.md).
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit numeric keys of a geometry file to measured observables, with standard errors.",
        discussion: """
        Each --fit names a numeric key of FILE by its dotted path (material.insulator.thermal_conductivity, \
        electrode[2].current or electrode[positive].current, thermal[1].coefficient, …); the file's value is \
        the start, optional bounds LO:HI are in the unit the file writes the key in. Each --target is \
        OBSERVABLE=VALUE±SIGMA [UNIT] (SI without a unit); observables: \(CalibrationObservable.names.joined(separator: ", ")). \
        FILE may hold the same entries in a [calibrate] table (fit = [...], targets = [...]); --fit and --target \
        replace entries for the same key or observable and add the rest. Writes calibration.json and runs.csv into --out. Exit codes: 0 converged; 2 invalid input; 3 the fit \
        stopped (a run failed where the fit cannot go on) or did not converge (the outputs are still written).
        """)

    @Argument(help: "Geometry file (TOML, see docs/geometry-format.md).")
    var file: String

    @Option(name: .long, help: ArgumentHelp("A free parameter: a numeric key of FILE, with optional bounds in the file's unit.", valueName: "KEY[=LO:HI]"))
    var fit: [String] = []

    @Option(name: .long, help: ArgumentHelp("A measured observable with its standard uncertainty.", valueName: "OBSERVABLE=VALUE±SIGMA"))
    var target: [String] = []

    @Option(name: .long, help: ArgumentHelp("Directory for calibration.json and runs.csv.", valueName: "DIR"))
    var out: String = "filament-calibration"

    @Option(name: .long, help: "Largest number of least-squares iterations (1…500).")
    var maxIterations: Int = 30

    @Option(name: .long, help: "Finite-difference step in the solver's variable (relative step for a parameter without bounds; 1e-6…0.5).")
    var step: Double = 1e-2

    @Flag(name: .long, help: "Start every run cold (the file's ramp) instead of from the best state so far.")
    var cold = false

    @OptionGroup var options: CaseOptions

    func validate() throws {
        guard (1...500).contains(maxIterations) else { throw ValidationError("--max-iterations must lie in 1…500 (got \(maxIterations))") }
        guard step >= 1e-6, step <= 0.5 else { throw ValidationError("--step must lie in 1e-6…0.5 (got \(step))") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let (runner, start) = try reportingErrors { () throws -> (CalibrationRunner, DeviceCase) in
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw GeometryError(file: file, key: "(file)", message: "cannot read the file as UTF-8 text")
            }
            let document = try GeometryDocument(text: text, file: file)
            let entries = try GeometryFile.calibrationEntries(text, file: file)
            let (parameters, targets) = try input { try fitAndTargets(entries, document: document) }
            if targets.contains(where: \.observable.needsSweep), !targets.allSatisfy(\.observable.needsSweep) {
                throw fail("--target: switching_voltage and switching_current come from the file's [sweep]; they cannot be mixed with steady observables in one fit", code: FailureCode.invalidInput)
            }
            guard targets.count >= parameters.count else {
                throw fail("--target: \(parameters.count) free parameters need at least as many targets (got \(targets.count))", code: FailureCode.invalidInput)
            }
            let runner = CalibrationRunner(document: document, parameters: parameters, targets: targets,
                                           baseDirectory: url.deletingLastPathComponent(), cells: try options.parsedCells())
            runner.gridLevels = options.gridLevels
            let device = try runner.device(parameters.map(\.start))
            try input { for t in targets { try t.observable.check(on: device) } }
            return (runner, device)
        }
        runner.warmStart = !cold
        runner.progress = options.progress
        options.progress.begin("\(file): calibrating \(runner.parameters.count) parameter(s) against \(runner.targets.count) target(s) on \(start.problem.grid.cellCount) cells")
        var calibration = Calibration(runner: runner)
        calibration.maxIterations = maxIterations
        calibration.step = step
        let result: Calibration.Result
        do {
            result = try reportingErrors { try calibration.fit() }
        } catch let e as Calibration.Failure {
            throw fail("\(file): \(e.description) (after \(runner.runs.count) runs)", code: FailureCode.solveFailed)
        } catch let e as CalibrationInputError {
            throw fail(e.description, code: FailureCode.invalidInput)
        }
        let directory = URL(fileURLWithPath: out).standardizedFileURL
        let written = try result.write(to: directory, file: file, programVersion: FilamentVersion.string)
        print("\(file): " + result.text, terminator: "")
        print("outputs in \(directory.path): " + written.map(\.lastPathComponent).joined(separator: ", "))
        if !result.converged { throw ExitCode(FailureCode.solveFailed) }
    }

    /// The free parameters and targets: the file's `[calibrate]` entries, then the command
    /// line's — a `--fit` of a key the file already frees, or a `--target` of an observable the
    /// file already targets, replaces the file's entry; others are added.
    private func fitAndTargets(_ entries: CalibrationEntries?, document: GeometryDocument) throws -> ([FreeParameter], [CalibrationTarget]) {
        func fromFile<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let e as CalibrationInputError { throw CalibrationInputError("\(file): \(e.description)") }
        }
        let fileParameters = try fromFile { try (entries?.fit ?? []).map { try FreeParameter(option: $0.text, document: document, source: $0.key) } }
        let options = try fit.map { try FreeParameter(option: $0, document: document) }
        let paths = options.map(\.key.path)
        if let repeated = paths.first(where: { p in paths.filter { $0 == p }.count > 1 }) {
            throw CalibrationInputError("--fit \(repeated): given twice; each key may be free once")
        }
        let filePaths = fileParameters.map(\.key.path)
        if let repeated = filePaths.first(where: { p in filePaths.filter { $0 == p }.count > 1 }) {
            throw CalibrationInputError("\(file): calibrate.fit: \(repeated) is given twice; each key may be free once")
        }
        let parameters = fileParameters.filter { !paths.contains($0.key.path) } + options
        let fileTargets = try fromFile { try (entries?.targets ?? []).map { try CalibrationTarget(option: $0.text, source: $0.key) } }
        let optionTargets = try target.map { try CalibrationTarget(option: $0) }
        let observed = Set(optionTargets.map(\.observable.name))
        let targets = fileTargets.filter { !observed.contains($0.observable.name) } + optionTargets
        guard !parameters.isEmpty else {
            throw CalibrationInputError("--fit: give at least one free parameter, e.g. --fit material.insulator.thermal_conductivity, or fit = [\"KEY=LO:HI\"] in the file's [calibrate] table")
        }
        guard !targets.isEmpty else {
            throw CalibrationInputError("--target: give at least one measured observable, e.g. --target T_top_mean=303±1, or targets = [\"OBSERVABLE=VALUE±SIGMA UNIT\"] in the file's [calibrate] table")
        }
        return (parameters, targets)
    }

    /// Turns a `CalibrationInputError` into exit code 2.
    private func input<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as CalibrationInputError {
            throw fail(e.description, code: FailureCode.invalidInput)
        }
    }
}
