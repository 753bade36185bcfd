import ArgumentParser
import Foundation
import SparseLinearAlgebra
import Simulations
import Solvers

/// `filament benchmark`: linear-algebra timings on grids from ~10k to ≥ 200k cells.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Time assembly, symbolic analysis, numeric factorisation and solve (build with -c release).")

    @Option(help: "Comma-separated target cell counts.")
    var sizes: String = "10000,50000,100000,200000"

    @Option(help: "Operators to time: charge, heat or both.")
    var operators: String = "charge,heat"

    @Option(help: "Solvers to time: cholmod, umfpack, multigrid (CG with the aggregation-multigrid preconditioner, to a relative residual of 1e-10).")
    var solvers: String = "cholmod,umfpack"

    @Option(help: "Instead: time the full PH Fig. 2a run (ramp and phase iteration included) on NX,NY,NZ cells, e.g. 100,101,20 (≈ 200k).")
    var fig2: String?

    @Flag(help: "With --fig2: progress on stderr.")
    var verbose = false

    @Flag(help: "With --fig2: then time the linear stability check of the converged state (docs/model.md §7) against the steady solve.")
    var stability = false

    @Flag(help: "With --fig2: one grid with the full drive ramp instead of grid sequencing (ramp on the coarsest of the halved grids, then each finer grid from the one before).")
    var singleGrid = false

    @Option(help: "With --fig2: number of grid levels (default: halve while ≥ 2 cells across z and ≥ 10 along x and y remain).")
    var gridLevels: Int?

    @Option(help: "With --fig2: phase coupling on the levels after the coarsest (alternating, joint, newton, continuation; default: the study's).")
    var refinedCoupling: String?

    @Option(help: "With --fig2 and continuation: width (K) of the smoothed threshold.")
    var transitionWidth: Double = 4

    @Option(help: "With --fig2: hysteresis width T_IMT − T_MIT in K, centred on 360 K (PH: first-order, narrow; with 0 the phase iteration does not converge on 16k cells and more, with 1 K it cycles on 202k cells, see docs/validation.md).")
    var hysteresis: Double = 2

    @Option(help: "With --fig2: inexact Picard steps; a solve stops once its estimated error is below this fraction of the last step (0: every solve exact; docs/model.md §3).")
    var linearSolveForcing: Double = 0.01

    @Option(help: "With --fig2: a settled phase update moves only cells whose violation is ≥ this fraction of the largest (0: every cell beyond tolerance).")
    var phaseUpdateCutoff: Double = 0

    @Option(help: "With --fig2: between phase updates, settle the fields until a step moves T by less than this fraction of the largest threshold violation (solver default 0.02).")
    var phaseSettleFraction: Double = 0.1

    @Option(help: "With --fig2: the largest per-cell gain of a phase update, metal fraction per K of violation (1: a 1 K violation switches a whole cell).")
    var phaseGainLimit: Double = 1

    @Option(help: "With --fig2 and grid sequencing: band continuation, the widening (K per side) of the hysteresis band on the coarse levels, then for each stage of the finest level; the last must be 0 (default 0: none; with a 1 K band 1.5,0.5,0 helps, docs/validation.md).")
    var bandContinuation: String = "0"

    @Option(help: "With --fig2: how the charge and heat systems are solved: multigrid (CG with an aggregation-multigrid preconditioner, CHOLMOD as fallback), factorization (CHOLMOD, reused as the CG preconditioner of later steps) or petsc (PETSc KSP on the ranks of mpirun -n N; docs/cluster.md).")
    var linearSolver: String = "multigrid"

    /// Default grid levels: halve while ≥ 10 cells along x and y and ≥ 2 across z remain (the
    /// ramp is cheapest on the coarsest grid; docs/validation.md, Speed).
    static let coarsestCells = (lateral: 10, z: 2)

    var hysteresisWidenings: [Double] { bandContinuation.split(separator: ",").compactMap { Double($0) } }

    func validate() throws {
        if let refinedCoupling, PhaseCoupling(rawValue: refinedCoupling) == nil { throw ValidationError("--refined-coupling: alternating, joint, newton or continuation (got '\(refinedCoupling)')") }
        guard SymmetricSolverStrategy(rawValue: linearSolver) != nil else { throw ValidationError("--linear-solver: multigrid, factorization or petsc (got '\(linearSolver)')") }
        guard (0..<20).contains(hysteresis) else { throw ValidationError("--hysteresis must lie in [0, 20) K (got \(hysteresis))") }
        guard (0...1).contains(linearSolveForcing) else { throw ValidationError("--linear-solve-forcing must lie in [0, 1] (got \(linearSolveForcing))") }
        guard (0..<1).contains(phaseUpdateCutoff) else { throw ValidationError("--phase-update-cutoff must lie in [0, 1) (got \(phaseUpdateCutoff))") }
        guard phaseSettleFraction > 0 && phaseSettleFraction <= 1 else { throw ValidationError("--phase-settle-fraction must lie in (0, 1] (got \(phaseSettleFraction))") }
        guard phaseGainLimit > 0 && phaseGainLimit <= 1 else { throw ValidationError("--phase-gain-limit must lie in (0, 1] per K (got \(phaseGainLimit))") }
        let widenings = hysteresisWidenings
        guard widenings.count == bandContinuation.split(separator: ",").count, widenings.last == 0,
              widenings.allSatisfy({ (0..<10).contains($0) }), zip(widenings, widenings.dropFirst()).allSatisfy({ $0 > $1 }) else {
            throw ValidationError("--band-continuation takes decreasing widenings in [0, 10) K ending with 0, e.g. 1.5,0.5,0 (got '\(bandContinuation)')")
        }
        guard transitionWidth > 0 else { throw ValidationError("--transition-width must be > 0 K (got \(transitionWidth))") }
        if let gridLevels, !(1...8).contains(gridLevels) { throw ValidationError("--grid-levels must lie in 1...8 (got \(gridLevels))") }
        for s in sizes.split(separator: ",") where Int(s) == nil || Int(s)! < 8 {
            throw ValidationError("--sizes: '\(s)' is not a cell count ≥ 8")
        }
        for s in solvers.split(separator: ",") where DirectSolverKind(rawValue: String(s)) == nil && s != "multigrid" {
            throw ValidationError("--solvers: '\(s)' is not one of cholmod, umfpack, multigrid")
        }
        for s in operators.split(separator: ",") where !["charge", "heat"].contains(String(s)) {
            throw ValidationError("--operators: '\(s)' is not one of charge, heat")
        }
    }

    func run() throws {
        if let fig2 { return try singleGrid ? runFig2(cells: fig2) : runFig2Sequenced(cells: fig2) }
        print("# Filament linear-algebra benchmark (times in s, memory in MiB). METIS ordering, 64-bit indices.")
        print("cells      unknowns   nnz(A)     operator solver   assembly symbolic numeric  solve    repeat(sym/num)   asm/num  nnz(L)     lib-peak  rel.residual")
        for size in sizes.split(separator: ",").compactMap({ Int($0) }) {
            for op in operators.split(separator: ",").map(String.init) {
                for kind in solvers.split(separator: ",").compactMap({ DirectSolverKind(rawValue: String($0)) }) {
                    let r = try OperatorBenchmark.run(targetCells: size, solver: kind, operatorName: op)
                    print(String(format: "%-10d %-10d %-10d %-8@ %-8@ %8.3f %8.3f %8.3f %8.3f %7.3f/%-8.3f %7.1f%% %-10.3g %8.1f  %.1e",
                                 r.cells, r.unknowns, r.nonzeros, op as NSString, kind.rawValue as NSString,
                                 r.assemblySeconds, r.symbolicSeconds, r.numericSeconds, r.solveSeconds,
                                 r.repeatSymbolicSeconds, r.repeatNumericSeconds, 100 * r.assemblyOverNumeric,
                                 r.factorNonzeros, r.libraryPeakBytes / 1_048_576, r.relativeResidual))
                }
            }
        }
        if solvers.split(separator: ",").contains("multigrid") { try runMultigridRows() }
        print(String(format: "# process peak RSS: %.1f MiB", OperatorBenchmark.peakResidentBytes() / 1_048_576))
        print("# 'repeat' = factorisation of the same pattern with new values: the symbolic step is skipped (0 s).")
    }

    /// Multigrid-CG rows: first solve (hierarchy setup included) and a second right-hand side.
    func runMultigridRows() throws {
        print("# multigrid CG to relative residual 1e-10 (times in s)")
        print("cells      unknowns   operator assembly first-solve its  repeat-solve its  rel.residual")
        for size in sizes.split(separator: ",").compactMap({ Int($0) }) {
            for op in operators.split(separator: ",").map(String.init) {
                let r = try OperatorBenchmark.runMultigrid(targetCells: size, operatorName: op)
                print(String(format: "%-10d %-10d %-8@ %8.3f %11.3f %-4d %12.3f %-4d  %.1e", r.cells, r.unknowns, op as NSString,
                             r.assemblySeconds, r.firstSolveSeconds, r.firstIterations, r.repeatSolveSeconds, r.repeatIterations,
                             r.relativeResidual))
            }
        }
    }

    func fig2Study(cells: String) throws -> (study: Fig2Study, cells: GridSequence.Cells) {
        let n = cells.split(separator: ",").compactMap { Int($0) }
        guard n.count == 3, n.allSatisfy({ $0 > 0 }) else { throw ValidationError("--fig2 takes NX,NY,NZ, e.g. 100,101,20") }
        var suite = Fig2Suite()
        suite.cells = (n[0], n[1], n[2])
        guard var study = suite.cases.first(where: { $0.name == "fig2a" })?.study else { throw ValidationError("no fig2a case") }
        let centre = study.film.insulatorToMetalTemperature
        study.film.insulatorToMetalTemperature = centre + hysteresis / 2
        study.film.metalToInsulatorTemperature = centre - hysteresis / 2
        study.film.settings.phaseUpdateCutoff = phaseUpdateCutoff
        study.film.settings.phaseGainLimit = phaseGainLimit
        study.film.settings.phaseSettleFraction = phaseSettleFraction
        study.film.settings.linearSolveForcing = linearSolveForcing
        study.film.settings.symmetricStrategy = SymmetricSolverStrategy(rawValue: linearSolver) ?? .multigrid
        return (study, (n[0], n[1], n[2]))
    }

    func switchingLine(_ study: Fig2Study) -> String {
        let film = study.film
        return String(format: "switching: T_IMT %.2f K, T_MIT %.2f K (hysteresis %g K); linear-solve forcing %g; phase gain limit %g /K; settle fraction %g",
                      film.insulatorToMetalTemperature, film.metalToInsulatorTemperature,
                      film.insulatorToMetalTemperature - film.metalToInsulatorTemperature, film.settings.linearSolveForcing,
                      film.settings.phaseGainLimit, film.settings.phaseSettleFraction)
            + "\nlinear solver: " + (film.settings.symmetricStrategy == .multigrid
                ? "multigrid-preconditioned CG (\(film.settings.symmetricSolver.rawValue) as fallback)"
                : film.settings.symmetricStrategy == .petsc ? ParallelBackend.description
                : "\(film.settings.symmetricSolver.rawValue) factorisation reused as CG preconditioner")
    }

    /// The Fig. 2a solve by grid sequencing: wall time and linear algebra per level.
    func runFig2Sequenced(cells: String) throws {
        var (study, finest) = try fig2Study(cells: cells)
        study.film.settings.transitionWidth = transitionWidth
        let levels = GridSequence.halving(toward: finest, minimumCells: Self.coarsestCells, count: gridLevels)
        let start = Date()
        var outcome = "converged", detail = ""
        var reports: [GridSequence.LevelReport] = []
        var stabilityLine: String?
        do {
            let r = try study.runSequenced(levels: levels, refinedCoupling: refinedCoupling.flatMap(PhaseCoupling.init(rawValue:)),
                                           hysteresisWidenings: hysteresisWidenings, progress: ProgressReporter(quiet: !verbose))
            reports = r.levels
            detail = String(format: "reach from x = 0: %.3f L, from x = L: %.3f L, T̄/T0 %.4f, T̄_top/T0 %.4f",
                            r.result.metalReachFromNegative, r.result.metalReachFromPositive, r.result.meanTemperatureOverT0, r.result.topMeanTemperatureOverT0)
            if stability {
                let solve = Date().timeIntervalSince(start)
                let report = try StabilityAnalysis(solution: r.result.solution).analyse()
                stabilityLine = String(format: "stability check: %.2f s = %.1f %% of the steady solve (%.2f s); ", report.seconds, 100 * report.seconds / solve, solve)
                    + report.sentence + "; " + report.detail
            }
        } catch {
            outcome = "FAILED"
            detail = "\(error)"
        }
        let wall = Date().timeIntervalSince(start)
        print("# Filament Fig. 2a benchmark, grid sequencing (release build expected)")
        print(switchingLine(study))
        print(hysteresisWidenings == [0] ? "band continuation: none (the material's band on every level)"
              : "band continuation: widening " + hysteresisWidenings.map { String(format: "%g", $0) }.joined(separator: " → ") + " K per side (coarse levels, then the stages of the finest)")
        print("cells: \(finest.x * finest.y * finest.z) (\(finest.x)×\(finest.y)×\(finest.z)), levels: \(levels.map { "\($0.x)×\($0.y)×\($0.z)" }.joined(separator: " → ")), outcome: \(outcome)")
        print(String(format: "wall time: %.2f s", wall))
        for r in reports {
            print("level \(r.cells.x)×\(r.cells.y)×\(r.cells.z): " + String(format: "%.2f s", r.seconds)
                + ", \(r.linearSolves) linear solves, \(r.fieldIterations) field iterations, \(r.phaseIterations) phase updates; \(r.linearAlgebra)")
        }
        if let stabilityLine { print(stabilityLine) }
        printMemory(cells: finest.x * finest.y * finest.z)
        print(detail)
        if outcome != "converged" { throw ExitCode.failure }
    }

    /// The whole Fig. 2a solve: wall time, linear solves, factorisations, PCG work, peak RSS.
    func runFig2(cells: String) throws {
        let (study, n) = try fig2Study(cells: cells)
        let start = Date()
        let solver = try study.makeSolver(progress: ProgressReporter(quiet: !verbose))
        let setup = Date().timeIntervalSince(start)
        var outcome = "converged"
        var detail = ""
        do {
            let r = try study.run(progress: ProgressReporter(quiet: !verbose), solver: solver)
            detail = String(format: "reach from x = 0: %.3f L, T̄/T0 %.4f, T̄_top/T0 %.4f, %d field iterations in the last ramp step",
                            r.metalReachFromNegative, r.meanTemperatureOverT0, r.topMeanTemperatureOverT0, r.solution.fieldIterations)
        } catch {
            outcome = "FAILED"
            detail = "\(error)"
        }
        let wall = Date().timeIntervalSince(start)
        print("# Filament Fig. 2a benchmark (release build expected)")
        print(switchingLine(study))
        print("cells: \(n.x * n.y * n.z) (\(n.x)×\(n.y)×\(n.z)), outcome: \(outcome)")
        print(String(format: "wall time: %.2f s (model setup %.2f s)", wall, setup))
        print("linear solves: \(solver.linearSolveCount)")
        print(solver.linearAlgebraSummary)
        for (name, st) in solver.factorizationStatistics.sorted(by: { $0.key < $1.key }) where st.numericCount > 0 {
            print(String(format: "%@: %d symbolic (%.2f s), %d numeric (%.2f s)", name, st.symbolicCount, st.symbolicSeconds, st.numericCount, st.numericSeconds))
        }
        printMemory(cells: n.x * n.y * n.z)
        print(detail)
    }

    /// Peak resident memory of this process and, under MPI, summed over the ranks, per cell.
    func printMemory(cells: Int) {
        let own = OperatorBenchmark.peakResidentBytes()
        let total = ParallelBackend.sumOverRanks(own)
        print(String(format: "process peak RSS: %.1f MiB; summed over %d rank(s): %.1f MiB = %.0f bytes per cell",
                     own / 1_048_576, ParallelBackend.size, total / 1_048_576, total / Double(cells)))
    }
}
