import XCTest
import Foundation
@testable import IO
@testable import Simulations

/// `filament calibrate`: editing numeric keys of a geometry file, the input checks, and a
/// synthetic round trip on a small insulating slab whose answer is known in closed form.
final class CalibrationTests: XCTestCase {
    /// A uniform-current slab that stays insulating: V = ρ I L/(W h) and
    /// T_top = T0 + ρ j² h²/(2κ) (PH Eq. 31), so ρ and κ are fixed by V and T_top.
    static let slab = """
    title = "insulating slab"
    [domain]
    length = "1 mm"
    width = "1 mm"
    thickness = "0.2 mm"
    [mesh]
    x = { cells = 2 }
    y = { cells = 1 }
    z = { cells = 12 }
    [material]
    T_IMT = "1000 K"
    [material.insulator]
    resistivity = "0.5 ohm*cm"
    thermal_conductivity = "1e-3 W/(cm*K)"
    [material.metal]
    resistivity = "0.05 ohm*cm"
    thermal_conductivity = "1e-3 W/(cm*K)"
    [[electrode]]
    name = "negative"
    face = "x_min"
    role = "ground"
    [[electrode]]
    name = "positive"
    face = "x_max"
    current = "40 mA"
    [[thermal]]
    face = "z_min"
    condition = "fixed_temperature"
    temperature = "273 K"
    """

    func testNumericKeysAreReadAndReplacedInTheirOwnUnit() throws {
        let doc = try GeometryDocument(text: Self.slab, file: "slab.toml")
        let kappa = try doc.numericKey("material.insulator.thermal_conductivity", option: "--fit")
        XCTAssertEqual(kappa.value, 1e-3)
        XCTAssertEqual(kappa.unit, "W/(cm*K)")
        XCTAssertEqual(kappa.siFactor, 100, accuracy: 1e-12)
        let current = try doc.numericKey("electrode[positive].current", option: "--fit")
        XCTAssertEqual(current.value, try doc.numericKey("electrode[2].current", option: "--fit").value)
        let text = try doc.text(setting: [(kappa, 2.5e-3), (current, 30)])
        let device = try GeometryFile.parse(text, file: "edited")
        XCTAssertEqual(device.problem.material.insulator.thermalConductivity(at: 300), 0.25, accuracy: 1e-12)
        let edited = try GeometryDocument(text: text, file: "edited")
        XCTAssertEqual(try edited.numericKey("electrode[2].current", option: "--fit").value, 30)
        XCTAssertEqual(try edited.numericKey("material.metal.thermal_conductivity", option: "--fit").value, 1e-3)
    }

    /// A value inside an array (an electrode's range) is a free parameter by position.
    func testArrayValueIsAFreeParameter() throws {
        let withRange = Self.slab.replacingOccurrences(of: "face = \"x_max\"\ncurrent", with: "face = \"x_max\"\nz = [\"0 mm\", \"0.1 mm\"]\ncurrent")
        XCTAssertNotEqual(withRange, Self.slab)
        let doc = try GeometryDocument(text: withRange, file: "slab.toml")
        let top = try doc.numericKey("electrode[positive].z[2]", option: "--fit")
        XCTAssertEqual(top.value, 0.1)
        XCTAssertEqual(top.unit, "mm")
        XCTAssertEqual(top.siFactor, 1e-3, accuracy: 1e-18)
        let edited = try doc.text(setting: [(top, 0.15)])
        let device = try GeometryFile.parse(edited, file: "edited")
        XCTAssertEqual(try GeometryDocument(text: edited, file: "e").numericKey("electrode[2].z[2]", option: "--fit").value, 0.15)
        XCTAssertEqual(try GeometryDocument(text: edited, file: "e").numericKey("electrode[2].z[1]", option: "--fit").value, 0)
        XCTAssertEqual(device.problem.electrodes.count, 2)
        for (path, message) in [("electrode[positive].z", "holds an array"), ("electrode[positive].z[3]", "has 2 values")] {
            XCTAssertThrowsError(try doc.numericKey(path, option: "--fit")) { error in
                XCTAssertTrue("\(error)".contains(message), "\(path): \(error)")
            }
        }
    }

    func testBadKeysBoundsAndTargetsNameTheOption() throws {
        let doc = try GeometryDocument(text: Self.slab, file: "slab.toml")
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        XCTAssertTrue(message { _ = try FreeParameter(option: "electrode[1].face", document: doc) }.contains("not a number"))
        XCTAssertTrue(message { _ = try FreeParameter(option: "material.insulator.kappa", document: doc) }.contains("no such key"))
        XCTAssertTrue(message { _ = try FreeParameter(option: "mesh.z.cells", document: doc) }.contains("integer"))
        XCTAssertTrue(message { _ = try FreeParameter(option: "electrode[3].current", document: doc) }.contains("allowed 1…2"))
        XCTAssertTrue(message { _ = try FreeParameter(option: "material.insulator.resistivity=1:2", document: doc) }.contains("exclude the start"))
        XCTAssertTrue(message { _ = try CalibrationTarget(option: "T_top_mean=303") }.contains("uncertainty"))
        XCTAssertTrue(message { _ = try CalibrationTarget(option: "resistance=3±0.1") }.contains("unknown observable"))
        XCTAssertTrue(message { _ = try CalibrationTarget(option: "T_top_mean=303±1 V") }.contains("dimension"))
        let t = try CalibrationTarget(option: "metal_reach=0.3±0.02 mm")
        XCTAssertEqual(t.value, 3e-4, accuracy: 1e-15)
        XCTAssertEqual(t.sigma, 2e-5, accuracy: 1e-15)
    }

