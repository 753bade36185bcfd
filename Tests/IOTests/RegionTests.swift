import XCTest
import Foundation
@testable import IO
import Mesh
import Materials
import Solvers
import Simulations

/// Devices assembled from `[[region]]` boxes: the mesh, the overlap rule, passive materials
/// against closed forms, and the refusal of what cannot be meant.
final class RegionTests: XCTestCase {
    func load(_ name: String, replacing pairs: [(String, String)] = [], cells: [Int]? = nil) throws -> DeviceCase {
        var text = try String(contentsOf: TestPaths.geometries.appendingPathComponent(name), encoding: .utf8)
        for (a, b) in pairs {
            XCTAssertTrue(text.contains(a), "\(name) lacks \(a)")
            text = text.replacingOccurrences(of: a, with: b)
        }
        return try GeometryFile.parse(text, file: name, baseDirectory: TestPaths.geometries, cells: cells)
    }

    func solve(_ device: DeviceCase) throws -> SteadySolution {
        let solver = try SteadyStateSolver(problem: device.problem)
        return device.rampSteps > 1 ? try DriveRamp(steps: device.rampSteps).solve(solver) : try solver.solve()
    }

    /// Cu | Bi2Te3 | Cu against `LegClosedForm` (Joule heat in every piece, Peltier heat at
    /// both junctions), with the middle's Seebeck coefficient 200 µV/K and 0: every cell
    /// within 0.1 K, the lead voltage within 0.1 %, energy balance within 1e-8.
    func testThermoelectricLegMatchesTheClosedForm() throws {
        for seebeck in ["200 uV/K", "0 uV/K"] {
            let device = try load("thermoelectric-leg.toml", replacing: [("seebeck = \"200 uV/K\"", "seebeck = \"\(seebeck)\"")])
            let s = try solve(device)
            let sMiddle = seebeck == "0 uV/K" ? 0 : 200e-6
            let exact = LegClosedForm(pieces: [
                .init(length: 1e-3, resistivity: 1.7e-8, seebeck: 1.8e-6, thermalConductivity: 400),
                .init(length: 2e-3, resistivity: 1e-5, seebeck: sMiddle, thermalConductivity: 1.5),
                .init(length: 1e-3, resistivity: 1.7e-8, seebeck: 1.8e-6, thermalConductivity: 400),
            ], current: 0.5, area: 1e-6, sinkTemperature: 300, leadSeebeck: 1.8e-6)
            var worst = 0.0
            for c in 0..<s.grid.cellCount {
                worst = max(worst, abs(s.state.temperature[c] - exact.temperature(at: s.grid.center(c).0)))
            }
            XCTAssertLessThan(worst, 0.1, "\(seebeck): max |T − T_exact| = \(worst) K")
            XCTAssertEqual(s.state.electrodePotential[0], exact.voltage, accuracy: 1e-3 * abs(exact.voltage), seebeck)
            XCTAssertLessThan(s.energyBalanceRelativeError, 1e-8, seebeck)
            if sMiddle > 0 {
                // Peltier cooling at the first junction: the leg's hot-side junction is cold.
                XCTAssertLessThan(exact.nodeTemperatures[1], 290)
                XCTAssertEqual(s.state.temperature[device.problem.grid.nx / 4], exact.temperature(at: s.grid.center(device.problem.grid.nx / 4).0), accuracy: 0.1)
            }
        }
    }

