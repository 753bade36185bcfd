import XCTest
import Foundation
@testable import IO
import Mesh
import Materials
import Discretization
import Solvers
import Simulations

/// Every file in geometries/ is checked, and run on a coarse mesh override with its outputs
/// written and read back.
final class GeometryFilesTests: XCTestCase {
    func geometryFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: TestPaths.geometries, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "toml" }.sorted { $0.path < $1.path }
    }

    func testEveryGeometryFileStartsWithACommentAndChecks() throws {
        let files = try geometryFiles()
        XCTAssertGreaterThanOrEqual(files.count, 4)
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            XCTAssertTrue(text.hasPrefix("# "), "\(url.lastPathComponent) must start with a comment saying what it shows")
            let device = try GeometryFile.load(url)
            XCTAssertNoThrow(try DiscreteModel(problem: device.problem), url.lastPathComponent)
            XCTAssertEqual(device.sha256, SHA256.hex(of: try Data(contentsOf: url)))
            XCTAssertFalse(device.title.isEmpty, url.lastPathComponent)
        }
    }

    /// Hottest top-surface temperature within 0.3 L of the negative electrode (x = 0) minus
    /// that within 0.3 L of the positive one (K).
    func peltierAsymmetry(_ s: SteadySolution) -> Double {
        let faces = s.grid.boundaryCellFaces(on: .zMax), t = s.surfaceTemperature(on: .zMax)
        let length = s.grid.x.length
        let negative = zip(faces, t).filter { $0.0.u < 0.3 * length }.map(\.1).max()!
        let positive = zip(faces, t).filter { $0.0.u > 0.7 * length }.map(\.1).max()!
        return negative - positive
    }

    func testEveryGeometryFileRunsOnACoarseMesh() throws {
        var asymmetry: [String: Double] = [:]
        for url in try geometryFiles() {
            let name = url.lastPathComponent
            let cells = name.hasPrefix("slab") ? [2, 1, 12] : [8, 5, 3]
            let device = try GeometryFile.load(url, cells: cells)
            let grid = device.problem.grid
            // Files with [sweep] or [transient] hold a zero drive for the steady solve; their
            // studies run in StudyFileTests.
            if device.sweep != nil || device.transient != nil { continue }
            // Metal pads: round-off in Φ across a pad cell (~1e-8 V on volts) limits the
            // contact currents, hence current and balance, to ~1e-7 relative.
            let tolerance = device.problem.regions == nil ? 1e-8 : 1e-6
            XCTAssertEqual(device.filmCells, cells, name)
            let solver = try SteadyStateSolver(problem: device.problem)
            let solution = try DriveRamp(steps: device.rampSteps).solve(solver)
            XCTAssertLessThan(solution.energyBalanceRelativeError, tolerance, name)
            asymmetry[name] = peltierAsymmetry(solution)
            if case let .current(i) = device.problem.electrodes.last!.drive {
                XCTAssertEqual(solution.current, abs(i), accuracy: 0.1 * tolerance * abs(i), name)
            }
            let directory = TestPaths.temporaryDirectory("geometry")
            let written = try RunOutputs.write(solution, of: device, to: directory, provenance: Provenance(version: "test"), wallSeconds: 0)
            XCTAssertEqual(Set(written.map(\.lastPathComponent)),
                           ["summary.json", "fields.vtr", "fields.vtu", "slice_xz.csv", "surface_top.csv"], name)
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("summary.json"))) as! [String: Any]
            for key in ["current_A", "voltage_V", "power_W", "heat_out_W", "energy_balance_rel_error", "T_max_K", "T_mean_K",
                        "T_top_mean_K", "metal_fraction", "cells_with_metal", "converged", "iterations", "input_sha256", "provenance"] {
                XCTAssertNotNil(summary[key], "\(name): summary lacks \(key)")
            }
            XCTAssertEqual(summary["T_max_K"] as! Double, solution.maximumTemperature, accuracy: 1e-9 * solution.maximumTemperature)
            XCTAssertEqual(summary["input_sha256"] as? String, device.sha256)
            let heat = (summary["heat_out_by_boundary_W"] as! [String: Double]).values.reduce(0, +)
            XCTAssertEqual(heat - (summary["lead_peltier_inflow_W"] as! Double), summary["heat_out_W"] as! Double,
                           accuracy: 1e-12 * abs(heat))
            let slice = try String(contentsOf: directory.appendingPathComponent("slice_xz.csv"), encoding: .utf8)
            XCTAssertEqual(slice.split(separator: "\n").count, 1 + grid.nx * grid.nz, name)
            XCTAssertTrue(slice.hasPrefix("x [m],y [m],z [m],T [K],Phi [V]"))
            try? FileManager.default.removeItem(at: directory)
        }
        // PH Fig. 2a vs 2c: strong Peltier heats the negative electrode's side (metal grows
        // out of it); with a ten times weaker ΔS Joule heating makes the two sides alike.
        let strong = try XCTUnwrap(asymmetry["ca2ruo4-fig2a-square.toml"])
        let weak = try XCTUnwrap(asymmetry["ca2ruo4-fig2c-weak-seebeck.toml"])
        XCTAssertGreaterThan(strong, 10, "negative side should be hotter with I ΔS/(κL) = −0.2")
        XCTAssertLessThan(abs(weak), strong / 3, "weak Seebeck should be nearly symmetric")
    }

    func testDefaultCaseThroughTheExecutable() throws {
        let out = TestPaths.temporaryDirectory("default")
        let run = try TestPaths.run(["run", "--cells", "6,3,2", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.contains("outputs in \(out.standardizedFileURL.path)"), run.out)
        XCTAssertTrue(run.err.contains("ramp"), "progress lines are expected on stderr without --quiet")
        for file in ["summary.json", "fields.vtr", "slice_xz.csv", "surface_top.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), file)
        }
        let quiet = try TestPaths.run(["check", TestPaths.geometries.appendingPathComponent("slab-uniform-current.toml").path, "--quiet"])
        XCTAssertEqual(quiet.status, 0, quiet.err)
        XCTAssertEqual(quiet.err, "")
    }

    /// `run --grid-levels 2` on the fine Fig. 2a file: the ramp on 12×13×3 cells, then 24×25×6
    /// from it. The end state must be the single-grid answer (a ramp on 24×25×6) up to what
    /// the hysteresis band leaves open: mean temperatures within 0.5 K, metal fraction
    /// within 0.01 (measured: 0.04 K and 0.0008).
    func testGridSequencingThroughTheExecutable() throws {
        let file = TestPaths.geometries.appendingPathComponent("ca2ruo4-fig2a-fine.toml")
        let out = TestPaths.temporaryDirectory("grid-levels")
        let run = try TestPaths.run(["run", file.path, "--cells", "24,25,6", "--grid-levels", "2", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.err.contains("grid sequencing: 12×13×3 → 24×25×6"), run.err)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["grid_levels"] as? Int, 2)
        XCTAssertEqual(summary["cells"] as? [Int], [24, 25, 6])
        XCTAssertLessThan(summary["energy_balance_rel_error"] as! Double, 1e-8)

        let device = try GeometryFile.load(file, cells: [24, 25, 6])
        let single = try DriveRamp(steps: device.rampSteps).solve(try SteadyStateSolver(problem: device.problem))
        XCTAssertEqual(summary["T_mean_K"] as! Double, single.meanTemperature, accuracy: 0.5)
        XCTAssertEqual(summary["T_top_mean_K"] as! Double, single.meanSurfaceTemperature(on: .zMax), accuracy: 0.5)
        XCTAssertEqual(summary["metal_fraction"] as! Double, single.metalFraction, accuracy: 0.01)

        let refused = try TestPaths.run(["run", file.path, "--grid-levels", "7", "--out", out.path + "-refused"])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.err.contains("--grid-levels") && refused.err.contains("allowed 1…6"), refused.err)
        try? FileManager.default.removeItem(at: out)
    }

    func testCompareSlabPrintsEquationsAndRegime() throws {
        let file = TestPaths.geometries.appendingPathComponent("slab-uniform-current.toml").path
        let run = try TestPaths.run(["compare", file, "--cells", "1,1,20", "--quiet"])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.contains("regime: uniform-current slab"), run.out)
        XCTAssertTrue(run.out.contains("Eq. 9 j_cr") && run.out.contains("Eq. 11 d"), run.out)
    }
}
