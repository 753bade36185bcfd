import XCTest
import Mesh
import Materials
import Discretization
import SparseLinearAlgebra
import Solvers
@testable import Simulations

/// Energy conservation and current-polarity symmetries of the steady solver on a coarse
/// Fig. 2-like film (fast tier; the fine runs live in validation/).
final class EnergyAndPolarityTests: XCTestCase {
    func smallFilm() -> FilmStudy {
        var study = FilmStudy()
        study.cells = (12, 8, 4)
        study.insulatorToMetalTemperature = 362
        study.metalToInsulatorTemperature = 358
        study.electrodeHalfWidth = 0.13e-3
        return study
    }

    func testEnergyBalanceWithInterfacesAndContactPeltier() throws {
        var study = smallFilm()
        let current = study.current(jouleStrength: 0.08)
        for (leadSeebeck, coupling, kind) in [(0.0, PeltierCoupling.lagged, DirectSolverKind.cholmod),
                                              (3e-4, .lagged, .umfpack), (0.0, .implicit, .cholmod)] {
            study.electrodeSeebeck = leadSeebeck
            study.settings.peltierCoupling = coupling
            study.settings.symmetricSolver = kind
            let solution = try SteadyStateSolver(problem: study.problem(current: current)).solve()
            XCTAssertGreaterThan(solution.metalFraction, 0, "an interface is present")
            XCTAssertLessThan(solution.maxThresholdViolation, study.settings.phaseTolerance * 1.0001)
            let peltier = solution.fluxes.peltierHeat.map(abs).reduce(0, +)
            XCTAssertGreaterThan(peltier, 0.05 * solution.electricalPower, "Peltier heat is not negligible")
            XCTAssertLessThan(solution.energyBalanceRelativeError, 1e-8, "S_e = \(leadSeebeck), \(coupling), \(kind)")
        }
    }

    func testLaggedAndImplicitPeltierAgree() throws {
        var study = smallFilm()
        study.insulatorToMetalTemperature = 2000  // no switching: compare the field solvers alone
        study.metalToInsulatorTemperature = 1999
        let current = study.current(jouleStrength: 0.08)
        let lagged = try SteadyStateSolver(problem: study.problem(current: current)).solve()
        study.settings.peltierCoupling = .implicit
        let implicit = try SteadyStateSolver(problem: study.problem(current: current)).solve()
        let difference = zip(lagged.state.temperature, implicit.state.temperature).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(difference, 1e-6, "K, with field tolerance 1e-12 relative")
    }

    /// With one Seebeck coefficient everywhere (both phases and leads) there is no Peltier
    /// heat and the Joule heat is even in I: T must not change when I changes sign.
    func testUniformSeebeckTemperatureIsEvenInCurrent() throws {
        var study = smallFilm()
        study.metalSeebeck = study.insulatorSeebeck
        study.electrodeSeebeck = study.insulatorSeebeck
        let current = study.current(jouleStrength: 0.08)
        let plus = try SteadyStateSolver(problem: study.problem(current: current)).solve()
        let minus = try SteadyStateSolver(problem: study.problem(current: -current)).solve()
        let difference = zip(plus.state.temperature, minus.state.temperature).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(difference, 1e-7)
        XCTAssertGreaterThan(plus.maximumTemperature - study.substrateTemperature, 1)
    }

    /// In a film symmetric under x → L − x, the state at −I is the mirror image of the state at +I.
    func testMirrorImageUnderCurrentReversal() throws {
        let study = smallFilm()
        let current = study.current(jouleStrength: 0.08)
        let plus = try SteadyStateSolver(problem: study.problem(current: current)).solve()
        let minus = try SteadyStateSolver(problem: study.problem(current: -current)).solve()
        let g = plus.grid
        var worst = 0.0, phaseMismatch = 0.0
        for k in 0..<g.nz { for j in 0..<g.ny { for i in 0..<g.nx {
            let c = g.index(i, j, k), m = g.index(g.nx - 1 - i, j, k)
            worst = max(worst, abs(plus.state.temperature[c] - minus.state.temperature[m]))
            phaseMismatch = max(phaseMismatch, abs(plus.state.metalFraction[c] - minus.state.metalFraction[m]))
        } } }
        XCTAssertLessThan(worst, 1e-6, "mirror symmetry of T (K)")
        XCTAssertLessThan(phaseMismatch, 1e-6)
        // and the metal sits at the negative electrode, not symmetric about x = L/2
        let leftMetal = (0..<g.cellCount).filter { g.ijk($0).0 < g.nx / 2 }.map { plus.state.metalFraction[$0] }.reduce(0, +)
        let rightMetal = (0..<g.cellCount).filter { g.ijk($0).0 >= g.nx / 2 }.map { plus.state.metalFraction[$0] }.reduce(0, +)
        XCTAssertGreaterThan(leftMetal, rightMetal, "I > 0 enters at x ≈ L: metal grows out of the negative electrode at x ≈ 0")
    }
}
