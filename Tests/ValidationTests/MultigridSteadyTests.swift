import XCTest
@testable import Solvers
@testable import Simulations
import SparseLinearAlgebra

/// The steady solver with multigrid-preconditioned CG (`SymmetricSolverStrategy.multigrid`)
/// against the reused Cholesky factorisation: the linear solver must not change the answer.
final class MultigridSteadyTests: XCTestCase {
    private func solve(_ study: Fig2Study, strategy: SymmetricSolverStrategy, forcing: Double = 0) throws -> (SteadySolution, SteadyStateSolver) {
        var s = study
        s.film.settings.symmetricStrategy = strategy
        s.film.settings.linearSolveForcing = forcing
        let solver = try s.makeSolver(progress: ProgressReporter(quiet: true))
        return (try DriveRamp(steps: s.rampSteps).solve(solver), solver)
    }

    /// A pure field problem (switching out of reach) on a grid with two coarse levels and a
    /// floating (current-driven) electrode: the same temperatures to 1e-8 K and voltage to
    /// 1e-10, with every solve done by multigrid CG (no direct fallback).
    func testFieldProblemMatchesTheFactorization() throws {
        var study = Fig2Study.halfDrive(cells: (24, 17, 6))
        study.film.insulatorToMetalTemperature = 900
        study.film.metalToInsulatorTemperature = 900
        let (direct, _) = try solve(study, strategy: .reusedFactorization)
        let (multigrid, solver) = try solve(study, strategy: .multigrid)
        XCTAssertGreaterThan(direct.maximumTemperature - 300, 5, "the drive must heat the film")
        let gap = zip(direct.state.temperature, multigrid.state.temperature).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(gap, 1e-8)
        XCTAssertEqual(multigrid.voltage, direct.voltage, accuracy: 1e-10 * abs(direct.voltage))
        let charge = try XCTUnwrap(solver.chargeSolver as? MultigridCGSolver)
        let heat = try XCTUnwrap(solver.heatSolver as? MultigridCGSolver)
        XCTAssertEqual(charge.fallbackSolves + heat.fallbackSolves, 0)
        XCTAssertGreaterThan(charge.cgSolves, 0)
    }

    /// With the phase iteration and inexact solves (the benchmark's settings): the same metal
    /// volume and voltage within what the phase tolerance allows, a consistent phase map and
    /// a balanced energy budget.
    func testPhaseIterationReachesTheSameState() throws {
        let study = Fig2Study.halfDrive(cells: (16, 13, 4))
        let (a, _) = try solve(study, strategy: .reusedFactorization, forcing: 1e-2)
        let (b, _) = try solve(study, strategy: .multigrid, forcing: 1e-2)
        XCTAssertGreaterThan(a.metalFraction, 0.005, "the comparison needs some metal")
        XCTAssertEqual(b.metalFraction, a.metalFraction, accuracy: 0.02 * a.metalFraction)
        XCTAssertEqual(b.voltage, a.voltage, accuracy: 2e-3 * abs(a.voltage))
        XCTAssertLessThan(b.maxThresholdViolation, study.film.settings.phaseTolerance)
        XCTAssertLessThan(b.energyBalanceRelativeError, 1e-8)
    }
}
