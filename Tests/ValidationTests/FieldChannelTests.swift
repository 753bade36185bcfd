import XCTest
import Materials
import Solvers
@testable import Simulations

/// A synthetic field channel T_eff = T + c |E| (the linear weak-field law of HF SI Eq. 12 in
/// miniature): cells switch where T_eff crosses T_IMT although the lattice T stays below it.
struct LinearEffectiveTemperature: EffectiveTemperatureModel {
    var kelvinPerVoltPerMeter: Double
    var name: String { "T + c|E|" }
    func effectiveTemperature(phase: Phase, field: Double, temperature: Double) throws -> Double {
        temperature + kelvinPerVoltPerMeter * field
    }
}

final class FieldChannelTests: XCTestCase {
    func testFieldChannelSwitchesCellsBelowTheLatticeThreshold() throws {
        let study = SlabStudy()
        let j0 = 0.9 * study.closedForms.criticalCurrentDensity   // all insulating without the channel
        var problem = study.problem(currentDensity: j0, cellsAlongZ: 20)
        let off = try SteadyStateSolver(problem: problem).solve()
        XCTAssertEqual(off.metalFraction, 0)
        XCTAssertNil(off.fieldSwitching)
        // E = ρ_I j0 ≈ 4.9e3 V/m: c = 5e-3 K/(V/m) lifts T_eff by ~25 K
        problem.fieldDrivenSwitching = LinearEffectiveTemperature(kelvinPerVoltPerMeter: 5e-3)
        let on = try SteadyStateSolver(problem: problem).solve()
        XCTAssertGreaterThan(on.metalFraction, 0.05)
        let switching = try XCTUnwrap(on.fieldSwitching)
        XCTAssertGreaterThan(switching.cells, 0, "metal cells whose lattice T is below T_IMT")
        XCTAssertGreaterThan(switching.maxExcess, 1)
        XCTAssertLessThan(on.maximumTemperature, study.closedForms.switchingTemperature)
        XCTAssertLessThan(on.energyBalanceRelativeError, 1e-8)
    }
}
