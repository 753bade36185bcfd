import Foundation
import Mesh
import Materials
import Discretization
import Solvers

/// The regime of PH Eqs. 13–14: a thin film (h ≪ L ≪ W) with a point-like electrode where the
/// current converges radially, Peltier heat dominant. The simulated domain is the quarter
/// x ∈ [0, L], y ∈ [0, L] around the electrode at the corner (the face y = 0 is the mirror plane
/// y = W/2 of PH's half-disk: no current, no heat crosses it), so the film carries the total
/// current I_total = 2 I_domain through a half-disk of angle π: j = I_total/(π h r) as in PH.
/// The electrode (a small square patch on the top surface) is grounded and the current enters
/// through the whole face x = L, so current flows from insulator into metal around the
/// electrode: the negative electrode of PH. With `axisymmetric` the same film is solved as the
/// (r, z) problem on a cylindrical wedge grid instead (disk electrode, current entering at r = L).
public struct CriticalRadiusStudy: Sendable {
    public var thickness = 2e-5
    public var length = 1e-3
    public var electrodeSize = 2e-5
    /// 0.1 Ω·cm: Joule/Peltier ≈ (ΔT/T)(r_c/h)/(2 ZT) stays ≲ 0.25 with ZT_I = T S_I²/(ρ_I κ) ≈ 3.6
    public var insulatorResistivity = 1e-3
    public var resistivityRatio = 0.1
    public var thermalConductivity = 0.1
    public var insulatorSeebeck = 1e-3
    public var substrateTemperature = 300.0
    public var switchingTemperature = 305.0
    /// T_IMT − T_MIT (K): T_IMT = switchingTemperature, T_MIT below it by this much.
    public var hysteresisWidth = 1.0
    public var lateralCells = 48
    public var verticalCells = 6
    public var lateralGrading = 1.06
    public var rampSteps = 8
    public var settings = SolverSettings()

    public init() {}

    public var material: TwoPhaseMaterial {
        TwoPhaseMaterial(name: "Peltier-dominated film",
                         insulator: ConstantTransport(resistivity: insulatorResistivity, seebeck: insulatorSeebeck, thermalConductivity: thermalConductivity),
                         metal: ConstantTransport(resistivity: insulatorResistivity * resistivityRatio, seebeck: 0, thermalConductivity: thermalConductivity),
                         insulatorToMetalTemperature: switchingTemperature, metalToInsulatorTemperature: switchingTemperature - hysteresisWidth)
    }

    /// The axisymmetric film as `validate rc` runs it by default: 96 radial × 8 vertical cells, a
    /// 16-step ramp, phase updates restricted to the cells with at least half the largest
    /// violation, up to 3000 field iterations (docs/validation.md §4).
    public static func axisymmetricFilm() -> CriticalRadiusStudy {
        var study = CriticalRadiusStudy()
        study.axisymmetric = true
        study.lateralCells = 96
        study.verticalCells = 8
        study.rampSteps = 16
        study.settings.phaseUpdateCutoff = 0.5
        study.settings.maxFieldIterations = 3000
        return study
    }

    /// Solve the (r, z) problem on an axisymmetric wedge instead of the 3D quarter: the electrode
    /// is a disk of radius `electrodeSize`, the current enters through the cylinder r = L, and the
    /// wedge of angle π/2 carries I_total/2 as the quarter does (j = I_total/(π h r)).
    public var axisymmetric = false

    public func problem(totalCurrent: Double) -> ElectrothermalProblem {
        let lateral = AxisSpacing.graded(length: length, cells: lateralCells, ratio: lateralGrading, toward: .lower)
        let depth = AxisSpacing.uniform(length: thickness, cells: verticalCells)
        let grid = axisymmetric
            ? RectilinearGrid(x: lateral, y: .uniform(length: Double.pi / 2, cells: 1), z: depth, coordinates: .cylindrical)
            : RectilinearGrid(x: lateral, y: lateral, z: depth)
        let contact = axisymmetric ? FacePatch(face: .zMax, uRange: 0...electrodeSize, vRange: 0...(Double.pi / 2))
            : FacePatch(face: .zMax, uRange: 0...electrodeSize, vRange: 0...electrodeSize)
        let electrodes = [
            Electrode(name: "point", patch: contact, drive: .potential(0)),
            Electrode(name: "far", patch: .whole(.xMax), seebeck: insulatorSeebeck, drive: .current(abs(totalCurrent) / 2)),
        ]
        let substrate = ThermalBoundary(name: "substrate", patch: .whole(.zMin), condition: .fixedTemperature(substrateTemperature))
        return ElectrothermalProblem(grid: grid, material: material, thermalBoundaries: [substrate], electrodes: electrodes,
                                     initialTemperature: substrateTemperature, settings: settings)
    }

