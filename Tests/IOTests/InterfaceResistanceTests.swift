import XCTest
import Foundation
@testable import IO
import Solvers

/// A thermal boundary resistance between two regions against the 1D closed form.
///
/// Current I enters x = 0 (adiabatic) of a two-layer bar and leaves x = L (held at T0, 0 V).
/// With S = 0 and constant ρ the Joule heat of layer A, ρ_A j² L_A per unit area, crosses
/// the interface at x = L_A, so R_b raises every temperature of layer A by exactly
/// ΔT = R_b ρ_A j² L_A and leaves layer B unchanged. The full profile is
///   B: T = T0 + [ρ_A j² L_A (L − x) + ρ_B j² ((L − L_A)² − (x − L_A)²)/2] / κ_B,
///   A: T = T(L_A⁺) + R_b ρ_A j² L_A + ρ_A j² (L_A² − x²)/(2 κ_A).
final class InterfaceResistanceTests: XCTestCase {
    static let rhoA = 1e-5, kappaA = 1.5, rhoB = 1.7e-8, kappaB = 400.0
    static let lengthA = 2e-3, length = 3e-3, area = 1e-6, current = 0.5, sink = 300.0

    static func file(resistance: String?, seebeckA: String = "0 uV/K", cells: Int = 60) -> String {
        var text = """
        [domain]
        length = "3 mm"
        width = "1 mm"
        height = "1 mm"
        [mesh]
        x = { cells = \(cells) }
        y = { cells = 1 }
        z = { cells = 1 }
        [materials.a]
        resistivity = "1e-5 ohm*m"
        seebeck = "\(seebeckA)"
        thermal_conductivity = "1.5 W/(m*K)"
        [materials.b]
        resistivity = "1.7e-8 ohm*m"
        thermal_conductivity = "400 W/(m*K)"
        [[region]]
        name = "film"
        material = "a"
        x = ["0 mm", "2 mm"]
        [[region]]
        name = "substrate"
        material = "b"
        x = ["2 mm", "3 mm"]
        [[electrode]]
        name = "in"
        region = "film"
        face = "x_min"
        current = "0.5 A"
        [[electrode]]
        name = "out"
        region = "substrate"
        face = "x_max"
        role = "ground"
        [[thermal]]
        face = "x_max"
        condition = "fixed_temperature"
        temperature = "300 K"

        """
        if let resistance {
            text += "[[interface]]\nbetween = [\"film\", \"substrate\"]\nthermal_boundary_resistance = \"\(resistance)\"\n"
        }
        return text
    }

    func solve(_ text: String) throws -> SteadySolution {
        try SteadyStateSolver(problem: try GeometryFile.parse(text, file: "two-layer.toml").problem).solve()
    }

    static func exact(_ x: Double, resistance: Double) -> Double {
        let j = current / area, qA = rhoA * j * j * lengthA
        let b = { (x: Double) in sink + (qA * (length - x) + rhoB * j * j * (pow(length - lengthA, 2) - pow(x - lengthA, 2)) / 2) / kappaB }
        if x >= lengthA { return b(x) }
        return b(lengthA) + resistance * qA + rhoA * j * j * (lengthA * lengthA - x * x) / (2 * kappaA)
    }

    func testTemperatureJumpIsResistanceTimesFlux() throws {
        let rb = 1e-4
        let with = try solve(Self.file(resistance: "1e-4 m^2*K/W"))
        let without = try solve(Self.file(resistance: nil))
        let j = Self.current / Self.area
        let jump = rb * Self.rhoA * j * j * Self.lengthA  // 0.5 K
        XCTAssertEqual(with.model.faces.resistiveFaces.count, 1)
        var worstShift = 0.0, worstProfile = 0.0
        for c in 0..<with.grid.cellCount {
            let x = with.grid.center(c).0
            let shift = with.state.temperature[c] - without.state.temperature[c]
            worstShift = max(worstShift, abs(shift - (x < Self.lengthA ? jump : 0)))
            worstProfile = max(worstProfile, abs(with.state.temperature[c] - Self.exact(x, resistance: rb)))
        }
        // Round-off: the shift is R_b q to 1e-9 of the 0.5 K jump (measured 3e-12 K).
        XCTAssertLessThan(worstShift, 1e-9 * jump, "largest |ΔT_shift − R_b q| = \(worstShift) K")
        // Mesh error of the cell-centred scheme, O(h²), against the profile (measured 5.2e-4 K
        // of a 3.4 K rise across the film, 60 cells).
        XCTAssertLessThan(worstProfile, 2e-3, "largest |T − T_exact| = \(worstProfile) K")
        XCTAssertLessThan(with.energyBalanceRelativeError, 1e-8)
        // With a Seebeck coefficient the face stays conservative.
        let seebeck = try solve(Self.file(resistance: "1e-4 m^2*K/W", seebeckA: "200 uV/K"))
        XCTAssertLessThan(seebeck.energyBalanceRelativeError, 1e-8)
    }

    func testCheckListsTheInterfaceWithItsResistance() throws {
        let url = TestPaths.temporaryDirectory("interface").appendingPathExtension("toml")
        try Self.file(resistance: "2.5e-8 m^2*K/W").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try TestPaths.run(["check", url.path])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertTrue(run.out.contains("interface 'film' | 'substrate': 1 cell faces, 1 mm², thermal boundary resistance R_b = 2.5e-08 m²·K/W"), run.out)
    }
}
