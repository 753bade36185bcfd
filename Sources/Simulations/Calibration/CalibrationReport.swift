import Foundation
import IO

extension Calibration.Result {
    /// `calibration.json`: parameters (start, best, standard error, bounds, unit), correlation,
    /// targets with fitted values and normalised residuals, χ², and the runs it took.
    public func json(file: String, programVersion: String) -> JSONValue {
        func numbers(_ xs: [Double]) -> JSONValue { .array(xs.map { .number($0) }) }
        let parameterItems: [JSONValue] = parameters.enumerated().map { j, p in
            .object([
                ("key", .string(p.key.path)),
                ("unit", .string(p.key.unit)),
                ("si_per_unit", .number(p.key.siFactor)),
                ("start", .number(p.start)),
                ("best", .number(best[j])),
                ("standard_error", .number(standardErrors[j])),
                ("lower_bound", p.lower.map { .number($0) } ?? .null),
                ("upper_bound", p.upper.map { .number($0) } ?? .null),
                ("transform", .string(p.lower == nil ? "log" : "logistic")),
            ])
        }
        let targetItems: [JSONValue] = targets.enumerated().map { i, t in
            .object([
                ("observable", .string(t.observable.name)),
                ("unit", .string(t.observable.unit)),
                ("target", .number(t.value)),
                ("sigma", .number(t.sigma)),
                ("start", .number(startObservables[i])),
                ("fitted", .number(fittedObservables[i])),
                ("fitted_uncertainty", .number(fittedUncertainty[i])),
                ("normalised_residual", .number(residuals[i])),
                ("sensitivity_per_key_unit", numbers(sensitivity[i])),
            ])
        }
        let runItems: [JSONValue] = runs.map { r in
            .object([
                ("index", .integer(r.index)), ("purpose", .string(r.purpose)), ("parameters", numbers(r.parameters)),
                ("observables", numbers(r.observables)), ("chi_squared", r.cost.map { .number($0) } ?? .null),
                ("status", .string(r.status)), ("wall_time_s", .number(r.wallSeconds)),
            ])
        }
        return .object([
            ("input_file", .string(file)),
            ("program_version", .string(programVersion)),
            ("solver", .string("GSL multifit_nlinear trust region (Levenberg-Marquardt), forward-difference Jacobian")),
            ("converged", .bool(converged)),
            ("stop_reason", .string(stopReason)),
            ("iterations", .integer(iterations)),
            ("runs", .integer(runs.count)),
            ("failed_runs", .integer(runs.filter { $0.cost == nil }.count)),
            ("chi_squared", .number(chiSquared)),
            ("degrees_of_freedom", .integer(degreesOfFreedom)),
            ("uncertainty_note", .string("standard errors from (J^T J)^-1 of the sigma-weighted residuals at the best values, not rescaled by chi^2/dof")),
            ("parameters", .array(parameterItems)),
            ("correlation", .array(correlation.map(numbers))),
            ("targets", .array(targetItems)),
            ("run_log", .array(runItems)),
        ])
    }

    /// `runs.csv`: one row per run: index, purpose, status, χ², the parameters (keys' units)
    /// and the observables (SI).
    public var runsCSV: String {
        var header = ["run", "purpose", "status", "chi_squared"]
        header += parameters.map { "\($0.key.path) [\($0.key.unit.isEmpty ? "1" : $0.key.unit)]" }
        header += targets.map { "\($0.observable.name) [\($0.observable.unit)]" }
        var lines = [header.map(Self.csvField).joined(separator: ",")]
        for r in runs {
            var row = ["\(r.index)", r.purpose, r.status, r.cost.map { "\($0)" } ?? ""]
            row += r.parameters.map { "\($0)" }
            row += r.observables.isEmpty ? targets.map { _ in "" } : r.observables.map { "\($0)" }
            lines.append(row.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// Human-readable table of the result.
    public var text: String {
        var out = String(format: "%@ after %d iterations, %d runs (%d failed); χ² = %.4g for %d degrees of freedom\n",
                         converged ? "converged" : "NOT converged (\(stopReason))", iterations, runs.count,
                         runs.filter { $0.cost == nil }.count, chiSquared, degreesOfFreedom)
        if converged { out += "  (\(stopReason))\n" }
        out += "parameter                                 start          best           std. error     unit\n"
        for (j, p) in parameters.enumerated() {
            out += p.key.path.padding(toLength: 42, withPad: " ", startingAt: 0)
                + String(format: "%-15.6g%-15.6g%-15.3g", p.start, best[j], standardErrors[j]) + (p.key.unit.isEmpty ? "1" : p.key.unit) + "\n"
        }
        if parameters.count > 1 {
            out += "correlation:\n"
            for row in correlation { out += "  " + row.map { String(format: "%+.3f", $0) }.joined(separator: "  ") + "\n" }
        }
        out += "observable           target         σ              start          fitted         (m−y)/σ    unit\n"
        for (i, t) in targets.enumerated() {
            out += t.observable.name.padding(toLength: 21, withPad: " ", startingAt: 0)
                + String(format: "%-15.6g%-15.3g%-15.6g%-15.6g%-+11.3f", t.value, t.sigma, startObservables[i], fittedObservables[i], residuals[i])
                + t.observable.unit + "\n"
        }
        return out
    }

    /// Writes `calibration.json` and `runs.csv` into `directory` (each atomically).
    public func write(to directory: URL, file: String, programVersion: String) throws -> [URL] {
        let summary = directory.appendingPathComponent("calibration.json")
        let csv = directory.appendingPathComponent("runs.csv")
        try AtomicFile.write(json(file: file, programVersion: programVersion).rendered(), to: summary)
        try AtomicFile.write(runsCSV, to: csv)
        return [summary, csv]
    }
}
