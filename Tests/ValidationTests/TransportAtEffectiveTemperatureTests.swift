import XCTest
import Foundation
import Mesh
import Materials
import Discretization
import Solvers

/// ρ(T) = ρ0 exp(−(T − T0)/T1): an insulator whose resistivity falls with temperature.
struct ExponentialInsulator: PhaseTransport {
    var rho0 = 0.1, t0 = 300.0, t1 = 60.0, kappa = 0.1
    func resistivity(at temperature: Double) -> Double { rho0 * exp(-(temperature - t0) / t1) }
    func seebeck(at temperature: Double) -> Double { 0 }
    func thermalConductivity(at temperature: Double) -> Double { kappa }
    func heatCapacity(at temperature: Double) -> Double { 2e6 }
    var temperatureRange: ClosedRange<Double> { 1 ... 2000 }
    var isTemperatureIndependent: Bool { false }
}

/// T_eff = T: a channel that must change nothing.
struct IdentityEffectiveTemperature: EffectiveTemperatureModel {
    var name: String { "T_eff = T" }
    func effectiveTemperature(phase: Phase, field: Double, temperature: Double) throws -> Double { temperature }
}

/// Transport at T_eff (DHM Eq. 14 collapse): with a field channel σ and S are read at T_eff,
/// κ at the lattice T.
final class TransportAtEffectiveTemperatureTests: XCTestCase {
    let h = 2e-4, length = 1e-3, width = 1e-3, t0 = 300.0
    let insulator = ExponentialInsulator()

    /// Voltage-driven slab (whole x faces are electrodes, substrate z = 0 at T0, top adiabatic):
    /// E = V/L is uniform and T depends on z only.
    func slab(voltage: Double, cellsAlongZ: Int) -> ElectrothermalProblem {
        let grid = RectilinearGrid(x: .uniform(length: length, cells: 1), y: .uniform(length: width, cells: 1),
                                   z: .uniform(length: h, cells: cellsAlongZ))
        let material = TwoPhaseMaterial(name: "exp", insulator: insulator,
                                        metal: ConstantTransport(resistivity: 1e-3, seebeck: 0, thermalConductivity: 0.1),
                                        insulatorToMetalTemperature: 1000, metalToInsulatorTemperature: 1000)
        return ElectrothermalProblem(
            grid: grid, material: material,
            thermalBoundaries: [ThermalBoundary(name: "substrate", patch: .whole(.zMin), condition: .fixedTemperature(t0))],
            electrodes: [Electrode(name: "negative", patch: .whole(.xMin), drive: .potential(0)),
                         Electrode(name: "positive", patch: .whole(.xMax), drive: .potential(voltage))],
            initialTemperature: t0)
    }

    /// Independent 1D reference: κ T'' = −E² σ(T + cE), T(0) = T0, T'(h) = 0, by RK4 shooting
    /// from the adiabatic top; returns T at the given heights and the current W ∫ σ E dz.
    func reference(field e: Double, shift: Double, at heights: [Double]) -> (temperature: [Double], current: Double) {
        let steps = 4000, dz = h / Double(steps)
        func sigma(_ t: Double) -> Double { 1 / insulator.resistivity(at: t + shift) }
        func integrate(top: Double) -> [Double] {       // T on z = h, h − dz, …, 0
            var t = top, dt = 0.0
            var out = [t]
            func rhs(_ t: Double, _ dt: Double) -> (Double, Double) { (dt, -e * e * sigma(t) / insulator.kappa) }
            for _ in 0..<steps {   // integrating downward: z decreases, so step −dz
                let k1 = rhs(t, dt), k2 = rhs(t - 0.5 * dz * k1.0, dt - 0.5 * dz * k1.1)
                let k3 = rhs(t - 0.5 * dz * k2.0, dt - 0.5 * dz * k2.1), k4 = rhs(t - dz * k3.0, dt - dz * k3.1)
                t -= dz / 6 * (k1.0 + 2 * k2.0 + 2 * k3.0 + k4.0)
                dt -= dz / 6 * (k1.1 + 2 * k2.1 + 2 * k3.1 + k4.1)
                out.append(t)
            }
            return out
        }
        var lo = t0, hi = t0 + 200.0
        for _ in 0..<80 {
            let mid = 0.5 * (lo + hi)
            if integrate(top: mid).last! > t0 { hi = mid } else { lo = mid }
        }
        let profile = Array(integrate(top: 0.5 * (lo + hi)).reversed())   // z = 0 … h
        func value(_ z: Double) -> Double {
            let x = z / dz, i = min(Int(x), steps - 1), f = x - Double(i)
            return (1 - f) * profile[i] + f * profile[i + 1]
        }
        var integral = 0.0
        for i in 0..<steps { integral += 0.5 * dz * (sigma(profile[i]) + sigma(profile[i + 1])) }
        return (heights.map(value), width * e * integral)
    }