    /// ρ0[1 + α(T − T0)] heater on a thermal link: ΔT = I²R0R_t/(1 − αI²R0R_t) within 1 %;
    /// past αI²R0R_t = 1 the run stops as a thermal runaway (exit code 3, nothing written).
    func testLinearResistivityHeaterAndRunaway() throws {
        let s = try solve(try load("heater-on-thermal-link.toml"))
        let i = 2.7386, r0 = 1e-5 * 1e-3 / 1e-6, rt = 1e-3 / (1 * 1e-6), alpha = 4e-3
        let x = alpha * i * i * r0 * rt
        let expected = i * i * r0 * rt / (1 - x)
        let heater = (0..<s.grid.cellCount).filter { s.grid.center($0).0 < 1e-3 }
        let mean = heater.map { s.state.temperature[$0] }.reduce(0, +) / Double(heater.count) - 300
        XCTAssertEqual(mean, expected, accuracy: 0.01 * expected, "ΔT \(mean) K vs lumped \(expected) K")

        let text = try String(contentsOf: TestPaths.geometries.appendingPathComponent("heater-on-thermal-link.toml"), encoding: .utf8)
        let file = TestPaths.temporaryDirectory("runaway").appendingPathExtension("toml")
        try text.replacingOccurrences(of: "current = \"2.7386 A\"", with: "current = \"6 A\"").write(to: file, atomically: true, encoding: .utf8)
        let out = TestPaths.temporaryDirectory("runaway-out")
        let run = try TestPaths.run(["run", file.path, "--out", out.path, "--quiet"])
        XCTAssertEqual(run.status, 3, run.err)
        XCTAssertTrue(run.err.contains("no steady state: thermal runaway"), run.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
        try? FileManager.default.removeItem(at: file)
    }

    /// Region boundaries are cell edges; later regions override earlier ones; check lists
    /// regions, materials, interfaces and electrodes with cell counts.
    func testMeshConformsAndLaterRegionsOverride() throws {
        let text = """
        title = "pad on a film on a substrate"
        [domain]
        length = "30 um"
        width = "10 um"
        height = "3.1 um"
        fill = "air"
        [mesh]
        x = { cells = 10 }
        y = { cells = 3 }
        z = { cells = 4 }
        [materials.air]
        resistivity = "1e12 ohm*m"
        thermal_conductivity = "0.026 W/(m*K)"
        [materials.sapphire]
        resistivity = "1e12 ohm*m"
        thermal_conductivity = "30 W/(m*K)"
        [materials.gold]
        resistivity = "2.2e-8 ohm*m"
        seebeck = "1.9 uV/K"
        thermal_conductivity = "310 W/(m*K)"
        [materials.film]
        T_IMT = "340 K"
        T_MIT = "335 K"
        [materials.film.insulator]
        resistivity = "1e-1 ohm*m"
        seebeck = "-300 uV/K"
        thermal_conductivity = "5 W/(m*K)"
        [materials.film.metal]
        resistivity = "1e-5 ohm*m"
        thermal_conductivity = "6 W/(m*K)"
        [[region]]
        name = "substrate"
        material = "sapphire"
        z = ["0 um", "2 um"]
        [[region]]
        name = "film"
        material = "film"
        z = ["2 um", "2.1 um"]
        mesh = { z = { cells = 2 } }
        [[region]]
        name = "left pad"
        material = "gold"
        x = ["0 um", "7 um"]
        z = ["1.9 um", "3.1 um"]
        [[region]]
        name = "right pad"
        material = "gold"
        x = ["23 um", "30 um"]
        z = ["2.1 um", "3.1 um"]
        [[electrode]]
        name = "a"
        region = "left pad"
        face = "z_max"
        role = "ground"
        [[electrode]]
        name = "b"
        region = "right pad"
        face = "z_max"
        current = "10 uA"
        [[thermal]]
        face = "z_min"
        condition = "fixed_temperature"
        temperature = "300 K"
        """
        let device = try GeometryFile.parse(text, file: "pads.toml")
        let grid = device.problem.grid
        for z in [2e-6, 2.1e-6, 1.9e-6] { XCTAssertTrue(grid.z.edges.contains { abs($0 - z) < 1e-15 }, "z edge \(z)") }
        for x in [7e-6, 23e-6] { XCTAssertTrue(grid.x.edges.contains { abs($0 - x) < 1e-15 }, "x edge \(x)") }
        XCTAssertEqual(grid.z.edges.filter { $0 > 2e-6 + 1e-12 && $0 < 2.1e-6 - 1e-12 }.count, 1, "film: 2 cells in z")
        let map = try XCTUnwrap(device.problem.regions)
        XCTAssertEqual(map.regionNames, ["substrate", "film", "left pad", "right pad", "fill"])
        // The left pad reaches into the substrate and overrides film cells below x = 7 µm.
        let counts = map.cellCounts
        let filmCells = (0..<grid.cellCount).filter { c in
            let (x, _, z) = grid.center(c); return z > 2e-6 && z < 2.1e-6 && x > 7e-6
        }.count
        XCTAssertEqual(counts[1], filmCells)
        XCTAssertGreaterThan(counts[4], 0)
        let model = try DiscreteModel(problem: device.problem)
        XCTAssertEqual(model.film.filter { $0 }.count, filmCells)
        let check = try TestPaths.run(["check", try writeTemporary(text)])
        XCTAssertEqual(check.status, 0, check.err)
        for line in ["region 'film': material 'film', \(filmCells) cells", "interface 'film' | 'left pad'",
                     "electrode b on z_max of 'right pad'", "material 'gold': passive"] {
            XCTAssertTrue(check.out.contains(line), "check output lacks \(line):\n\(check.out)")
        }
        // The same device solves (Joule + Peltier at the gold/film junctions). Across a gold
        // cell the potential changes by ~3e-8 V on a level of ~18 V, so round-off in Φ limits
        // the face currents in the pads, and with them the balance, to ~1e-7 relative.
        let s = try solve(device)
        XCTAssertLessThan(s.energyBalanceRelativeError, 1e-5)
        XCTAssertEqual(s.current, 1e-5, accuracy: 1e-5 * 1e-5)
        XCTAssertEqual(s.metalFraction, 0)
    }

    /// Two switching materials, T_IMT = 340 K and 350 K, side by side in a film held at a
    /// uniform temperature by both faces (a 1 nA probe current heats it by far less than
    /// 1 mK): at 345 K exactly the cells of the 340 K region are metallic, at 335 K none, at
    /// 355 K all; each cell's σ is its own material's metal or insulator value.
    func testEachSwitchingRegionUsesItsOwnThresholds() throws {
        func text(_ sink: String) -> String {
            """
            [domain]
            length = "20 um"
            width = "4 um"
            height = "1 um"
            initial_temperature = "300 K"
            [mesh]
            x = { cells = 8 }
            y = { cells = 2 }
            z = { cells = 2 }
            [materials.low]
            T_IMT = "340 K"
            T_MIT = "338 K"
            [materials.low.insulator]
            resistivity = "1e-1 ohm*m"
            thermal_conductivity = "5 W/(m*K)"
            [materials.low.metal]
            resistivity = "1e-5 ohm*m"
            thermal_conductivity = "6 W/(m*K)"
            [materials.high]
            T_IMT = "350 K"
            T_MIT = "348 K"
            [materials.high.insulator]
            resistivity = "2e-1 ohm*m"
            thermal_conductivity = "5 W/(m*K)"
            [materials.high.metal]
            resistivity = "3e-5 ohm*m"
            thermal_conductivity = "6 W/(m*K)"
            [[region]]
            name = "film"
            material = "high"
            [[region]]
            name = "defect"
            material = "low"
            x = ["5 um", "10 um"]
            [[electrode]]
            name = "a"
            face = "x_min"
            role = "ground"
            [[electrode]]
            name = "b"
            face = "x_max"
            current = "1 nA"
            [[thermal]]
            face = "z_min"
            condition = "fixed_temperature"
            temperature = "\(sink)"
            [[thermal]]
            face = "z_max"
            condition = "fixed_temperature"
            temperature = "\(sink)"
            """
        }
        for (sink, lowMetal, highMetal) in [("335 K", 0.0, 0.0), ("345 K", 1.0, 0.0), ("355 K", 1.0, 1.0)] {
            let device = try GeometryFile.parse(text(sink), file: "two-films.toml")
            let map = try XCTUnwrap(device.problem.regions)
            let s = try solve(device)
            let model = try DiscreteModel(problem: device.problem)
            let (cells, _) = model.coefficients(of: s.state)
            let t = Double(sink.dropLast(2))!
            for c in 0..<device.problem.grid.cellCount {
                let isLow = map.regionNames[Int(map.cellRegion[c])] == "defect"
                XCTAssertEqual(s.state.temperature[c], t, accuracy: 1e-3, "cell \(c) at \(sink)")
                XCTAssertEqual(s.state.metalFraction[c], isLow ? lowMetal : highMetal, "cell \(c) (\(isLow ? "defect" : "film")) at \(sink)")
                let metal = s.state.metalFraction[c] == 1
                let rho = isLow ? (metal ? 1e-5 : 1e-1) : (metal ? 3e-5 : 2e-1)
                XCTAssertEqual(cells.conductivity[c], 1 / rho, accuracy: 1e-12 / rho, "σ of cell \(c) at \(sink)")
            }
            XCTAssertGreaterThan(map.cellCounts[1], 0)
            let dumped = Provenance.parameters(of: device.problem).first { $0.0 == "switching_materials" }?.1
            guard case let .array(both)? = dumped else { return XCTFail("the parameters lack switching_materials") }
            XCTAssertEqual(both.count, 2)
        }
    }

    func writeTemporary(_ text: String) throws -> String {
        let url = TestPaths.temporaryDirectory("region").appendingPathExtension("toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A passive table (CSV) is interpolated and must cover the run's named temperatures.
    func testPassiveTableAndItsCoverage() throws {
        let dir = TestPaths.temporaryDirectory("table")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
        # copper-like, rho linear in T
        temperature_K, resistivity_ohm_m, seebeck_V_per_K, thermal_conductivity_W_per_m_K, heat_capacity_J_per_m3_K
        250, 1.4e-8, 1.5e-6, 405, 3.3e6
        350, 2.0e-8, 2.1e-6, 395, 3.5e6
        """.write(to: dir.appendingPathComponent("cu.csv"), atomically: true, encoding: .utf8)
        let base = try String(contentsOf: TestPaths.geometries.appendingPathComponent("thermoelectric-leg.toml"), encoding: .utf8)
        let tabulated = base.replacingOccurrences(of: """
        resistivity = "1.7e-8 ohm*m"
        seebeck = "1.8 uV/K"
        thermal_conductivity = "400 W/(m*K)"
        heat_capacity = "3.45e6 J/(m^3*K)"
        """, with: "table = \"cu.csv\"")
        XCTAssertNotEqual(tabulated, base)
        let folder = URL(fileURLWithPath: dir.path, isDirectory: true)
        let device = try GeometryFile.parse(tabulated, file: "leg.toml", baseDirectory: folder)
        guard case let .passive(cu)? = device.problem.regions?.materials.first(where: { $0.name == "copper" }) else {
            return XCTFail("copper should be passive")
        }
        XCTAssertEqual(cu.transport.resistivity(at: 300), (1.4e-8 * 2.0e-8).squareRoot(), accuracy: 1e-20, "ln ρ is interpolated")
        XCTAssertEqual(cu.transport.seebeck(at: 250), 1.5e-6, accuracy: 1e-15)
        XCTAssertLessThan(try solve(device).energyBalanceRelativeError, 1e-8)
        let cold = tabulated.replacingOccurrences(of: "temperature = \"300 K\"", with: "temperature = \"200 K\"")
        XCTAssertThrowsError(try GeometryFile.parse(cold, file: "leg.toml", baseDirectory: folder)) { error in
            XCTAssertEqual((error as? GeometryError)?.key, "materials.copper.table", "\(error)")
        }
        try? FileManager.default.removeItem(at: dir)
    }
}

/// Bad region files through the executable: exit code 2, the file and key named, nothing written.
final class RegionMalformedTests: XCTestCase {
    func testRegionBaseIsValidAndBadFilesExitWithCode2() throws {
        let base = try GeometryFile.load(TestPaths.malformed.appendingPathComponent("region-base-valid.toml.txt"))
        XCTAssertEqual(base.problem.regions?.regionNames, ["hot", "leg", "cold"])
        for name in ["region-outside-domain.toml", "region-table-not-covering.toml", "region-electrode-no-face.toml"] {
            let file = TestPaths.malformed.appendingPathComponent(name).path
            let out = TestPaths.temporaryDirectory("malformed-region")
            let run = try TestPaths.run(["run", file, "--out", out.path, "--quiet"])
            XCTAssertEqual(run.status, 2, "\(name): \(run.err)")
            XCTAssertTrue(run.err.hasPrefix("error: \(file): "), run.err)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), name)
        }
    }
}