    /// The uniform-film closed forms of the same film (j_cr of PH Eq. 9 for the regime check).
    public var closedForms: SlabClosedForms {
        SlabClosedForms(insulatorResistivity: insulatorResistivity, metalResistivity: insulatorResistivity * resistivityRatio,
                        thermalConductivity: thermalConductivity, thickness: thickness,
                        substrateTemperature: substrateTemperature, switchingTemperature: switchingTemperature)
    }

    public func ode(totalCurrent: Double, form: PeltierInterfaceODE.Form = .peltierOnly) -> PeltierInterfaceODE {
        var ode = PeltierInterfaceODE(thickness: thickness, resistivityRatio: resistivityRatio, thermalConductivity: thermalConductivity,
                                      switchingTemperature: switchingTemperature, substrateTemperature: substrateTemperature,
                                      seebeckJump: insulatorSeebeck, current: totalCurrent)
        ode.form = form
        ode.insulatorResistivity = insulatorResistivity
        return ode
    }

    public struct Run: Sendable {
        public var totalCurrent: Double
        /// Metal depth d = Σ φ Δz along the row next to the mirror plane, at column centres x (m).
        public var profile: [(r: Double, d: Double)]
        public var criticalRadius: Double
        public var jouleOverPeltier: Double
        public var energyError: Double
        /// How the steady state was reached: "ramp" or "time relaxation" (current switched on at t = 0).
        public var path: String
    }

    /// Grid levels: with `gridLevels` > 1 the ramp runs on a grid with the cell counts halved
    /// (`gridLevels` − 1 times) and each finer grid starts from the coarser solution (`GridSequence`).
    public var gridLevels = 1
    /// Phase coupling of the levels after the coarsest (nil: `settings.phaseCoupling`).
    public var refinedCoupling: PhaseCoupling?
    /// When the ramp finds no steady state, switch the current on at t = 0 and integrate in time
    /// to the steady state instead (`TimeRelaxation`).
    public var timeRelaxationFallback = false

    public func run(totalCurrent: Double, progress: ProgressReporter) throws -> Run {
        let levels = GridSequence.halving(toward: (lateralCells, lateralCells, verticalCells), count: gridLevels)
            .map { axisymmetric ? ($0.x, 1, $0.z) : $0 }
        let s: SteadySolution
        var path = "ramp"
        do {
            s = try GridSequence(levels: levels, rampSteps: rampSteps, progress: progress).solve { cells, n in
                var level = self
                level.lateralCells = cells.x
                level.verticalCells = cells.z
                if n > 0, let refinedCoupling { level.settings.phaseCoupling = refinedCoupling }
                let solver = try SteadyStateSolver(problem: level.problem(totalCurrent: totalCurrent))
                solver.progress = { progress.detail($0) }
                return solver
            }.solution
        } catch where timeRelaxationFallback {
            progress.report("ramp failed (\(error)); switching the current on at t = 0 and relaxing in time")
            s = try TimeRelaxation(progress: progress).solve(problem(totalCurrent: totalCurrent))
            path = "time relaxation"
        }
        let g = s.grid
        var profile: [(r: Double, d: Double)] = []
        for i in 0..<g.nx {
            var d = 0.0
            for k in 0..<g.nz { d += s.state.metalFraction[g.index(i, 0, k)] * g.z.width(k) }
            profile.append((g.x.center(i), d))
        }
        let joule = s.fluxes.jouleHeat.reduce(0, +)
        let peltier = s.fluxes.peltierHeat.filter { $0 > 0 }.reduce(0, +)
        return Run(totalCurrent: totalCurrent, profile: profile, criticalRadius: Self.zeroCrossing(profile),
                   jouleOverPeltier: joule / peltier, energyError: s.energyBalanceRelativeError, path: path)
    }

    /// Where d(r) reaches zero: linear extrapolation through the last two columns with d > 0.
    public static func zeroCrossing(_ p: [(r: Double, d: Double)]) -> Double {
        guard let last = p.lastIndex(where: { $0.d > 0 }) else { return 0 }
        guard last > 0 else { return p[0].r }
        let (r1, d1) = p[last - 1], (r2, d2) = p[last]
        guard d1 > d2 else { return r2 }
        return r2 + d2 * (r2 - r1) / (d1 - d2)
    }

    /// Least-squares fit of log r_c = log A + p log I.
    public static func powerLawFit(_ points: [(current: Double, radius: Double)]) -> (exponent: Double, prefactor: Double) {
        let x = points.map { log($0.current) }, y = points.map { log($0.radius) }
        let n = Double(points.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for i in 0..<points.count { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx) }
        let p = sxy / sxx
        return (p, exp(my - p * mx))
    }
}
