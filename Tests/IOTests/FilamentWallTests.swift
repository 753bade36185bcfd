import XCTest
import Foundation
@testable import IO
import Solvers
import Simulations

/// A metal–insulator wall across a wide channel (geometries/vo2-wide-channel-wall.toml) against
/// the equal-area closed form (`TransverseWallClosedForm`, docs/model.md §8).
final class FilamentWallTests: XCTestCase {
    /// VO2 of the file: σ_I = 100 S/m, σ_M = 1e5 S/m, κ 3.5 / 6 W/(m·K), t = 100 nm,
    /// h = 1e5 W/(m²·K), T0 = 300 K, T_s = 340 K. `seriesFraction` 0: g = h/t (the thin-film
    /// model); 1/2: the film's one cell in z as the boundary link sees it.
    static func closedForm(seriesFraction r: Double) -> TransverseWallClosedForm {
        func phase(_ sigma: Double, _ kappa: Double) -> TransverseWallClosedForm.Phase {
            .init(conductivity: sigma, thermalConductivity: kappa,
                  heatLoss: TransverseWallClosedForm.filmHeatLoss(heatTransferCoefficient: 1e5, thickness: 100e-9,
                                                                  thermalConductivity: kappa, seriesFraction: r))
        }
        return TransverseWallClosedForm(insulator: phase(100, 3.5), metal: phase(1e5, 6),
                                        sinkTemperature: 300, switchingTemperature: 340)
    }

    func solve(ny: Int, current: String = "5 mA") throws -> SteadySolution {
        var text = try String(contentsOf: TestPaths.geometries.appendingPathComponent("vo2-wide-channel-wall.toml"), encoding: .utf8)
        XCTAssertTrue(text.contains("current = \"5 mA\""))
        text = text.replacingOccurrences(of: "current = \"5 mA\"", with: "current = \"\(current)\"")
        let device = try GeometryFile.parse(text, file: "vo2-wide-channel-wall.toml", cells: [1, ny, 1])
        return try SteadyStateSolver(problem: device.problem).solve()
    }

    /// The closed form itself: T_s halfway (in √κ-weighted terms) between the uniform states,
    /// the wall continuous in T and in heat flux at T_s, the width linear in the current.
    func testClosedFormIsSelfConsistent() {
        let cf = Self.closedForm(seriesFraction: 0)
        let e = cf.sustainingField
        XCTAssertEqual(e, 2.6553e4, accuracy: 5)
        XCTAssertTrue(cf.isBistable)
        let tI = cf.uniformTemperature(cf.insulator, field: e), tM = cf.uniformTemperature(cf.metal, field: e)
        XCTAssertEqual(3.5.squareRoot() * (340 - tI), 6.0.squareRoot() * (tM - 340), accuracy: 1e-9)
        let d = 1e-12
        let fluxI = 3.5 * (cf.wallTemperature(distanceIntoInsulator: d) - 340) / d
        let fluxM = 6 * (340 - cf.wallTemperature(distanceIntoInsulator: -d)) / d
        XCTAssertEqual(fluxI, fluxM, accuracy: 1e-5 * abs(fluxM))
        let w1 = cf.filamentWidth(current: 4e-3, channelWidth: 40e-6, thickness: 100e-9)
        let w2 = cf.filamentWidth(current: 5e-3, channelWidth: 40e-6, thickness: 100e-9)
        XCTAssertEqual(w2 - w1, 1e-3 / (100e-9 * e * (1e5 - 100)), accuracy: 1e-15)
    }

    /// On 80 and 320 cells across the 40 µm channel. A wall at a cell edge is pinned over a band
    /// of fields of width ~ (Δy/2)|T'| (first order in Δy), so the field V/L approaches E_h as
    /// the mesh is refined: within 2 % of the thin-film E_h (g = h/t) at 320 cells (Δy = ℓ/15),
    /// closer than at 80; the temperature profile against the closed-form wall within 2 K of
    /// the 70 K rise at 320 cells, closer than at 80. A current of 4 mA (the seed then too wide)
    /// leaves the field within 2 % and puts the wall 1 mA/(t E_h (σ_M − σ_I)) = 3.77 µm nearer
    /// the edge, within 0.4 µm.
    func testDeviceReproducesTheSustainingFieldAndTheWall() throws {
        let thin = Self.closedForm(seriesFraction: 0), cell = Self.closedForm(seriesFraction: 0.5)
        var fieldErrors: [Double] = [], profileErrors: [Double] = [], walls: [Double] = []
        for ny in [80, 320] {
            let s = try solve(ny: ny)
            fieldErrors.append(abs(s.voltage / 20e-6 / thin.sustainingField - 1))
            let p = FilamentProfile(solution: s)
            XCTAssertEqual(p.walls.count, 1, "ny = \(ny): \(p.walls)")
            let wall = try XCTUnwrap(p.walls.first)
            walls.append(wall)
            var worst = 0.0
            for (y, t) in zip(p.y, p.temperature) {
                worst = max(worst, abs(t - cell.wallTemperature(distanceIntoInsulator: y - wall)))
            }
            profileErrors.append(worst)
            XCTAssertLessThan(s.energyBalanceRelativeError, 1e-8)
        }
        XCTAssertLessThan(fieldErrors[1], 0.02, "E/E_h − 1 at 320 cells")
        XCTAssertLessThan(fieldErrors[1], fieldErrors[0], "field error \(fieldErrors) does not fall on refinement")
        XCTAssertLessThan(profileErrors[1], 2, "max |T − T_wall| at 320 cells")
        XCTAssertLessThan(profileErrors[1], profileErrors[0], "profile error \(profileErrors) does not fall on refinement")

        let s = try solve(ny: 320, current: "4 mA")
        XCTAssertEqual(s.voltage / 20e-6, thin.sustainingField, accuracy: 0.02 * thin.sustainingField)
        let shift = 1e-3 / (100e-9 * thin.sustainingField * (1e5 - 100))
        let wall = try XCTUnwrap(FilamentProfile(solution: s).walls.first)
        XCTAssertEqual(walls[1] - wall, shift, accuracy: 0.4e-6)
    }

