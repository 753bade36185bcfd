import XCTest
import Foundation
@testable import IO
import Solvers

/// Metal pads on an insulator: the energy balance |P − Q_out|/P reaches 1e-8 although the
/// conductivities span 1e8 … 1e20 (the charge solve is refined with its residual in flux form,
/// and P takes each floating electrode's current from its drive).
final class PadEnergyBalanceTests: XCTestCase {
    func device(_ name: String, replacing pairs: [(String, String)], cells: [Int]? = nil) throws -> DeviceCase {
        var text = try String(contentsOf: TestPaths.geometries.appendingPathComponent(name), encoding: .utf8)
        if let sweep = text.range(of: "[sweep]") { text = String(text[..<sweep.lowerBound]) }
        for (a, b) in pairs {
            XCTAssertTrue(text.contains(a), "\(name) lacks \(a)")
            text = text.replacingOccurrences(of: a, with: b)
        }
        return try GeometryFile.parse(text, file: name, baseDirectory: TestPaths.geometries, cells: cells)
    }

    func testVO2BridgeOnSapphire() throws {
        for volts in ["10 V", "60 V"] {
            let d = try device("vo2-bridge-on-sapphire.toml", replacing: [("source_voltage = \"0 V\"", "source_voltage = \"\(volts)\"")])
            let s = try SteadyStateSolver(problem: d.problem).solve()
            XCTAssertLessThan(s.energyBalanceRelativeError, 1e-8, volts)
        }
    }

    func testCa2RuO4CrystalWithPads() throws {
        let d = try device("ca2ruo4-crystal-with-pads.toml", replacing: [("current = \"10 mA\"", "current = \"4 mA\"")], cells: [10, 3, 4])
        let s = try SteadyStateSolver(problem: d.problem).solve()
        XCTAssertLessThan(s.energyBalanceRelativeError, 1e-8)
        // A potential drive against ground: the power is measured at the ground pad.
        let v = s.voltage
        var p = try device("ca2ruo4-crystal-with-pads.toml", replacing: [("current = \"10 mA\"", "potential = \"\(v) V\"")], cells: [10, 3, 4])
        p.problem.settings.fieldTolerance = 1e-12
        let sp = try SteadyStateSolver(problem: p.problem).solve()
        XCTAssertLessThan(sp.energyBalanceRelativeError, 1e-8)
        XCTAssertEqual(sp.current, 4e-3, accuracy: 1e-3 * 4e-3)  // the same device state
    }
}
