import Foundation
import Mesh
import Solvers

/// Grid sequencing (nested iteration) for a steady solve.
///
/// The phase boundary of a Peltier-driven film creeps: every cell that turns metallic heats
/// the next one, so the alternating phase iteration moves the front about one cell per phase
/// update and the number of updates grows with the resolution. Here the drive ramp runs on
/// the coarsest grid only; each finer grid starts at full drive from the previous solution
/// (temperature and potential interpolated, metal fraction injected, `GridTransfer`), so the
/// front only has to move by about one coarse cell.
///
/// Band continuation (`hysteresisWidenings`, alternating coupling only): the coarse levels and the
/// ramp run with the hysteresis band widened by the first entry on each side, where the
/// phase iteration settles quickly; the finest level then narrows the band entry by entry,
/// each stage starting from the last, down to the last entry (0: the material's own band).
/// Cells that a narrower band puts out of bounds start only (w_old − w_new) beyond their
/// threshold, so each stage moves the interface a little instead of re-deciding it.
public struct GridSequence: Sendable {
    public typealias Cells = (x: Int, y: Int, z: Int)
    /// From coarsest to finest.
    public var levels: [Cells]
    public var rampSteps: Int
    public var progress: ProgressReporter
    /// Band widening (K per side) of the coarse levels and of each stage of the finest one.
    public var hysteresisWidenings: [Double] = [0]

    public init(levels: [Cells], rampSteps: Int, progress: ProgressReporter) {
        self.levels = levels
        self.rampSteps = rampSteps
        self.progress = progress
    }

    /// Halves the cell counts of `finest` while every halved axis keeps ≥ `minimumCells.z`
    /// cells across z and ≥ `minimumCells.lateral` along x and y; an odd count stays odd (so a
    /// centre row stays a centre row).
    /// With `count`, exactly that many levels (fewer where an axis would drop below 2 cells).
    public static func halving(toward finest: Cells, minimumCells: (lateral: Int, z: Int) = (16, 4), count: Int? = nil) -> [Cells] {
        func half(_ n: Int) -> Int { n % 2 == 1 ? (n / 2) | 1 : n / 2 }
        let minimum: (lateral: Int, z: Int) = count == nil ? minimumCells : (2, 2)
        var levels = [finest]
        while let c = levels.first, levels.count < (count ?? Int.max),
              half(c.z) >= minimum.z, half(c.x) >= minimum.lateral, half(c.y) >= minimum.lateral {
            levels.insert((half(c.x), half(c.y), half(c.z)), at: 0)
        }
        return levels
    }

    /// What one level cost.
    public struct LevelReport: Sendable {
        public var cells: Cells
        public var seconds: Double
        public var linearSolves: Int
        public var fieldIterations: Int
        public var phaseIterations: Int
        public var linearAlgebra: String
    }

    /// Solves every level in turn; `makeSolver` builds the solver of one level's grid (the
    /// second argument is the level, 0 the coarsest).
    /// `onRampStep` sees the ramp's states on the coarsest grid (`DriveRamp.solve`).
    public func solve(makeSolver: (Cells, Int) throws -> SteadyStateSolver,
                      onRampStep: (Double, SteadySolution) throws -> Void = { _, _ in }) throws -> (solution: SteadySolution, levels: [LevelReport]) {
        var previous: SteadySolution?
        var reports: [LevelReport] = []
        for (n, cells) in levels.enumerated() {
            let start = Date()
            let solver = try makeSolver(cells, n)
            progress.report("grid level \(n + 1)/\(levels.count): \(cells.x)×\(cells.y)×\(cells.z) cells")
            solver.hysteresisWidening = hysteresisWidenings.first ?? 0
            var solution: SteadySolution
            if let previous {
                let transfer = GridTransfer(from: previous.grid, to: solver.model.grid)
                solution = try solver.solve(from: previous.state.transferred(by: transfer))
            } else {
                solution = try DriveRamp(steps: rampSteps, progress: progress).solve(solver, onStep: onRampStep)
            }
            var fieldIterations = solution.fieldIterations, phaseIterations = solution.phaseIterations
            if n == levels.count - 1, solver.model.problem.settings.phaseCoupling == .alternating {
                for widening in hysteresisWidenings.dropFirst() {
                    progress.report(String(format: "  band stage: widening %g K per side", widening))
                    solver.hysteresisWidening = widening
                    solution = try solver.solve(from: solution.state)
                    fieldIterations += solution.fieldIterations
                    phaseIterations += solution.phaseIterations
                }
            }
            reports.append(LevelReport(cells: cells, seconds: Date().timeIntervalSince(start), linearSolves: solver.linearSolveCount,
                                       fieldIterations: fieldIterations, phaseIterations: phaseIterations,
                                       linearAlgebra: solver.linearAlgebraSummary))
            previous = solution
        }
        return (previous!, reports)
    }
}
