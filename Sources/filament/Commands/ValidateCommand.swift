import ArgumentParser
import Foundation
import IO
import Solvers
import Simulations

/// `filament validate STUDY --out DIR`: regenerates a validation study's numbers as CSV and
/// a Markdown report; exits non-zero when a stated tolerance is missed.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Run a validation study against the closed forms (see validation/README.md).",
        subcommands: [ValidateSlab.self, ValidateFig2.self, ValidateFig2Case.self, ValidateCriticalRadius.self, ValidateFieldChannel.self, ValidateFilament.self])
}

struct ValidationFailed: Error, CustomStringConvertible {
    var failures: [String]
    var description: String { "validation failed: " + failures.joined(separator: "; ") }
}

struct ValidateSlab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slab", abstract: "Uniform-current slab: PH Eqs. 8 (order of accuracy), 9 (j_cr), 11 (d(j)).")

    @Option(help: "Output directory for the report and CSV files.")
    var out: String = "validation/reports/slab"

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        let provenance = FilamentVersion.provenance()
        let validation = SlabValidation()
        let report = try validation.run(progress: ProgressReporter(quiet: quiet))
        let dir = URL(fileURLWithPath: out)
        var profile = "cells,max_abs_error_K,observed_order\n"
        for row in report.profile { profile += "\(row.cells),\(row.maxError),\(row.order.map { String($0) } ?? "")\n" }
        try AtomicFile.write(profile, to: dir.appendingPathComponent("profile_convergence.csv"))
        var samples = "z_m,T_simulated_K,T_eq8_K\n"
        for s in report.profileSamples { samples += "\(s.z),\(s.simulated),\(s.exact)\n" }
        try AtomicFile.write(samples, to: dir.appendingPathComponent("profile_finest.csv"))
        var layers = "j0_over_jcr,d_over_h_simulated,d_over_h_eq11,abs_error_over_h\n"
        for row in report.layers { layers += "\(row.ratio),\(row.simulated),\(row.exact),\(row.errorOverThickness)\n" }
        try AtomicFile.write(layers, to: dir.appendingPathComponent("layer_thickness.csv"))
        let markdown = markdownReport(report, validation)
        try AtomicFile.write(markdown, to: dir.appendingPathComponent("report.md"))
        print(markdown)
        try StudySummary.write(study: "slab", failures: report.failures, provenance: provenance, to: dir)
        print("report written to \(dir.path)")
        if !report.failures.isEmpty { throw ValidationFailed(failures: report.failures) }
    }

    func markdownReport(_ r: SlabValidation.Report, _ v: SlabValidation) -> String {
        var s = "# Slab validation (PH Eqs. 8, 9, 11)\n\n"
        s += "Insulating profile, max |T − Eq. 8| over cell centres at j0 = 0.8 j_cr:\n\n| cells in z | max error (K) | observed order |\n|---|---|---|\n"
        for row in r.profile { s += "| \(row.cells) | \(String(format: "%.3e", row.maxError)) | \(row.order.map { String(format: "%.3f", $0) } ?? "–") |\n" }
        let jcrError = r.criticalCurrent.simulated / r.criticalCurrent.exact - 1
        s += String(format: "\nCritical current density (top surface at T_MIT): simulated %.5g A/cm², Eq. 9 %.5g A/cm², relative error %.2e (tolerance %.0e)\n",
                    r.criticalCurrent.simulated * 1e-4, r.criticalCurrent.exact * 1e-4, jcrError, v.criticalCurrentTolerance)
        s += "\nMetal-layer thickness (\(v.layerCells) cells in z):\n\n| j0/j_cr | d/h simulated | d/h Eq. 11 | |Δd|/h |\n|---|---|---|---|\n"
        for row in r.layers { s += String(format: "| %.2f | %.4f | %.4f | %.4f |\n", row.ratio, row.simulated, row.exact, row.errorOverThickness) }
        s += String(format: "\nWorst energy-balance error |P − Q_out|/P over all solves: %.2e (tolerance %.0e)\n", r.worstEnergyError, v.energyTolerance)
        s += r.failures.isEmpty ? "\n**PASS**\n" : "\n**FAIL**: " + r.failures.joined(separator: "; ") + "\n"
        return s
    }
}
