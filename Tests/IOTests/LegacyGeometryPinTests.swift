import XCTest
import Foundation
@testable import IO
import Solvers
import Simulations

/// Film + substrate files are the special case of the region map: their summaries are pinned
/// to the values the solver gave before regions existed (program 801536a, the same coarse
/// meshes, `filament run FILE --cells …`). Relative agreement 1e-9 (measured: bit for bit, and
/// the same iteration counts). Files on kernel tables are not pinned: the tables are data that
/// are regenerated when the kernels change.
final class LegacyGeometryPinTests: XCTestCase {
    struct Pin {
        var file: String
        var cells: [Int]
        var current, voltage, tMax, tMean, metalFraction, power: Double
    }

    static let substrateFile = """
    title = "film on substrate, top electrodes (pinned regression case)"
    [domain]
    length = "1 mm"
    width = "1 mm"
    thickness = "0.2 mm"
    initial_temperature = "300 K"
    [substrate]
    thickness = "0.3 mm"
    thermal_conductivity = "30 W/(m*K)"
    [mesh]
    x = { cells = 10, ratio = 1.04, toward = "both" }
    y = { cells = 5 }
    z = { cells = 4, ratio = 1.15, toward = "upper" }
    substrate_cells = 3
    [material]
    name = "Ca2RuO4 (PH)"
    T_IMT = "360 K"
    T_MIT = "355 K"
    [material.insulator]
    resistivity = "10 ohm*cm"
    seebeck = "1000 uV/K"
    thermal_conductivity = "1e-3 W/(cm*K)"
    [material.metal]
    resistivity = "1 ohm*cm"
    seebeck = "0 uV/K"
    thermal_conductivity = "1e-3 W/(cm*K)"
    [[electrode]]
    name = "negative"
    face = "z_max"
    shape = "line"
    x = ["0 mm", "0.1 mm"]
    y = "0.5 mm"
    role = "ground"
    [[electrode]]
    name = "positive"
    face = "z_max"
    shape = "line"
    x = ["0.9 mm", "1 mm"]
    y = "0.5 mm"
    source_voltage = "5 V"
    load_resistance = "100 ohm"
    seebeck = "2 uV/K"
    [[thermal]]
    name = "heat sink"
    face = "z_min"
    condition = "fixed_temperature"
    temperature = "300 K"
    [[thermal]]
    name = "air"
    face = "z_max"
    condition = "heat_transfer"
    coefficient = "10 W/(m^2*K)"
    sink_temperature = "300 K"
    [drive]
    ramp_steps = 4
    """

    static let pins = [
        Pin(file: "ca2ruo4-fig2c-weak-seebeck.toml", cells: [8, 3, 3], current: 0.007746000000000078, voltage: 2.571039003207582,
            tMax: 368.18061509815, tMean: 317.9891472098499, metalFraction: 0.08969218401734765, power: 0.01991526811884613),
        Pin(file: "slab-uniform-current.toml", cells: [4, 1, 8], current: 0.016429999999999792, voltage: 2.572386075545832,
            tMax: 364.1301882758408, tMean: 337.47986875999914, metalFraction: 0.24372589662076738, power: 0.042264303221217485),
        Pin(file: "substrate", cells: [6, 3, 3], current: 0.017661460396373105, voltage: 3.233853960362656,
            tMax: 476.71987072064667, tMean: 349.819296485517, metalFraction: 0.20638348932085426, power: 0.057114583648599365),
    ]

    func testFilmAndSubstrateFilesGiveThePinnedSummaries() throws {
        for pin in Self.pins {
            let device = pin.file == "substrate"
                ? try GeometryFile.parse(Self.substrateFile, file: "substrate.toml", cells: pin.cells)
                : try GeometryFile.load(TestPaths.geometries.appendingPathComponent(pin.file), cells: pin.cells)
            XCTAssertNil(device.problem.regions)
            let solver = try SteadyStateSolver(problem: device.problem)
            let s = device.rampSteps > 1 ? try DriveRamp(steps: device.rampSteps).solve(solver) : try solver.solve()
            for (name, got, want) in [("current", s.current, pin.current), ("voltage", s.voltage, pin.voltage),
                                      ("T_max", s.maximumTemperature, pin.tMax), ("T_mean", Summary.filmMeanTemperature(s), pin.tMean),
                                      ("metal fraction", s.metalFraction, pin.metalFraction), ("power", s.electricalPower, pin.power)] {
                XCTAssertEqual(got, want, accuracy: 1e-9 * abs(want), "\(pin.file): \(name)")
            }
        }
    }
}
