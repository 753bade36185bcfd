import XCTest
import Foundation
@testable import IO
import Mesh
import Discretization
import Solvers

/// The two-temperature model (PH Eqs. 5–6) through the geometry reader and the steady solver:
/// the closed-form film profiles (docs/model.md, Two temperatures), the γ_el → ∞ limit, the
/// energy balance with Peltier heat, phase switching and electron-held contacts.
final class TwoTemperatureTests: XCTestCase {
    // A 100 nm Ca2RuO4-like film: κ = 0.11 W/(m·K) split 1 : 10, γ_el = 1e13 W/(m³·K)
    // (1/α = 30 nm), ρ = 10 Ω·cm, j = 4.7e7 A/m², substrate at 300 K.
    let h = 100e-9, rho = 0.1, current = 4.7e-6, kappa = 0.11, fraction = 1.0 / 11

    func film(cells: Int, coupling: String?) -> String {
        """
        [domain]
        length = "1 um"
        width = "1 um"
        thickness = "100 nm"
        [mesh]
        x = { cells = 2 }
        y = { cells = 1 }
        z = { cells = \(cells) }
        [material]
        T_IMT = "1000 K"
        [material.insulator]
        resistivity = "10 ohm*cm"
        seebeck = "0 uV/K"
        thermal_conductivity = "0.11 W/(m*K)"
        [material.metal]
        resistivity = "1 ohm*cm"
        seebeck = "0 uV/K"
        thermal_conductivity = "0.11 W/(m*K)"
        [[electrode]]
        name = "negative"
        face = "x_min"
        role = "ground"
        [[electrode]]
        name = "positive"
        face = "x_max"
        current = "4.7 uA"
        [[thermal]]
        name = "substrate"
        face = "z_min"
        condition = "fixed_temperature"
        temperature = "300 K"
        """ + (coupling.map { "\n[two_temperature]\nelectron_lattice_coupling = \"\($0) W/(m^3*K)\"\nelectron_conductivity_fraction = \(fraction)\n" } ?? "")
    }

    func solve(_ text: String) throws -> SteadySolution {
        let device = try GeometryFile.parse(text, file: "two-temperature.toml")
        return try SteadyStateSolver(problem: device.problem).solve()
    }

    /// Closed form at height z above the substrate (electron, lattice), written independently
    /// of the validation script: s = h − z, q = ρ j²/κ, α² = γ κ/(κ_e κ_l).
    func exact(_ z: Double, coupling gamma: Double) -> (Double, Double) {
        let j = current / (1e-6 * h), q = rho * j * j / kappa
        let ke = fraction * kappa, kl = kappa - ke
        let alpha = (gamma * kappa / (ke * kl)).squareRoot(), s = h - z
        let tl = 300 + q * (h * h - s * s) / 2 + q * h * ke / (kl * alpha * sinh(alpha * h)) * (cosh(alpha * h) - cosh(alpha * s))
        return (tl + q * kl / gamma + q * h * kappa / (kl * alpha * sinh(alpha * h)) * cosh(alpha * s), tl)
    }

    func testFilmProfilesConvergeToClosedFormAtSecondOrder() throws {
        var errors: [Double] = []
        for n in [16, 32, 64] {
            let s = try solve(film(cells: n, coupling: "1e13"))
            var error = 0.0
            for c in 0..<s.grid.cellCount {
                let (te, tl) = exact(s.grid.center(c).2, coupling: 1e13)
                error = max(error, abs(s.state.temperature[c] - te), abs(s.state.latticeTemperature![c] - tl))
            }
            errors.append(error)
            XCTAssertLessThan(s.energyBalanceRelativeError, 1e-8)
        }
        let orders = (1..<errors.count).map { log2(errors[$0 - 1] / errors[$0]) }
        XCTAssertLessThan(errors.last!, 3e-3, "max |T − T_exact| on 64 cells (K); the electrons are ~25 K above the lattice")
        XCTAssertGreaterThan(orders.last!, 1.7, "observed order \(orders), errors \(errors) K")
    }

