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

/// A thin channel (current along x, width W in y) held inside the smoothed threshold by a
/// current drive: φ = H_w(T − T*) rises with T, σ = φ σ_M + (1 − φ) σ_I, so the uniform state
/// sits on the negative-differential-resistance branch. Under a fixed total current a
/// transverse modulation cos(m π y/W) (m ≥ 1) leaves E unchanged, and its growth rate is
///   λ_m = [σ′ E² − g − κ μ_m] / c,  σ′ = (σ_M − σ_I) H_w′,  g = h_eff/d,
///   μ_m = (4/h_y²) sin²(m π / 2 n_y)  (the discrete −∂²/∂y² on n_y cells, adiabatic sides),
/// while the uniform mode m = 0 changes E and decays at λ_0 = −(σ′E² + g)/c. Wider than
/// π √(κ/(σ′E² − g)): unstable with a transverse mode; narrower: stable, the slowest mode uniform.
final class ChannelStabilityTests: XCTestCase {
    let length = 2e-6, thickness = 1e-7, kappa = 5.0, c = 2e6, h = 1e6
    let rhoI = 1e-3, rhoM = 1e-6, tSwitch = 340.0, t0 = 300.0, window = 4.0

    func uniformState(width: Double, cellsAcross ny: Int) throws -> (solution: SteadySolution, sigmaPrime: Double, field: Double) {
        let grid = RectilinearGrid(x: .uniform(length: length, cells: 2), y: .uniform(length: width, cells: ny),
                                   z: .uniform(length: thickness, cells: 1))
        let material = TwoPhaseMaterial(name: "channel",
                                        insulator: ConstantTransport(resistivity: rhoI, seebeck: 0, thermalConductivity: kappa, heatCapacity: c),
                                        metal: ConstantTransport(resistivity: rhoM, seebeck: 0, thermalConductivity: kappa, heatCapacity: c),
                                        insulatorToMetalTemperature: tSwitch, metalToInsulatorTemperature: tSwitch)
        var settings = SolverSettings()
        settings.phaseCoupling = .continuation
        settings.transitionWidth = window
        let g = 1 / (thickness / (2 * kappa) + 1 / h) / thickness
        let sigma = 0.5 / rhoM + 0.5 / rhoI                      // φ = ½ at T = T*
        let field = (g * (tSwitch - t0) / sigma).squareRoot()
        let problem = ElectrothermalProblem(
            grid: grid, material: material,
            thermalBoundaries: [ThermalBoundary(name: "substrate", patch: .whole(.zMin), condition: .heatTransfer(coefficient: h, sinkTemperature: t0))],
            electrodes: [Electrode(name: "ground", patch: .whole(.xMin), drive: .potential(0)),
                         Electrode(name: "drive", patch: .whole(.xMax), drive: .current(sigma * field * width * thickness))],
            initialTemperature: t0, settings: settings)
        // the uniform state, built directly: T = T*, φ = ½, Φ = E x; it is a steady state of
        // the discrete model (checked through its residual), whichever way a solver would go
        let model = try DiscreteModel(problem: problem)
        var state = ElectrothermalState(problem: problem)
        for cell in 0..<grid.cellCount {
            state.temperature[cell] = tSwitch
            state.metalFraction[cell] = 0.5
            state.potential[cell] = field * grid.center(cell).0
        }
        state.electrodePotential = [0, field * length]
        let system = CoupledSystem(model: model, electrodes: problem.electrodes)
        let residual = system.fieldResidual(state)
        let heatScale = g * (tSwitch - t0) * grid.volume(0), chargeScale = sigma * field * width * thickness
        for c in 0..<system.chargeCount { XCTAssertLessThan(abs(residual[c]), 1e-9 * chargeScale, "charge row \(c)") }
        for c in 0..<grid.cellCount { XCTAssertLessThan(abs(residual[system.temperatureOffset + c]), 1e-9 * heatScale, "heat row \(c)") }
        let solution = SteadySolution(model: model, state: state, fieldIterations: 0, phaseIterations: 0, maxThresholdViolation: 0,
                                      lastFieldChange: 0, electrodes: problem.electrodes)
        let sigmaPrime = (1 / rhoM - 1 / rhoI) * 1.5 / window    // H_w′ at its centre
        return (solution, sigmaPrime, field)
    }

    func testTransverseModeOfAWideChannelGrowsAtTheClosedFormRate() throws {
        let ny = 8
        let g = 1 / (thickness / (2 * kappa) + 1 / h) / thickness
        for width in [4e-6, 0.25e-6] {
            let (solution, sigmaPrime, field) = try uniformState(width: width, cellsAcross: ny)
            let hy = width / Double(ny)
            let mu1 = 4 / (hy * hy) * pow(sin(Double.pi / Double(2 * ny)), 2)
            let transverse = (sigmaPrime * field * field - g - kappa * mu1) / c
            let uniform = (-sigmaPrime * field * field - g) / c   // the total current is fixed: E falls as σ rises
            let expected = max(transverse, uniform)
            let report = try StabilityAnalysis(solution: solution).analyse()
            let leading = try XCTUnwrap(report.leading)
            // transverse: to 1e-5 of σ′E²/c (measured 6e-8); uniform: 1e-3 (measured 3.5e-4, the
            // mode runs through the floating drive electrode's finite-difference column)
            let tolerance = (transverse > uniform ? 1e-5 : 1e-3) * sigmaPrime * field * field / c
            XCTAssertEqual(leading.real, expected, accuracy: tolerance, "W = \(width) m: \(report.sentence)")
            XCTAssertEqual(report.verdict, expected > 0 ? .unstable : .stable, report.sentence)
            XCTAssertEqual(report.cellsFollowingThreshold, 2 * ny)
            // the mode: δT ∝ cos(π y/W) across (wide), uniform (narrow); uniform along x
            let mode = try XCTUnwrap(report.mode)
            let grid = solution.grid
            var overlap = 0.0, norm = 0.0, shape = 0.0
            for cell in 0..<grid.cellCount {
                let (_, j, _) = grid.ijk(cell)
                let profile = transverse > uniform ? cos(Double.pi * (Double(j) + 0.5) / Double(ny)) : 1
                overlap += profile * mode.temperature[cell]
                norm += mode.temperature[cell] * mode.temperature[cell]
                shape += profile * profile
            }
            XCTAssertGreaterThan(abs(overlap) / (norm * shape).squareRoot(), 0.9999, "W = \(width) m")
        }
        // the two widths lie on either side of the closed-form critical width π √(κ/(σ′E² − g))
        let (_, sigmaPrime, field) = try uniformState(width: 1e-6, cellsAcross: 2)
        let critical = Double.pi * (kappa / (sigmaPrime * field * field - g)).squareRoot()
        XCTAssertLessThan(0.25e-6, critical)
        XCTAssertGreaterThan(4e-6, critical)
    }
}
