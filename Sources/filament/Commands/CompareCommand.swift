import ArgumentParser
import Foundation
import IO
import Materials
import Mesh
import Discretization
import Simulations
import Solvers

/// `filament compare FILE`: solve, then set the numbers beside PH's closed forms where the
/// geometry is in their regime, and say so when it is not.
///
/// - Slab (whole x_min / x_max faces as electrodes, substrate z_min at T0, other faces
///   adiabatic): Eq. 8 top temperature below j_cr, Eq. 9 j_cr, Eq. 11 metal-layer thickness d.
/// - Electrodes on the top surface: Eq. 14 critical radius r_c of the metal around the
///   negative electrode (regime h ≪ L ≪ W, Peltier-dominated), beside the metallic top area's
///   equal-area radii.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Solve and compare with the closed forms of PH (Eqs. 8, 9, 11 for a slab; Eq. 14 for point electrodes).")

    @Argument(help: "Geometry file (TOML).")
    var file: String

    @OptionGroup var options: CaseOptions

    func run() throws {
        let device = try reportingErrors { try options.load(file) }
        let p = device.problem
        guard let insulator = p.material.insulator as? ConstantTransport,
              let metal = p.material.metal as? ConstantTransport else {
            print("\(device.file): the closed forms need constant transport coefficients; this material is not constant — out of regime")
            return
        }
        let solution = try reportingErrors { try options.solve(device, file: file) }
        var table = ComparisonTable(title: "\(device.file): solver vs PH closed forms")
        let t0 = p.thermalBoundaries.compactMap { b -> Double? in
            if case let .fixedTemperature(t) = b.condition, b.patch.face == .zMin { return t }
            return nil
        }.first ?? p.initialTemperature
        let kappa = insulator.thermalConductivityWattPerMeterKelvin
        let h = device.filmThickness, L = device.length, W = device.width
        let deltaS = insulator.seebeckVoltPerKelvin - metal.seebeckVoltPerKelvin
        let current = solution.current
        table.note(String(format: "groups: ρ_I I²/(κ L² T0) = %.4g, I ΔS/(κ L) = %.4g (I = %.4g A, h/L = %.3g, W/L = %.3g)",
                          insulator.resistivityOhmMeter * current * current / (kappa * L * L * t0),
                          -current * deltaS / (kappa * L), current, h / L, W / L))
        if p.material.insulatorToMetalTemperature != p.material.metalToInsulatorTemperature {
            table.note("T_IMT ≠ T_MIT: the closed forms have one switching temperature; T_MIT is used")
        }
        if isSlab(p) {
            compareSlab(solution, device: device, insulator: insulator, metal: metal, t0: t0, deltaS: deltaS, into: &table)
        } else if p.electrodes.allSatisfy({ $0.patch.face == .zMax }) {
            comparePoint(solution, device: device, kappa: kappa, t0: t0, deltaS: deltaS, into: &table)
        } else {
            table.note("geometry is neither a uniform-current slab nor a film with top electrodes: no closed form applies (out of regime)")
        }
        print(table.rendered())
    }

    /// Whole-face electrodes on x_min and x_max, z_min at a fixed temperature, no substrate.
    func isSlab(_ p: ElectrothermalProblem) -> Bool {
        let faces = Set(p.electrodes.map(\.patch.face))
        let whole = p.electrodes.allSatisfy { $0.patch.uRange == nil && $0.patch.vRange == nil }
        let sinks = p.thermalBoundaries.filter { $0.condition != .adiabatic }
        let substrateSink = sinks.count == 1 && sinks[0].patch == .whole(.zMin)
        if case .fixedTemperature = sinks.first?.condition {} else { return false }
        return p.electrodes.count == 2 && faces == [.xMin, .xMax] && whole && substrateSink && p.substrate == nil
    }

    func compareSlab(_ s: SteadySolution, device: DeviceCase, insulator: ConstantTransport, metal: ConstantTransport,
                     t0: Double, deltaS: Double, into table: inout ComparisonTable) {
        let h = device.filmThickness
        let forms = SlabClosedForms(insulatorResistivity: insulator.resistivityOhmMeter, metalResistivity: metal.resistivityOhmMeter,
                                    thermalConductivity: insulator.thermalConductivityWattPerMeterKelvin, thickness: h,
                                    substrateTemperature: t0, switchingTemperature: device.problem.material.metalToInsulatorTemperature)
        let j0 = s.current / (device.width * h)
        table.note(String(format: "regime: uniform-current slab (PH Fig. 1), j0 = I/(W h) = %.5g A/m²", j0))
        if insulator.thermalConductivityWattPerMeterKelvin != metal.thermalConductivityWattPerMeterKelvin {
            table.note("κ_M ≠ κ_I: Eqs. 10–11 assume one κ (κ_I used)")
        }
        if deltaS != 0 { table.note("S_I ≠ S_M: Eqs. 8–11 leave out Peltier heat at the interface") }
        let jcr = forms.criticalCurrentDensity
        table.row("Eq. 9 j_cr [A/m^2]", solver: nil, closed: jcr, remark: String(format: "j0/j_cr = %.4f", j0 / jcr))
        let topSolver = s.meanSurfaceTemperature(on: .zMax)
        if j0 < jcr {
            let topClosed = forms.insulatingTemperature(depth: 0, currentDensity: j0)
            table.row("Eq. 8 T(top) [K]", solver: topSolver, closed: topClosed, remark: "all insulating")
            var worst = 0.0
            for c in 0..<s.grid.cellCount {
                let z = s.grid.center(c).2
                worst = max(worst, abs(s.state.temperature[c] - forms.insulatingTemperature(depth: h - z, currentDensity: j0)))
            }
            table.row("Eq. 8 max |T − T_Eq8| [K]", solver: worst, closed: 0, remark: "over all cell centres")
            table.row("metal fraction [1]", solver: s.metalFraction, closed: 0, remark: "below j_cr")
        } else {
            table.row("Eq. 11 d [m]", solver: s.metalFraction * h, closed: forms.metalLayerThickness(currentDensity: j0),
                      remark: "solver: metallic volume / (L W)")
            table.row("Eq. 11 d/h [1]", solver: s.metalFraction, closed: forms.metalLayerThickness(currentDensity: j0) / h, remark: "")
        }
    }

    func comparePoint(_ s: SteadySolution, device: DeviceCase, kappa: Double, t0: Double, deltaS: Double,
                      into table: inout ComparisonTable) {
        let h = device.filmThickness, L = device.length, W = device.width
        let tMIT = device.problem.material.metalToInsulatorTemperature
        var reasons: [String] = []
        if h / L > 0.1 { reasons.append(String(format: "h/L = %.3g is not ≪ 1", h / L)) }
        if W / L < 3 { reasons.append(String(format: "W/L = %.3g is not ≫ 1", W / L)) }
        table.note(reasons.isEmpty ? "regime: point electrodes on the top surface with h ≪ L ≪ W (PH Eq. 14)"
                   : "out of regime for Eq. 14 (\(reasons.joined(separator: ", "))): an order-of-magnitude estimate only")
        let rc = peltierCriticalRadius(thickness: h, switchingTemperature: tMIT, current: s.current, seebeckJump: deltaS,
                                       thermalConductivity: kappa, deltaT: tMIT - t0)
        // Metallic area of the top surface (top-layer cells weighted by their metal fraction).
        let grid = s.grid
        var area = 0.0, extent = 0.0
        let k = grid.nz - 1
        for j in 0..<grid.ny {
            for i in 0..<grid.nx {
                let phi = s.state.metalFraction[grid.index(i, j, k)]
                area += phi * grid.x.width(i) * grid.y.width(j)
            }
        }
        let jMid = grid.ny / 2
        for i in 0..<grid.nx where s.state.metalFraction[grid.index(i, jMid, k)] >= 0.5 { extent = max(extent, grid.x.edges[i + 1]) }
        table.row("Eq. 14 r_c [m]", solver: nil, closed: rc, remark: "Peltier only, ΔS = S_I − S_M")
        table.row("metal top area [m^2]", solver: area, closed: nil, remark: "")
        table.row("equal-area disk radius [m]", solver: (area / Double.pi).squareRoot(), closed: rc, remark: "√(A/π)")
        table.row("equal-area half-disk radius [m]", solver: (2 * area / Double.pi).squareRoot(), closed: rc, remark: "√(2A/π), electrode at an edge")
        table.row("metal extent along x at y=W/2 [m]", solver: extent, closed: nil, remark: "from x = 0")
        table.row("metal fraction [1]", solver: s.metalFraction, closed: nil, remark: "")
    }
}

/// A plain-text table: quantity, solver, closed form, relative difference, remark.
struct ComparisonTable {
    var title: String
    var notes: [String] = []
    var rows: [[String]] = []

    init(title: String) { self.title = title }

    mutating func note(_ text: String) { notes.append(text) }

    mutating func row(_ name: String, solver: Double?, closed: Double?, remark: String) {
        func f(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "—" }
        var difference = "—"
        if let a = solver, let b = closed, b != 0 { difference = String(format: "%+.2f %%", 100 * (a - b) / abs(b)) }
        rows.append([name, f(solver), f(closed), difference, remark])
    }

    func rendered() -> String {
        let header = ["quantity", "solver", "closed form", "difference", "remark"]
        let all = [header] + rows
        let widths = (0..<header.count).map { c in all.map { $0[c].count }.max()! }
        func line(_ r: [String]) -> String {
            zip(r, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        var out = title + "\n" + notes.map { "  " + $0 + "\n" }.joined()
        out += line(header) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        out += rows.map(line).joined(separator: "\n")
        return out
    }
}