    func testStrongCouplingReproducesOneTemperature() throws {
        let one = try solve(film(cells: 20, coupling: nil))
        let two = try solve(film(cells: 20, coupling: "1e28"))
        XCTAssertNil(one.state.latticeTemperature)
        for c in 0..<one.grid.cellCount {
            XCTAssertEqual(two.state.temperature[c], one.state.temperature[c], accuracy: 1e-6)
            XCTAssertEqual(two.state.latticeTemperature![c], one.state.temperature[c], accuracy: 1e-6)
        }
        XCTAssertGreaterThan(one.maximumTemperature - 300, 10, "the film must actually heat")
    }

    /// Point contacts with Seebeck heat, a heat-transfer condition on the top that covers the
    /// contacts (electron-held links) and a switching film: heat out equals electrical power.
    func testEnergyBalanceWithPeltierHeatSwitchingAndElectronHeldContacts() throws {
        let text = """
        [domain]
        length = "1 mm"
        width = "0.5 mm"
        thickness = "20 um"
        [mesh]
        x = { cells = 10 }
        y = { cells = 3 }
        z = { cells = 4 }
        [material]
        T_IMT = "330 K"
        T_MIT = "325 K"
        [material.insulator]
        resistivity = "10 ohm*cm"
        seebeck = "1000 uV/K"
        thermal_conductivity = "1e-3 W/(cm*K)"
        [material.metal]
        resistivity = "1 ohm*cm"
        thermal_conductivity = "1e-3 W/(cm*K)"
        [[electrode]]
        name = "negative"
        face = "z_max"
        x = ["0 mm", "0.2 mm"]
        role = "ground"
        [[electrode]]
        name = "positive"
        face = "z_max"
        x = ["0.8 mm", "1 mm"]
        seebeck = "50 uV/K"
        potential = "45 V"
        [[thermal]]
        name = "substrate"
        face = "z_min"
        condition = "fixed_temperature"
        temperature = "300 K"
        [[thermal]]
        name = "top"
        face = "z_max"
        condition = "heat_transfer"
        coefficient = "1e4 W/(m^2*K)"
        sink_temperature = "300 K"
        [two_temperature]
        electron_lattice_coupling = "1e10 W/(m^3*K)"
        electron_conductivity_fraction = 0.2
        """
        let s = try solve(text)
        XCTAssertLessThan(s.energyBalanceRelativeError, 1e-8)
        let lattice = s.state.latticeTemperature!
        let split = zip(s.state.temperature, lattice).map { abs($0 - $1) }.max()!
        XCTAssertGreaterThan(split, 0.1, "electrons and lattice must differ for this test to mean anything")
        XCTAssertGreaterThan(s.metalFraction, 0, "the film must switch somewhere")
        XCTAssertGreaterThan(abs(s.thermalBoundaryHeatOut[1]), 1e-3 * abs(s.electricalPower), "heat must leave through the top too")
    }

    func testCarrierLinkIsSymmetricAndConservesAUniformTemperature() {
        for held in [HeldCarrier.lattice, .electrons] {
            for condition in [ThermalBoundaryCondition.fixedTemperature(300), .heatTransfer(coefficient: 1e5, sinkTemperature: 300)] {
                let l = CarrierLink(condition: condition, held: held, electronConductivity: 0.02, latticeConductivity: 0.1,
                                    coupling: 1e13, area: 1e-12, distance: 5e-8)
                XCTAssertEqual(l.electronLattice, l.latticeElectron, accuracy: 1e-12 * abs(l.latticeLattice))
                XCTAssertEqual(l.totalHeat(300, 300), 0, accuracy: 1e-12 * abs(l.latticeLattice) * 300)
                let free = held == .lattice ? l.electronHeat(310, 305) : l.latticeHeat(310, 305)
                XCTAssertNotEqual(free, 0, "the free carrier hands heat over inside the half cell")
            }
        }
    }
}
