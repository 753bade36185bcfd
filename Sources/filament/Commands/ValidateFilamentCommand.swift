import ArgumentParser
import Foundation
import IO
import Mesh
import Solvers
import Simulations

/// `filament validate filament FILE`: runs the file's `[sweep]` and records, at every point, the
/// state across the channel's width (`FilamentProfile`): metallic width, its centre, the walls,
/// the current density inside the metal, the temperature spread. Writes `iv.csv`,
/// `filament.csv` (one row per point), `profiles.csv` (T, φ, j_x per column per point) and
/// `maps.csv` (every switching cell of every point: x, y, z, T, φ). The tolerances against
/// the closed form (docs/model.md §8) are checked by `validation/filament/study.py`; this
/// command fails on a sweep that stops or an energy balance above 1e-8.
struct ValidateFilament: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filament",
        abstract: "Sweep a channel (the file's [sweep]) and record the filament across its width at every point.")

    @Argument(help: "Geometry file with a [sweep].") var file: String
    @Option(help: "Cells NX,NY,NZ replacing the file's mesh.") var cells: String?
    @Option(name: .customLong("channel-x"), help: "The channel's x window A,B (m) over which columns are averaged (default: every switching cell).")
    var channelX: String?
    @Option(help: "Output directory.") var out: String = "validation/reports/filament"
    @Flag(help: "Check the stability of every point (StabilityAnalysis): leading eigenvalue, verdict, transverse share of its mode.")
    var stability = false
    @Flag(help: "No progress on stderr.") var quiet = false

    func parseList(_ text: String, _ option: String) throws -> [Double] {
        try text.split(separator: ",").map { part in
            guard let v = Double(part.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw ValidationError("\(option): '\(part)' is not a number; expected comma-separated numbers")
            }
            return v
        }
    }

    func run() throws {
        let cellCounts = try cells.map { try parseList($0, "--cells").map { Int($0) } }
        let device = try reportingErrors { try GeometryFile.load(URL(fileURLWithPath: file), cells: cellCounts) }
        guard let spec = device.sweep else {
            throw ValidationError("\(file): no [sweep] table; this study sweeps the file's drive up and down")
        }
        var window: ClosedRange<Double>?
        if let channelX {
            let v = try parseList(channelX, "--channel-x")
            guard v.count == 2, v[0] < v[1] else { throw ValidationError("--channel-x: expected A,B with A < B (m), got \(channelX)") }
            window = v[0]...v[1]
        }
        let directory = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var summary = "point,branch,drive,current_A,sample_voltage_V,metal_width_m,metal_centroid_m,walls_m,filament_current_density_A_per_m2,T_spread_K,T_max_K,"
            + "leading_eigenvalue_per_s,stability,mode_transverse_share\n"
        var profiles = "point,y_m,dy_m,T_K,metal_fraction,j_x_A_per_m2\n"
        var maps = "point,x_m,y_m,z_m,T_K,metal_fraction\n"
        let result = try reportingErrors {
            try SweepRunner(plan: StudyRun.sweepPlan(spec), progress: ProgressReporter(quiet: quiet)).run(problem: device.problem) { index, s in
                let p = FilamentProfile(solution: s, xWindow: window)
                summary += "\(index),,,\(s.current),\(s.voltage),\(p.metalWidth),\(p.metalCentroid.map { "\($0)" } ?? ""),"
                summary += p.walls.map { String($0) }.joined(separator: ";")
                summary += ",\(p.filamentCurrentDensity.map { "\($0)" } ?? ""),\(p.temperatureSpread),\(s.maximumTemperature),"
                summary += stability ? Self.stabilityColumns(s, window: window) + "\n" : ",,\n"
                for i in 0..<p.y.count {
                    profiles += "\(index),\(p.y[i]),\(p.dy[i]),\(p.temperature[i]),\(p.metalFraction[i]),\(p.currentDensity[i])\n"
                }
                let film = s.model.problem.filmMask
                for c in 0..<s.grid.cellCount where film[c] {
                    let (x, y, z) = s.grid.center(c)
                    maps += "\(index),\(x),\(y),\(z),\(s.state.temperature[c]),\(s.state.metalFraction[c])\n"
                }
            }
        }
        // Branch and drive come from the sweep table (same point order).
        var lines = summary.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (i, row) in result.rows.enumerated() where i + 1 < lines.count {
            var fields = lines[i + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = row.branch.rawValue
            fields[2] = "\(row.drive)"
            lines[i + 1] = fields.joined(separator: ",")
        }
        try AtomicFile.write(result.csv, to: directory.appendingPathComponent("iv.csv"))
        try AtomicFile.write(lines.joined(separator: "\n"), to: directory.appendingPathComponent("filament.csv"))
        try AtomicFile.write(profiles, to: directory.appendingPathComponent("profiles.csv"))
        try AtomicFile.write(maps, to: directory.appendingPathComponent("maps.csv"))
        var failures: [String] = []
        if !result.failures.isEmpty { print("\(result.failures.count) failed solves retried with a smaller step") }
        if result.worstEnergyBalanceError > 1e-8 {
            failures.append(String(format: "worst energy balance %.2e > 1e-8", result.worstEnergyBalanceError))
        }
        print(String(format: "%@: %d points, %d solves, %.1f s wall; outputs in %@", file, result.rows.count, result.solveCount,
                     result.wallSeconds, directory.path))
        if !failures.isEmpty { throw ValidationFailed(failures: failures) }
    }

    /// Leading eigenvalue (1/s), verdict, and the share of the leading mode's temperature that
    /// varies across the width: Σ_y (m(y) − m̄)² / Σ_y m(y)² over the column means m(y) of δT
    /// (0 for a mode uniform across the width, 1 for a pure transverse modulation).
    static func stabilityColumns(_ s: SteadySolution, window: ClosedRange<Double>?) -> String {
        let report: StabilityReport
        do { report = try StabilityAnalysis(solution: s).analyse() } catch { return ",unknown," }
        var share = ""
        if let mode = report.mode {
            let grid = s.grid, film = s.model.problem.filmMask
            var columns: [Double] = []
            for j in 0..<grid.ny {
                var sum = 0.0, volume = 0.0
                for k in 0..<grid.nz {
                    for i in 0..<grid.nx {
                        let c = grid.index(i, j, k)
                        guard film[c], window.map({ $0.contains(grid.center(c).0) }) ?? true else { continue }
                        sum += grid.volume(c) * mode.temperature[c]
                        volume += grid.volume(c)
                    }
                }
                if volume > 0 { columns.append(sum / volume) }
            }
            let mean = columns.reduce(0, +) / Double(max(columns.count, 1))
            let total = columns.map { $0 * $0 }.reduce(0, +)
            if total > 0 { share = "\(columns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / total)" }
        }
        return "\(report.leading.map { "\($0.real)" } ?? ""),\(report.verdict.rawValue),\(share)"
    }
}