    /// Observations generated at known (ρ, κ) with fixed noise are fitted back from a start
    /// 60 % off: each parameter lands within 3 reported standard errors of the truth, and the
    /// errors agree with first-order propagation through V ∝ ρ and ΔT ∝ ρ/κ.
    func testSyntheticRoundTripRecoversParametersWithinUncertainty() throws {
        let doc = try GeometryDocument(text: Self.slab, file: "slab.toml")
        let rho = try FreeParameter(option: "material.insulator.resistivity=0.05:5", document: doc)
        let kappa = try FreeParameter(option: "material.insulator.thermal_conductivity", document: doc)
        let truth = [0.8, 1.6e-3]
        let generator = CalibrationRunner(document: doc, parameters: [rho, kappa],
                                          targets: [CalibrationTarget(observable: .voltage, value: 0, sigma: 1),
                                                    CalibrationTarget(observable: .topMeanTemperature, value: 0, sigma: 1)],
                                          baseDirectory: nil, cells: nil)
        let exact = try generator.observe(truth, purpose: "truth")
        let sigmas = [0.01 * exact[0], 0.5]
        let noise = [0.7, -1.2]  // fixed draws in units of σ
        let targets = [CalibrationTarget(observable: .voltage, value: exact[0] + noise[0] * sigmas[0], sigma: sigmas[0]),
                       CalibrationTarget(observable: .topMeanTemperature, value: exact[1] + noise[1] * sigmas[1], sigma: sigmas[1])]
        let runner = CalibrationRunner(document: doc, parameters: [rho, kappa], targets: targets, baseDirectory: nil, cells: nil)
        let result = try Calibration(runner: runner).fit()
        XCTAssertTrue(result.converged, result.stopReason)
        for j in 0..<2 {
            XCTAssertLessThan(abs(result.best[j] - truth[j]), 3 * result.standardErrors[j], "parameter \(j)")
        }
        // V = ρ I L/(W h): σ_ρ/ρ = σ_V/V; ΔT ∝ ρ/κ: (σ_κ/κ)² = (σ_ΔT/ΔT)² + (σ_ρ/ρ)²
        let relRho = sigmas[0] / targets[0].value
        XCTAssertEqual(result.standardErrors[0] / result.best[0], relRho, accuracy: 0.02 * relRho)
        let relDT = sigmas[1] / (targets[1].value - 273)
        let relKappa = (relDT * relDT + relRho * relRho).squareRoot()
        XCTAssertEqual(result.standardErrors[1] / result.best[1], relKappa, accuracy: 0.02 * relKappa)
        // ρ and κ are positively correlated (both raise with ΔT at fixed V)
        XCTAssertGreaterThan(result.correlation[0][1], 0)
        XCTAssertEqual(result.residuals[0], 0, accuracy: 1e-3)
    }
}

/// The command end to end: PH Eq. 31's κ from the top temperature, and refusals with exit 2.
final class CalibrateCommandTests: XCTestCase {
    func testEq31KappaAndBadInput() throws {
        let file = TestPaths.geometries.appendingPathComponent("ph-eq31-crystal.toml").path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calibrate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ok = try TestPaths.run(["calibrate", file, "--fit", "material.insulator.thermal_conductivity",
                                    "--target", "T_top_mean=303±1 K", "--out", dir.path, "--quiet"])
        XCTAssertEqual(ok.status, 0, ok.out + ok.err)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("calibration.json"))) as! [String: Any]
        let p = (json["parameters"] as! [[String: Any]])[0]
        // Eq. 31: κ = ρ j² h² / (2 ΔT) = 0.5 Ω·cm (20 A/cm²)² (0.02 cm)² / (2 · 30 K) = 1.333e-3 W/(cm·K)
        XCTAssertEqual(p["best"] as! Double, 0.08 / 60, accuracy: 2e-3 * 0.08 / 60)
        XCTAssertEqual(p["standard_error"] as! Double, 0.08 / 60 / 30, accuracy: 0.02 * 0.08 / 60 / 30)
        for (args, needle) in [(["--fit", "electrode[1].face", "--target", "T_top_mean=303±1"], "--fit electrode[1].face"),
                               (["--fit", "material.insulator.thermal_conductivity=2e-3:3e-3", "--target", "T_top_mean=303±1"], "exclude the start"),
                               (["--fit", "material.insulator.thermal_conductivity", "--target", "T_top_mean=303"], "uncertainty"),
                               (["--fit", "material.insulator.thermal_conductivity", "--target", "resistance=3±1"], "unknown observable"),
                               (["--fit", "material.insulator.thermal_conductivity", "--target", "switching_voltage=3±1"], "no [sweep] table")] {
            let r = try TestPaths.run(["calibrate", file] + args + ["--out", dir.path, "--quiet"])
            XCTAssertEqual(r.status, 2, r.err)
            XCTAssertTrue(r.err.contains(needle), r.err)
        }
    }
}

