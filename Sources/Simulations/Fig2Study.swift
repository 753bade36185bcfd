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
        solver.progress = { progress.detail($0) }
        return solver
    }

    public func run(progress: ProgressReporter, solver given: SteadyStateSolver? = nil) throws -> Result {
        let f = configuredFilm
        let solver = try given ?? makeSolver(progress: progress)
        return result(of: try DriveRamp(steps: rampSteps, progress: progress).solve(solver), film: f)
    }

    /// What the paper reports about a converged film.
    func result(of solution: SteadySolution, film f: FilmStudy) -> Result {
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

extension Fig2Study {
    /// PH's Fig. 2a caption marks its phase boundary as a *trial* boundary. This map stands in
    /// for it: the metal fills every point within `reach` (m) of the negative electrode's line
    /// segment (0 ≤ x ≤ 0.1 L, y = W/2 on the top surface), so that on the top row it ends at
    /// x = 0.1 L + reach (0.3 L for reach = 0.2 L = h: full depth at the electrode). Cell
    /// fractions come from 4×4×4 sub-samples. The shape below the surface is an assumption:
    /// PH do not give it.
    public func trialMetalFraction(reach: Double) -> [Double] {
        let f = configuredFilm
        let g = f.grid
        let negativeAtLowerX = polarity > 0
        let y0 = 0.5 * f.width, top = f.thickness
        let segment = negativeAtLowerX ? (0.0...(0.1 * f.length)) : ((0.9 * f.length)...f.length)
        let samples = 4
        return (0..<g.cellCount).map { c in
            let (i, j, k) = g.ijk(c)
            var inside = 0
            for a in 0..<samples { for b in 0..<samples { for e in 0..<samples {
                let x = g.x.edges[i] + (Double(a) + 0.5) / Double(samples) * g.x.width(i)
                let y = g.y.edges[j] + (Double(b) + 0.5) / Double(samples) * g.y.width(j)
                let z = g.z.edges[k] + (Double(e) + 0.5) / Double(samples) * g.z.width(k)
                let dx = x < segment.lowerBound ? segment.lowerBound - x : (x > segment.upperBound ? x - segment.upperBound : 0)
                let distance = (dx * dx + (y - y0) * (y - y0) + (top - z) * (top - z)).squareRoot()
                if distance < reach { inside += 1 }
            } } }
            return Double(inside) / Double(samples * samples * samples)
        }
    }

    /// The fields for a prescribed (frozen) metal map, PH's "trial phase boundary" procedure.
    /// `maxThresholdViolation` of the result measures how far the map is from self-consistent.
    public func runTrialBoundary(reach: Double, progress: ProgressReporter) throws -> Result {
        var f = configuredFilm
        f.settings.frozenPhases = true
        let problem = f.problem(current: current)
        let solver = try SteadyStateSolver(problem: problem)
        solver.progress = { progress.detail($0) }
        var initial = ElectrothermalState(problem: problem)
        initial.metalFraction = trialMetalFraction(reach: reach)
        return result(of: try solver.solve(from: initial), film: f)
    }

    /// Along the top row at y = W/2: the largest x/L (from the negative end) up to which the
    /// top-surface temperature stays ≥ `threshold`: where a T > T_MIT criterion puts the metal
    /// for the given fields.
    public static func hotReach(_ s: SteadySolution, threshold: Double, fromLowerX: Bool = true) -> Double {
        let g = s.grid
        let j = g.ny / 2, k = g.nz - 1
        var reach = 0.0
        let order = fromLowerX ? Array(0..<g.nx) : Array((0..<g.nx).reversed())
        for i in order {
            guard s.state.temperature[g.index(i, j, k)] >= threshold else { break }
            reach = fromLowerX ? g.x.edges[i + 1] / g.x.length : 1 - g.x.edges[i] / g.x.length
        }
        return reach
    }
}

extension Fig2Study {
    /// One row of a quasi-static current scan.
    public struct ScanPoint: Sendable {
        public var currentRatio: Double
        public var result: Result
    }

    /// Steady states at `ratios` × the study's current with the material held fixed (ΔS set
    /// at the full current), each from the previous one: how reach and mean temperatures grow
    /// with I. Stops at the first ratio that does not converge (returned as `failedAt`).
    public func currentScan(ratios: [Double], progress: ProgressReporter) throws -> (points: [ScanPoint], failedAt: Double?) {
        let f = configuredFilm
        let solver = try makeSolver(progress: progress)
        let full = solver.electrodes.map(\.drive)
        var state: ElectrothermalState?
        var points: [ScanPoint] = []
        for ratio in ratios {
            try solver.setDrives(full.map { $0.scaled(by: ratio) })
            guard let s = try? solver.solve(from: state) else { return (points, ratio) }
            progress.report(String(format: "scan: I = %.3f I_a, metal fraction %.4f", ratio, s.metalFraction))
            state = s.state
            points.append(ScanPoint(currentRatio: ratio, result: result(of: s, film: f)))
        }
        return (points, nil)
    }
}

extension Fig2Study {
    /// The study solved by grid sequencing over `levels` (coarsest first; the ramp runs on the
    /// coarsest): the result on the finest grid and what each level cost. `refinedCoupling`
    /// replaces the study's phase coupling on every level after the first;
    /// `hysteresisWidenings` is the band continuation of `GridSequence`.
    public func runSequenced(levels: [GridSequence.Cells], refinedCoupling: PhaseCoupling? = nil, hysteresisWidenings: [Double] = [0],
                             progress: ProgressReporter) throws -> (result: Result, levels: [GridSequence.LevelReport]) {
        var sequence = GridSequence(levels: levels, rampSteps: rampSteps, progress: progress)
        sequence.hysteresisWidenings = hysteresisWidenings
        let (solution, reports) = try sequence.solve { cells, level in
            var study = self
            study.film.cells = cells
            if level > 0, let refinedCoupling { study.film.settings.phaseCoupling = refinedCoupling }
            return try study.makeSolver(progress: progress)
        }
        return (result(of: solution, film: configuredFilm), reports)
    }
}
