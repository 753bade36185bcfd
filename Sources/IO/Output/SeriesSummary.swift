import Foundation
import Solvers

/// `summary.json` of a run defined by options rather than a geometry file (sweeps and
/// transients on the built-in devices): its numbers (keys ending in their units), what was
/// run, and the provenance with every parameter of the device; the input hash is the SHA-256
/// of those parameters.
public enum SeriesSummary {
    public static func json(_ numbers: [(String, JSONValue)], run: [(String, JSONValue)], problem: ElectrothermalProblem,
                            provenance: Provenance, wallSeconds: Double) -> JSONValue {
        let parameters = run + Provenance.parameters(of: problem)
        let input: [(String, JSONValue)] = [
            ("input_file", .null),
            ("input_sha256", .string(Provenance.parameterHash(parameters))),
            ("input_sha256_of", .string("the run and device parameters below (built-in device, no input file)")),
        ]
        return .object(numbers + [
            ("input_sha256", input[1].1),
            ("wall_time_s", .number(wallSeconds)),
            ("provenance", provenance.json(wallSeconds: wallSeconds, input: input, parameters: parameters)),
        ])
    }

    public static func write(_ numbers: [(String, JSONValue)], run: [(String, JSONValue)], problem: ElectrothermalProblem,
                             provenance: Provenance, wallSeconds: Double, to url: URL) throws {
        try AtomicFile.write(json(numbers, run: run, problem: problem, provenance: provenance, wallSeconds: wallSeconds).rendered(), to: url)
    }
}

/// `summary.json` of a validation study: which study, whether it passed, the failures, and the
/// provenance (the study's options are on the command line it records).
public enum StudySummary {
    public static func write(study: String, failures: [String], provenance: Provenance, to directory: URL) throws {
        let wall = Date().timeIntervalSince(provenance.started)
        let json = JSONValue.object([
            ("study", .string(study)),
            ("passed", .bool(failures.isEmpty)),
            ("failures", .array(failures.map(JSONValue.string))),
            ("wall_time_s", .number(wall)),
            ("provenance", provenance.json(wallSeconds: wall, input: [])),
        ])
        try AtomicFile.write(json.rendered(), to: directory.appendingPathComponent(RunOutputs.summaryName))
    }
}
