import Foundation
import Mesh
import Materials
import Solvers

/// PH Fig. 2: the Ca2RuO4 film with two electrodes on the top surface, specified by PH's
/// dimensionless groups. Reports what the paper reports (where the metal forms and how far
/// it reaches along the top surface at y = W/2, mean and top-surface mean temperatures).
public struct Fig2Study: Sendable {
    public var film = FilmStudy()
    /// ρ_I I²/(κ L² T0) (PH Fig. 2: 0.2).
    public var jouleStrength = 0.2
    /// I ΔS/(κ L) (PH Fig. 2a: −0.2; 2c: −0.02). Sets ΔS = S_I − S_M for the current above.
    public var peltierStrength = -0.2
    /// Current sign: +1 enters at the electrode near x = L (PH's polarity), −1 reversed.
    public var polarity = 1.0
    public var rampSteps = 8

    public init() {}

    public var current: Double { polarity * film.current(jouleStrength: jouleStrength) }

    public var configuredFilm: FilmStudy {
        var f = film
        f.insulatorSeebeck = f.metalSeebeck + abs(peltierStrength) * f.thermalConductivity * f.length / abs(current)
        return f
    }

    public struct Result: Sendable {
        public var solution: SteadySolution
        /// Largest x/L of metal on the top surface at y = W/2 measured from each end, and
        /// whether metal touches each electrode region.
        public var metalReachFromNegative: Double
        public var metalReachFromPositive: Double
        public var meanTemperatureOverT0: Double
        public var topMeanTemperatureOverT0: Double
        public var insulatorSeebeck: Double
    }

    public func makeSolver(progress: ProgressReporter) throws -> SteadyStateSolver {
        let solver = try SteadyStateSolver(problem: configuredFilm.problem(current: current))
        solver.progress = { progress.report($0) }
        return solver
    }

    public func run(progress: ProgressReporter, solver given: SteadyStateSolver? = nil) throws -> Result {
        let f = configuredFilm
        let solver = try given ?? makeSolver(progress: progress)
        let solution = try DriveRamp(steps: rampSteps, progress: progress).solve(solver)
        let (fromNeg, fromPos) = Self.metalReach(solution)
        return Result(solution: solution, metalReachFromNegative: fromNeg, metalReachFromPositive: fromPos,
                      meanTemperatureOverT0: solution.meanTemperature / f.substrateTemperature,
                      topMeanTemperatureOverT0: solution.meanSurfaceTemperature(on: .zMax) / f.substrateTemperature,
                      insulatorSeebeck: f.insulatorSeebeck)
    }

    /// Metal extent along the top row at y = W/2: from x = 0 (negative electrode for I > 0)
    /// the largest x/L up to which the top cells are metallic (φ ≥ 0.5), and likewise from x = L.
    public static func metalReach(_ s: SteadySolution) -> (fromLower: Double, fromUpper: Double) {
        let g = s.grid
        let j = g.ny / 2, k = g.nz - 1
        let metal = (0..<g.nx).map { s.state.metalFraction[g.index($0, j, k)] >= 0.5 }
        var lower = 0.0, upper = 0.0
        for i in 0..<g.nx { if metal[i] { lower = g.x.edges[i + 1] / g.x.length } else { break } }
        for i in stride(from: g.nx - 1, through: 0, by: -1) { if metal[i] { upper = 1 - g.x.edges[i] / g.x.length } else { break } }
        return (lower, upper)
    }

    /// Map of one z layer of the metal fraction as text rows (y from W down to 0):
    /// M metal, m partial, . insulator; + / − a cell that wants to gain / lose metal.
    public static func layerMap(_ state: ElectrothermalState, grid g: RectilinearGrid, material: TwoPhaseMaterial, layer k: Int) -> [String] {
        stride(from: g.ny - 1, through: 0, by: -1).map { j in
            String((0..<g.nx).map { i -> Character in
                let c = g.index(i, j, k)
                let phi = state.metalFraction[c]
                let v = material.switchingDrive(metalFraction: phi, at: state.temperature[c])
                if abs(v) > 0.05 { return v > 0 ? "+" : "-" }
                return phi >= 0.999 ? "M" : (phi > 0.001 ? "m" : ".")
            })
        }
    }

    public static func topMap(_ s: SteadySolution) -> [String] {
        layerMap(s.state, grid: s.grid, material: s.model.problem.material, layer: s.grid.nz - 1)
    }
}