/// The same fit read from a `[calibrate]` table in the file: the same κ as from the options,
/// options replacing the file's entries, and malformed entries refused with exit 2 naming the key.
final class CalibrateTableTests: XCTestCase {
    func testCalibrateTableMatchesOptions() throws {
        let source = TestPaths.geometries.appendingPathComponent("ph-eq31-crystal.toml")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("calibrate-table-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = try String(contentsOf: source, encoding: .utf8)
        func write(_ table: String, _ name: String) throws -> String {
            let url = dir.appendingPathComponent(name)
            try (base + "\n[calibrate]\n" + table).write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        func best(_ args: [String], _ out: String) throws -> Double {
            let r = try TestPaths.run(["calibrate"] + args + ["--out", dir.appendingPathComponent(out).path, "--quiet"])
            XCTAssertEqual(r.status, 0, r.out + r.err)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(out).appendingPathComponent("calibration.json"))) as! [String: Any]
            return (json["parameters"] as! [[String: Any]])[0]["best"] as! Double
        }
        let fromOptions = try best([source.path, "--fit", "material.insulator.thermal_conductivity", "--target", "T_top_mean=303±1 K"], "options")
        let file = try write("fit = [\"material.insulator.thermal_conductivity\"]\ntargets = [\"T_top_mean=303±1 K\"]\n", "table.toml")
        XCTAssertEqual(try best([file], "table"), fromOptions, accuracy: 1e-9 * fromOptions)
        // --target replaces the file's T_top_mean target (350 K in the file, 303 K from the option).
        let other = try write("fit = [\"material.insulator.thermal_conductivity\"]\ntargets = [\"T_top_mean=350±1 K\"]\n", "other.toml")
        XCTAssertEqual(try best([other, "--target", "T_top_mean=303±1 K"], "override"), fromOptions, accuracy: 1e-9 * fromOptions)
        // check lists the entries and run/check accept the table.
        let check = try TestPaths.run(["check", file])
        XCTAssertEqual(check.status, 0, check.err)
        XCTAssertTrue(check.out.contains("calibrate target T_top_mean=303±1 K"), check.out)
        for (table, command, needle) in [("targets = [\"T_top_mean=303\"]\n", "calibrate", "calibrate.targets[1] T_top_mean=303: a target needs its uncertainty"),
                                         ("fit = [\"material.insulator.nonsense\"]\n", "calibrate", "calibrate.fit[1] material.insulator.nonsense"),
                                         ("fit = [5]\n", "check", "calibrate.fit[1]: expected a non-empty string"),
                                         ("fits = [\"x\"]\n", "check", "calibrate.fits: unknown key")] {
            let bad = try write(table, "bad.toml")
            let r = try TestPaths.run([command, bad] + (command == "calibrate" ? ["--out", dir.appendingPathComponent("bad").path, "--quiet"] : []))
            XCTAssertEqual(r.status, 2, r.out + r.err)
            XCTAssertTrue(r.err.contains(needle) && r.err.contains("bad.toml"), r.err)
        }
    }
}

/// A sweep observable: κ of the PH Fig. 1 slab from its switching current. On the slab
/// I_cr ∝ √κ (PH Eq. 9), so the fitted κ carries twice the relative error of the current.
final class CalibrationSweepTests: XCTestCase {
    func testKappaFromSwitchingCurrent() throws {
        let url = TestPaths.geometries.appendingPathComponent("ph-slab-sweep.toml")
        let doc = try GeometryDocument(text: try String(contentsOf: url, encoding: .utf8), file: "ph-slab-sweep.toml")
        let kappa = try FreeParameter(option: "material.insulator.thermal_conductivity", document: doc)
        let probe = CalibrationRunner(document: doc, parameters: [kappa],
                                      targets: [CalibrationTarget(observable: .switchingCurrent, value: 0, sigma: 1)],
                                      baseDirectory: url.deletingLastPathComponent(), cells: [1, 1, 10])
        let truth = 1.4e-3
        let exact = try probe.observe([truth], purpose: "truth")[0]
        let sigma = 0.01 * exact
        let target = CalibrationTarget(observable: .switchingCurrent, value: exact, sigma: sigma)
        let runner = CalibrationRunner(document: doc, parameters: [kappa], targets: [target],
                                       baseDirectory: url.deletingLastPathComponent(), cells: [1, 1, 10])
        let result = try Calibration(runner: runner).fit()
        XCTAssertTrue(result.converged, result.stopReason)
        XCTAssertEqual(result.best[0], truth, accuracy: 0.2 * result.standardErrors[0])
        XCTAssertEqual(result.standardErrors[0] / result.best[0], 0.02, accuracy: 0.002)
    }
}
