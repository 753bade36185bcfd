import XCTest
import Mesh
import Materials
import Discretization
import SparseLinearAlgebra
@testable import Solvers

/// Linear stability of steady states against the lumped closed form of a Joule-heated wire
/// and against LAPACK's dense QZ on the same matrix.
final class StabilityTests: XCTestCase {
    // A wire L × W × d along x, ρ(T) = ρ0 [1 + α (T − T0)] with α < 0 (an insulator-like
    // law), adiabatic ends, heat-transfer coefficient h to T0 on its bottom face, driven by a
    // source V_t behind a load R_L. Its state is uniform, so the lumped model is exact:
    //   G ΔT = I² R,  G = L W / (d/(2κ) + 1/h),  R = R0 (1 + α ΔT),  R0 = ρ0 L/(W d),
    //   λ = [α R0 I² (R_L − R)/(R + R_L) − G] / (c L W d),
    // which crosses 0 exactly at the turning points of V_t(I): with r = R_L/R0 < 1/8 the
    // uniform state is unstable for α ΔT between (−3 − √(1−8r))/4 and (−3 + √(1−8r))/4.
    let length = 1e-4, width = 2e-6, thickness = 1e-6
    let rho0 = 1e-3, alpha = -0.01, t0 = 300.0, kappa = 5.0, h = 2e5, c = 2e6

    var resistance0: Double { rho0 * length / (width * thickness) }
    var conductance: Double { length * width / (thickness / (2 * kappa) + 1 / h) }

    func problem(drive: ElectrodeDrive) -> ElectrothermalProblem {
        let grid = RectilinearGrid(x: .uniform(length: length, cells: 6), y: .uniform(length: width, cells: 1),
                                   z: .uniform(length: thickness, cells: 1))
        let phase = LinearResistivityTransport(resistivity: rho0, temperatureCoefficient: alpha, referenceTemperature: t0,
                                               seebeck: 0, thermalConductivity: kappa, heatCapacity: c)
        // thresholds far above the range: the wire never switches
        let material = TwoPhaseMaterial(name: "wire", insulator: phase, metal: phase,
                                        insulatorToMetalTemperature: 5000, metalToInsulatorTemperature: 5000)
        var settings = SolverSettings()
        settings.phaseCoupling = .newton
        return ElectrothermalProblem(grid: grid, material: material,
                                     thermalBoundaries: [ThermalBoundary(name: "bottom", patch: .whole(.zMin),
                                                                         condition: .heatTransfer(coefficient: h, sinkTemperature: t0))],
                                     electrodes: [Electrode(name: "ground", patch: .whole(.xMin), drive: .potential(0)),
                                                  Electrode(name: "source", patch: .whole(.xMax), drive: drive)],
                                     initialTemperature: t0, settings: settings)
    }

    /// The steady state at α ΔT = x under the source drive with load r R0, and its stability.
    func analysed(x: Double, loadRatio r: Double) throws -> (report: StabilityReport, analysis: StabilityAnalysis, lumped: Double) {
        let dT = x / alpha, rL = r * resistance0, resistance = resistance0 * (1 + x)
        let current = (conductance * dT / resistance).squareRoot()
        // the uniform state reached under a current drive, then held by the equivalent source
        let held = try SteadyStateSolver(problem: problem(drive: .current(current))).solve()
        let source = ElectrodeDrive.source(voltage: current * (resistance + rL), loadResistance: rL)
        let solution = try SteadyStateSolver(problem: problem(drive: source)).solve(from: held.state)
        XCTAssertEqual(solution.state.temperature.max()! - t0, dT, accuracy: 1e-6 * dT)
        XCTAssertEqual(solution.current, current, accuracy: 1e-6 * current)
        let lumped = (alpha * resistance0 * current * current * (rL - resistance) / (resistance + rL) - conductance)
            / (c * length * width * thickness)
        let analysis = StabilityAnalysis(solution: solution)
        return (try analysis.analyse(), analysis, lumped)
    }

    func testJouleWireEigenvalueMatchesLumpedFormAcrossTheFold() throws {
        let r = 0.05
        let folds = [(-3 - (1 - 8 * r).squareRoot()) / 4, (-3 + (1 - 8 * r).squareRoot()) / 4]
        for x in [-0.3, folds[1] + 0.02, folds[1] - 0.02, -0.75] {
            let (report, _, lumped) = try analysed(x: x, loadRatio: r)
            let leading = try XCTUnwrap(report.leading)
            let rate = conductance / (c * length * width * thickness)   // G/C, the cooling rate
            XCTAssertEqual(leading.real, lumped, accuracy: 1e-6 * rate, "α ΔT = \(x)")
            XCTAssertEqual(leading.imaginary, 0)
            XCTAssertEqual(report.verdict, x > folds[1] ? .stable : .unstable, "α ΔT = \(x): \(report.sentence)")
            XCTAssertLessThan(report.residual, 1e-8)
            // the growing (or slowest) mode is the uniform heating of the wire
            let mode = try XCTUnwrap(report.mode)
            XCTAssertEqual(mode.temperature.min()!, 1, accuracy: 1e-4)   // finite-difference Jacobian: ~1e-6 noise
        }
    }

    func testLeadingEigenvalueMatchesDenseQZOfTheSameMatrix() throws {
        let (report, analysis, _) = try analysed(x: -0.7, loadRatio: 0.05)
        let (_, pencil, capacity, _) = analysis.linearisation()
        let n = pencil.dimension
        var a = [Double](repeating: 0, count: n * n), b = a
        for col in 0..<n {
            for p in pencil.pattern.columnStarts[col]..<pencil.pattern.columnStarts[col + 1] { a[pencil.pattern.rowIndices[p] * n + col] = pencil.values[p] }
            b[col * n + col] = capacity[col]
        }
        let dense = try DenseGeneralizedEigenvalues.eigenvalues(a, b, n: n)
        XCTAssertEqual(dense.count, 6, "one finite eigenvalue per cell temperature")
        XCTAssertGreaterThan(dense[0].re, 0)
        XCTAssertEqual(report.leading!.real, dense[0].re, accuracy: 1e-8 * abs(dense[0].re))
        for (found, reference) in zip(report.eigenvalues, dense) {
            XCTAssertEqual(found.real, reference.re, accuracy: 1e-7 * abs(reference.re))
        }
    }
}