    /// `[initial]`: the metal box and the cos(π y/W) modulation land on the cells; a box without
    /// a switching cell and a temperature without a box are refused naming the key.
    func testInitialSeedKeys() throws {
        let base = try String(contentsOf: TestPaths.geometries.appendingPathComponent("vo2-wide-channel-wall.toml"), encoding: .utf8)
        let modulated = base.replacingOccurrences(of: "metal_temperature = \"370 K\"",
                                                  with: "metal_temperature = \"370 K\"\ntemperature_modulation = \"2 K\"")
        let device = try GeometryFile.parse(modulated, file: "seed.toml", cells: [1, 40, 1])
        let seed = try XCTUnwrap(device.problem.initialSeed)
        let grid = device.problem.grid
        for c in 0..<grid.cellCount {
            let y = grid.center(c).1
            let metal = y < 16e-6
            XCTAssertEqual(seed.metalFraction[c], metal ? 1 : 0)
            XCTAssertEqual(seed.temperature[c], (metal ? 370 : 300) + 2 * cos(Double.pi * y / 40e-6), accuracy: 1e-9)
        }
        let start = ElectrothermalState(problem: device.problem)
        XCTAssertEqual(start.metalFraction, seed.metalFraction)

        let outside = base.replacingOccurrences(of: "metal = { y = [\"0 um\", \"16 um\"] }", with: "metal = { y = [\"10 um\", \"10.1 um\"] }")
        XCTAssertThrowsError(try GeometryFile.parse(outside, file: "seed.toml", cells: [1, 40, 1])) { error in
            XCTAssertTrue("\(error)".contains("initial.metal"), "\(error)")
        }
        let orphan = base.replacingOccurrences(of: "metal = { y = [\"0 um\", \"16 um\"] }", with: "")
        XCTAssertThrowsError(try GeometryFile.parse(orphan, file: "seed.toml", cells: [1, 40, 1])) { error in
            XCTAssertTrue("\(error)".contains("initial.metal_temperature"), "\(error)")
        }
        let typo = base.replacingOccurrences(of: "metal_temperature", with: "metal_temprature")
        XCTAssertThrowsError(try GeometryFile.parse(typo, file: "seed.toml", cells: [1, 40, 1]))
    }

    /// geometries/vo2-wide-channel-filament.toml on 1×160×1 cells, 20 steps up to 20 V: the
    /// defect nucleates a filament in the middle, which then widens with the current at a
    /// sample voltage within 4 % of V_h = E_h(T_IMT) L (the pinning band at Δy = ℓ/8 is ~4 %),
    /// centred on the defect.
    func testWideChannelGrowsAFilamentAtTheSustainingVoltage() throws {
        var text = try String(contentsOf: TestPaths.geometries.appendingPathComponent("vo2-wide-channel-filament.toml"), encoding: .utf8)
        for (a, b) in [("peak = \"30 V\"", "peak = \"20 V\""), ("steps = 60", "steps = 20")] {
            XCTAssertTrue(text.contains(a))
            text = text.replacingOccurrences(of: a, with: b)
        }
        let device = try GeometryFile.parse(text, file: "vo2-wide-channel-filament.toml", cells: [1, 160, 1])
        let spec = try XCTUnwrap(device.sweep)
        let plan = SweepPlan(quantity: .sourceVoltage, start: spec.start, peak: spec.peak, end: spec.end, steps: spec.steps,
                             loadResistance: spec.loadResistance, drivenElectrode: spec.electrode, eventBisections: spec.eventBisections)
        var points: [(current: Double, voltage: Double, width: Double, centre: Double?)] = []
        let result = try SweepRunner(plan: plan).run(problem: device.problem) { _, s in
            let p = FilamentProfile(solution: s)
            points.append((s.current, s.voltage, p.metalWidth, p.metalCentroid))
        }
        let up = Array(points[0..<result.rows.filter { $0.branch == .up }.count])
        let filament = up.filter { $0.width > 8e-6 }
        XCTAssertGreaterThan(filament.count, 5)
        var wall = Self.closedForm(seriesFraction: 0.5)
        wall.switchingTemperature = 341
        let vh = wall.sustainingVoltage(length: 20e-6)
        for p in filament {
            XCTAssertEqual(p.voltage, vh, accuracy: 0.04 * vh, "I = \(p.current) A")
            XCTAssertEqual(try XCTUnwrap(p.centre), 20e-6, accuracy: 0.5e-6)
        }
        for (a, b) in zip(filament, filament.dropFirst()) { XCTAssertGreaterThanOrEqual(b.width, a.width) }
        XCTAssertGreaterThan(filament.last!.width - filament.first!.width, 5e-6)
    }

