import XCTest
import Foundation

/// `filament benchmark --fig2`: the whole Fig. 2a solve on a tiny mesh reports its outcome,
/// linear solves, factorisations and peak memory, on one grid or per grid level; malformed
/// sizes and options are refused.
final class BenchmarkFig2CommandTests: XCTestCase {
    func testTinySingleGridFig2BenchmarkReportsItsCounters() throws {
        let r = try TestPaths.run(["benchmark", "--fig2", "6,5,3", "--single-grid"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("cells: 90 (6×5×3), outcome: converged"), r.out)
        let solves = try XCTUnwrap(r.out.split(separator: "\n").first { $0.hasPrefix("linear solves: ") })
        XCTAssertGreaterThan(Int(solves.split(separator: " ").last!) ?? 0, 0, String(solves))
        XCTAssertTrue(r.out.contains("process peak RSS:"), r.out)
    }

    func testTinySequencedFig2BenchmarkReportsEveryLevel() throws {
        let r = try TestPaths.run(["benchmark", "--fig2", "12,9,4", "--grid-levels", "2"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("cells: 432 (12×9×4), levels: 6×5×2 → 12×9×4, outcome: converged"), r.out)
        XCTAssertTrue(r.out.contains("switching: T_IMT 361.00 K, T_MIT 359.00 K (hysteresis 2 K); linear-solve forcing 0.01; phase gain limit 1 /K; settle fraction 0.1"), r.out)
        XCTAssertTrue(r.out.contains("band continuation: none (the material's band on every level)"), r.out)
        XCTAssertTrue(r.out.contains("linear solver: multigrid-preconditioned CG (cholmod as fallback)"), r.out)
        let levels = r.out.split(separator: "\n").filter { $0.hasPrefix("level ") }
        XCTAssertEqual(levels.map { String($0.split(separator: ":")[0]) }, ["level 6×5×2", "level 12×9×4"], r.out)
        for line in levels {
            let solves = line.split(separator: ",")[1].trimmingCharacters(in: .whitespaces)
            XCTAssertTrue(solves.hasSuffix("linear solves"), String(line))
            XCTAssertGreaterThan(Int(solves.split(separator: " ")[0]) ?? 0, 0, String(line))
            XCTAssertTrue(line.contains("MG-CG solves") && !line.contains("fallbacks"), String(line))
        }
    }

    /// `--linear-solver factorization` restores the reused Cholesky factorisation; the band
    /// and its continuation are printed as given; the default levels halve down to ≥ 10
    /// cells along x and y and ≥ 2 across z.
    func testFactorizationLinearSolverAndBandOptions() throws {
        let r = try TestPaths.run(["benchmark", "--fig2", "20,21,4", "--linear-solver", "factorization",
                                   "--hysteresis", "1", "--band-continuation", "1.5,0.5,0"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("(hysteresis 1 K)"), r.out)
        XCTAssertTrue(r.out.contains("band continuation: widening 1.5 → 0.5 → 0 K per side"), r.out)
        XCTAssertTrue(r.out.contains("levels: 10×11×2 → 20×21×4, outcome: converged"), r.out)
        XCTAssertTrue(r.out.contains("linear solver: cholmod factorisation reused as CG preconditioner"), r.out)
        XCTAssertTrue(r.out.contains("factorisations") && !r.out.contains("MG-CG"), r.out)
    }

    /// The operator benchmark's multigrid rows: a first and a repeated solve with CG counts.
    func testOperatorBenchmarkMultigridRows() throws {
        let r = try TestPaths.run(["benchmark", "--sizes", "3000", "--operators", "charge", "--solvers", "cholmod,multigrid"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("# multigrid CG to relative residual 1e-10"), r.out)
        let row = try XCTUnwrap(r.out.split(separator: "\n").last { $0.contains(" charge ") && !$0.contains("cholmod") })
        let fields = row.split(separator: " ")
        XCTAssertEqual(fields.count, 9, String(row))
        XCTAssertLessThan(Double(fields[8]) ?? 1, 1e-9, "relative residual: \(row)")
        XCTAssertGreaterThan(Int(fields[5]) ?? 0, 0, String(row))
    }

    func testMalformedFig2OptionsAreRefused() throws {
        for (arguments, key) in [(["--fig2", "6,5"], "--fig2"), (["--fig2", "6,5,3", "--grid-levels", "0"], "--grid-levels"),
                                 (["--fig2", "6,5,3", "--refined-coupling", "magic"], "--refined-coupling"),
                                 (["--fig2", "6,5,3", "--transition-width", "0"], "--transition-width"),
                                 (["--fig2", "6,5,3", "--hysteresis", "25"], "--hysteresis"),
                                 (["--fig2", "6,5,3", "--hysteresis=-1"], "--hysteresis"),
                                 (["--fig2", "6,5,3", "--phase-update-cutoff", "1"], "--phase-update-cutoff"),
                                 (["--fig2", "6,5,3", "--linear-solve-forcing", "2"], "--linear-solve-forcing"),
                                 (["--fig2", "6,5,3", "--phase-gain-limit", "0"], "--phase-gain-limit"),
                                 (["--fig2", "6,5,3", "--band-continuation", "1,0.5"], "--band-continuation"),
                                 (["--fig2", "6,5,3", "--band-continuation", "0.5,1,0"], "--band-continuation"),
                                 (["--fig2", "6,5,3", "--linear-solver", "amg"], "--linear-solver"),
                                 (["--fig2", "6,5,3", "--phase-settle-fraction", "0"], "--phase-settle-fraction"),
                                 (["--solvers", "amg"], "--solvers")] {
            let r = try TestPaths.run(["benchmark"] + arguments)
            XCTAssertNotEqual(r.status, 0, "\(arguments)")
            XCTAssertTrue(r.err.contains(key), r.err)
        }
    }
}