    func testUniformSlabAtEffectiveTemperatureMatchesIndependent1DSolution() throws {
        let voltage = 2.0, c = 5e-3, nz = 40
        var problem = slab(voltage: voltage, cellsAlongZ: nz)
        let off = try SteadyStateSolver(problem: problem).solve()
        problem.fieldDrivenSwitching = LinearEffectiveTemperature(kelvinPerVoltPerMeter: c)
        let on = try SteadyStateSolver(problem: problem).solve()
        let e = voltage / length
        let heights = (0..<nz).map { on.grid.center($0 * on.grid.nx * on.grid.ny).2 }
        for (solution, shift) in [(off, 0.0), (on, c * e)] {
            let ref = reference(field: e, shift: shift, at: heights)
            let worst = zip(solution.state.temperature, ref.temperature).map { abs($0 - $1) }.max()!
            XCTAssertLessThan(worst, 5e-3, "max |T − T_1D| (K), shift \(shift) K")
            XCTAssertEqual(solution.current / ref.current, 1, accuracy: 1e-3, "current vs W∫σE dz, shift \(shift) K")
            XCTAssertLessThan(solution.energyBalanceRelativeError, 1e-8)
        }
        // the channel matters: σ at T + cE (cE = 10 K) carries ~18 % more current
        XCTAssertGreaterThan(on.current / off.current, 1.1)
        let switching = try XCTUnwrap(on.fieldSwitching)
        XCTAssertEqual(switching.maxField, e, accuracy: 1e-6 * e)
        XCTAssertEqual(switching.maxExcess, c * e, accuracy: 1e-6)
    }

    func testIdentityChannelChangesNothing() throws {
        var problem = slab(voltage: 2.0, cellsAlongZ: 12)
        let off = try SteadyStateSolver(problem: problem).solve()
        problem.fieldDrivenSwitching = IdentityEffectiveTemperature()
        let on = try SteadyStateSolver(problem: problem).solve()
        let dT = zip(off.state.temperature, on.state.temperature).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(dT, 1e-9)
        XCTAssertEqual(on.current, off.current, accuracy: 1e-12 * off.current)
    }

    func testCellCoefficientsReadTransportAtEffectiveTemperatureAndKappaAtLatticeT() {
        let metal = ConstantTransport(resistivity: 1e-3, seebeck: 5e-6, thermalConductivity: 0.2)
        let material = TwoPhaseMaterial(name: "m", insulator: insulator, metal: metal,
                                        insulatorToMetalTemperature: 400, metalToInsulatorTemperature: 390)
        let cells = CellCoefficients(material: material, metalFraction: [0, 0.25], temperature: [300, 300],
                                     insulatorTransport: [330, 360], metalTransport: [300, 380])
        XCTAssertEqual(cells.conductivity[0], 1 / insulator.resistivity(at: 330), accuracy: 1e-12)
        let sigmaI = 0.75 / insulator.resistivity(at: 360), sigmaM = 0.25 / 1e-3
        XCTAssertEqual(cells.conductivity[1], sigmaI + sigmaM, accuracy: 1e-9)
        XCTAssertEqual(cells.seebeck[1], sigmaM * 5e-6 / (sigmaI + sigmaM), accuracy: 1e-15)
        XCTAssertEqual(cells.thermalConductivity[1], 0.25 * 0.2 + 0.75 * 0.1, accuracy: 1e-15)
        // the switching drive: each phase against its own threshold
        XCTAssertEqual(material.switchingDrive(metalFraction: 0.5, insulatorTemperature: 401, metalTemperature: 420), 1, accuracy: 1e-12)
        XCTAssertEqual(material.switchingDrive(metalFraction: 0.5, insulatorTemperature: 380, metalTemperature: 385), -5, accuracy: 1e-12)
    }
}

/// A channel defined only up to 100 V/m: a run with larger fields must be refused.
struct NarrowEffectiveTemperature: EffectiveTemperatureModel {
    var name: String { "narrow" }
    func effectiveTemperature(phase: Phase, field: Double, temperature: Double) throws -> Double { temperature }
    var fieldRange: ClosedRange<Double> { 0 ... 100 }
}

extension TransportAtEffectiveTemperatureTests {
    func testFieldOutsideTheChannelTableIsRefusedNamingCellFieldAndRange() throws {
        var problem = slab(voltage: 2.0, cellsAlongZ: 4)
        problem.fieldDrivenSwitching = NarrowEffectiveTemperature()
        XCTAssertThrowsError(try SteadyStateSolver(problem: problem).solve()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("cell 0"), message)
            XCTAssertTrue(message.contains("|E| = 2000"), message)
            XCTAssertTrue(message.contains("0.0…100.0 V/m"), message)
        }
    }
}