    /// geometries/vo2-wide-channel-relaxation.toml on 1×80×1 cells: from the all-metal start with
    /// a 1 K cos(π y/W) modulation, the transient at V_t = 20 V ends in one filament along the hot
    /// edge (metal from y = 0 to one wall), stationary (the last steps change nothing), at a
    /// sample voltage between E_h(T_MIT) L and E_h(T_IMT) L (+8 % for the pinning band at
    /// Δy = 0.5 µm).
    func testTransientFromAPerturbedStartRelaxesToAFilament() throws {
        let device = try GeometryFile.load(TestPaths.geometries.appendingPathComponent("vo2-wide-channel-relaxation.toml"), cells: [1, 80, 1])
        let spec = try XCTUnwrap(device.transient)
        var settings = TransientSettings()
        settings.initialStep = spec.initialStep
        settings.maximumStep = spec.maximumStep
        let run = WaveformRun(quantity: .sourceVoltage, loadResistance: spec.loadResistance, drivenElectrode: spec.electrode,
                              waveform: try XCTUnwrap(Waveform(parsing: spec.waveform)), endTime: spec.endTime, settings: settings)
        let result = try run.run(problem: device.problem)
        let last = try XCTUnwrap(result.rows.last)
        let before = result.rows[result.rows.count - 4]
        XCTAssertEqual(last.sampleVoltage, before.sampleVoltage, accuracy: 1e-6 * last.sampleVoltage, "not stationary")
        let phi = try XCTUnwrap(result.finalState).metalFraction
        let metal = phi.filter { $0 > 0.5 }.count
        XCTAssertGreaterThan(metal, 10)
        XCTAssertTrue(phi[..<metal].allSatisfy { $0 > 0.5 } && phi[metal...].allSatisfy { $0 < 0.5 }, "metal not one block at y = 0: \(phi)")
        var low = Self.closedForm(seriesFraction: 0.5), high = low
        low.switchingTemperature = 336
        high.switchingTemperature = 341
        XCTAssertGreaterThan(last.sampleVoltage, low.sustainingVoltage(length: 20e-6))
        XCTAssertLessThan(last.sampleVoltage, 1.08 * high.sustainingVoltage(length: 20e-6))
    }

    /// The uniform negative-differential-resistance state of a wide channel (the steady solve of
    /// geometries/vo2-wide-channel-relaxation.toml at 20 V without its `[transient]`: every cell
    /// partly metallic a few hundredths of a kelvin below T_IMT) is unstable, and its leading mode
    /// is the transverse cos(πy/W) modulation that the time integration follows into a filament.
    func testUniformStateOfAWideChannelIsUnstableWithATransverseMode() throws {
        var text = try String(contentsOf: TestPaths.geometries.appendingPathComponent("vo2-wide-channel-relaxation.toml"), encoding: .utf8)
        text = String(text[..<text.range(of: "\n[transient]")!.lowerBound])
        let held = "source_voltage = \"0 V\"      # set by [transient]"
        XCTAssertTrue(text.contains(held))
        text = text.replacingOccurrences(of: held, with: "source_voltage = \"20 V\"")
        let device = try GeometryFile.parse(text, file: "uniform.toml", cells: [1, 40, 1])
        let solution = try SteadyStateSolver(problem: device.problem).solve()
        let phi = solution.state.metalFraction
        XCTAssertGreaterThan(phi.min()!, 0.05, "every cell partly metallic")
        XCTAssertLessThan(phi.max()! - phi.min()!, 1e-6, "uniform")
        let report = try StabilityAnalysis(solution: solution).analyse()
        XCTAssertEqual(report.verdict, .unstable)
        let mode = try XCTUnwrap(report.mode).temperature
        let grid = solution.grid
        let shape = (0..<grid.cellCount).map { cos(Double.pi * grid.center($0).1 / 40e-6) }
        let overlap = zip(mode, shape).reduce(0) { $0 + $1.0 * $1.1 }
            / (mode.reduce(0) { $0 + $1 * $1 }.squareRoot() * shape.reduce(0) { $0 + $1 * $1 }.squareRoot())
        XCTAssertGreaterThan(abs(overlap), 0.99, "leading mode: the transverse modulation")
    }
}
