import XCTest
@testable import Kernels

/// The V_t ramp of the finite lattice: up and down legs, Kirchhoff at every point, failed steps
/// reported while the loop goes on.
final class FiniteLatticeVoltageLoopTests: XCTestCase {
    private func model() throws -> FiniteLatticeModel {
        let sample = try LatticeSample(cut: .axial, length: 4, width: 2, periodic: true)
        return FiniteLatticeModel(sample: sample, interaction: 2, damping: 0.2, leadCoupling: 1,
                                  resolution: LatticeResolution(stepPerDamping: 1))
    }

    func testLoopVisitsUpThenDownAndEveryPointSatisfiesKirchhoff() throws {
        let m = try model()
        let loop = LatticeVoltageLoop(model: m, resistance: 2)
        let result = try loop.run(voltages: [0.2, 0.6, 1.0], start: m.neelDensities(gap: 0.5))
        XCTAssertTrue(result.failures.isEmpty)
        let main = result.points.filter { !$0.refinement }
        XCTAssertEqual(main.map(\.leg), [.up, .up, .up, .down, .down])
        XCTAssertEqual(main.map(\.totalVoltage), [0.2, 0.6, 1.0, 0.6, 0.2])
        for p in result.points {
            XCTAssertEqual(p.sampleVoltage + 2 * p.current, p.totalVoltage, accuracy: 1e-5)
        }
        XCTAssertThrowsError(try loop.run(voltages: [1, 0.5], start: m.neelDensities(gap: 0.5)))
    }

    func testFailedStepsAreReportedAndConvergedPointsKept() throws {
        let m = try model()
        let loop = LatticeVoltageLoop(model: m, resistance: 2, iteration: LatticeIteration(maximumIterations: 2))
        let result = try loop.run(voltages: [0.2, 0.6], start: m.neelDensities(gap: 0.5))
        XCTAssertEqual(result.failures.count + result.points.count, 3)
        XCTAssertFalse(result.failures.isEmpty)
        XCTAssertTrue(result.failures.allSatisfy { $0.reason.contains("not converged") })
    }
}
