import XCTest
import Foundation
@testable import IO
import Mesh
import Solvers
import Simulations

/// `[sweep]` and `[transient]` in geometry files: the file's device is the built-in one where
/// they should agree, and `filament run FILE` writes the study's outputs.
final class StudyFileTests: XCTestCase {
    func text(_ name: String) throws -> String {
        try String(contentsOf: TestPaths.geometries.appendingPathComponent(name), encoding: .utf8)
    }

    func temporaryFile(_ text: String) throws -> URL {
        let url = TestPaths.temporaryDirectory("study").appendingPathExtension("toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The slab sweep of geometries/ph-slab-sweep.toml on 12 cells and 10 steps per branch
    /// against `SweepRunner` on the built-in `SlabStudy` (the device `SweepValidation` uses):
    /// the same points, sample voltages within 0.5 % (measured on the full 100-cell, 100-step
    /// sweep: 775 points each, 8.4e-7 relative).
    func testSlabSweepFromTheFileMatchesTheBuiltInStudy() throws {
        let device = try GeometryFile.parse(try text("ph-slab-sweep.toml"), file: "ph-slab-sweep.toml", cells: [1, 1, 12])
        let spec = try XCTUnwrap(device.sweep)
        XCTAssertEqual(spec.quantity, .current)
        XCTAssertEqual(spec.electrode, 1)
        let study = SlabStudy()
        let iCr = study.closedForms.criticalCurrentDensity * study.crossSection
        XCTAssertEqual(spec.peak, 3 * iCr, accuracy: 1e-7 * iCr)
        let plan = SweepPlan(quantity: .current, start: spec.start, peak: spec.peak, end: spec.end, steps: 10,
                             drivenElectrode: spec.electrode, eventBisections: spec.eventBisections)
        let fromFile = try SweepRunner(plan: plan).run(problem: device.problem)
        let builtIn = try SweepRunner(plan: plan).run(problem: study.problem(currentDensity: 0, cellsAlongZ: 12))
        XCTAssertEqual(fromFile.rows.count, builtIn.rows.count)
        for (a, b) in zip(fromFile.rows, builtIn.rows) where abs(b.sampleVoltage) > 1e-9 {
            XCTAssertEqual(a.sampleVoltage, b.sampleVoltage, accuracy: 5e-3 * abs(b.sampleVoltage))
        }
        XCTAssertEqual(fromFile.events.map(\.kind), builtIn.events.map(\.kind))
    }

    /// `filament run FILE` with [sweep] on the VO2 bridge (coarse mesh, 10 steps per branch):
    /// iv.csv, events.csv and iv_loop.svg; the bridge switches to metal on the way up and back
    /// on the way down at a lower source voltage (a hysteresis loop of non-zero area).
    func testVO2BridgeSweepsAHysteresisLoop() throws {
        var source = try text("vo2-bridge-on-sapphire.toml")
        source = source.replacingOccurrences(of: "steps = 40", with: "steps = 10")
        let file = try temporaryFile(source)
        let out = TestPaths.temporaryDirectory("vo2")
        let run = try TestPaths.run(["run", file.path, "--cells", "8,3,3", "--out", out.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.err)
        for name in ["iv.csv", "events.csv", "iv_loop.svg"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        let rows = try String(contentsOf: out.appendingPathComponent("iv.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // columns: branch, drive_V, current_A, sample_voltage_V, source_voltage_V, load, metal_fraction, …
        let up = rows.filter { $0[0] == "up" }, down = rows.filter { $0[0] == "down" }
        let firstMetalUp = try XCTUnwrap(up.first { Double($0[6])! > 0.5 }, "the bridge should switch on the way up")
        let lastMetalDown = try XCTUnwrap(down.last { Double($0[6])! > 0.5 }, "the bridge should be metallic on the way down")
        XCTAssertLessThan(Double(lastMetalDown[1])!, Double(firstMetalUp[1])!, "hysteresis: metal persists below the switching V_t")
        XCTAssertEqual(Double(down.last![6])!, 0, "insulating again at the end")
        let svg = try String(contentsOf: out.appendingPathComponent("iv_loop.svg"), encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<svg") && svg.contains("polyline"))
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: file)
    }

    /// `filament run FILE` with [transient]: the slab pulse on 10 cells writes the time series,
    /// snapshots and the loop plot, with the energy of the run balanced.
    func testSlabPulseTransientFromTheFile() throws {
        let out = TestPaths.temporaryDirectory("pulse")
        let run = try TestPaths.run(["run", TestPaths.geometries.appendingPathComponent("ph-slab-pulse.toml").path,
                                     "--cells", "1,1,10", "--out", out.path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.err)
        for name in ["timeseries.csv", "snapshots.pvd", "iv_loop.svg"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        let tail = try XCTUnwrap(run.out.components(separatedBy: "relative imbalance ").last?.split(separator: "\n").first)
        let imbalance = try XCTUnwrap(Double(tail), run.out)
        XCTAssertLessThan(imbalance, 1e-9, run.out)
        let series = try String(contentsOf: out.appendingPathComponent("timeseries.csv"), encoding: .utf8)
        let peakMetal = series.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[6]) }.max() ?? 0
        XCTAssertGreaterThan(peakMetal, 0.1, "the pulse switches part of the slab")
        try? FileManager.default.removeItem(at: out)
    }

    /// The Ca2RuO4 crystal with gold pads on a coarse mesh: switches at its top, and the
    /// Peltier heat at the pad junctions makes the end where current leaves the crystal hotter.
    func testCa2RuO4CrystalWithPads() throws {
        let device = try GeometryFile.load(TestPaths.geometries.appendingPathComponent("ca2ruo4-crystal-with-pads.toml"),
                                           cells: [10, 3, 3])
        let solver = try SteadyStateSolver(problem: device.problem)
        let s = try DriveRamp(steps: device.rampSteps).solve(solver)
        XCTAssertGreaterThan(s.metalFraction, 0.05)
        XCTAssertLessThan(s.energyBalanceRelativeError, 1e-6)
        XCTAssertEqual(s.current, 0.01, accuracy: 1e-8)
        let grid = s.grid
        let crystalTop = (0..<grid.cellCount).filter { abs(grid.center($0).2 - grid.z.center(grid.nz - 2)) < 1e-12 }
        let left = crystalTop.filter { grid.center($0).0 < 0.3e-3 }.map { s.state.temperature[$0] }.max()!
        let right = crystalTop.filter { grid.center($0).0 > 0.7e-3 }.map { s.state.temperature[$0] }.max()!
        XCTAssertGreaterThan(left, right, "Peltier heat where the current leaves the crystal (S 1000 → 1.9 µV/K)")
    }
}
