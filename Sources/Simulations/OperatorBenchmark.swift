import Foundation
import Mesh
import Materials
import Discretization
import SparseLinearAlgebra
import Solvers

/// Timings of the linear-algebra pipeline on one grid, for the benchmark command.
public struct OperatorBenchmarkResult: Sendable {
    public var cells: Int
    public var unknowns: Int
    public var nonzeros: Int
    public var solver: DirectSolverKind
    public var operatorName: String
    /// Swift-side assembly: coefficients, face quantities, matrix values and right-hand side (s).
    public var assemblySeconds: Double
    public var symbolicSeconds: Double
    public var numericSeconds: Double
    public var solveSeconds: Double
    /// A second factorisation with changed values and the same pattern.
    public var repeatSymbolicSeconds: Double
    public var repeatNumericSeconds: Double
    public var symbolicCount: Int
    public var factorNonzeros: Double
    public var libraryPeakBytes: Double
    public var relativeResidual: Double

    public var assemblyOverNumeric: Double { assemblySeconds / numericSeconds }
}

/// Times assembly, symbolic analysis, numeric factorisation and solve of the charge and heat
/// operators of the PH Fig. 2 film on a grid of about `targetCells` cells.
public enum OperatorBenchmark {
    public static func grid(targetCells: Int) -> RectilinearGrid {
        // L : W : h = 1 : 1 : 0.2 with cubic cells: nx = ny = 5 nz, N = 25 nz³
        let nz3 = max(2, Int(pow(Double(targetCells) / 25, 1.0 / 3).rounded()))
        let nx = 5 * nz3
        return RectilinearGrid(x: .uniform(length: 1e-3, cells: nx), y: .uniform(length: 1e-3, cells: nx),
                               z: .uniform(length: 2e-4, cells: nz3))
    }

    public static func run(targetCells: Int, solver kind: DirectSolverKind, operatorName: String) throws -> OperatorBenchmarkResult {
        let (g, matrix, rhs, assembly) = try system(targetCells: targetCells, operatorName: operatorName)
        let factorization = kind.makeFactorization()
        try factorization.factorize(matrix)
        let first = factorization.statistics
        let x = try factorization.solve(rhs)

        var changed = matrix
        for s in 0..<changed.values.count { changed.values[s] *= 1.5 }
        try factorization.factorize(changed)
        let second = factorization.statistics
        return OperatorBenchmarkResult(
            cells: g.cellCount, unknowns: matrix.dimension, nonzeros: matrix.pattern.nonzeroCount, solver: kind,
            operatorName: operatorName, assemblySeconds: assembly, symbolicSeconds: first.lastSymbolicSeconds,
            numericSeconds: first.lastNumericSeconds, solveSeconds: factorization.statistics.lastSolveSeconds,
            repeatSymbolicSeconds: second.symbolicSeconds - first.symbolicSeconds,
            repeatNumericSeconds: second.lastNumericSeconds, symbolicCount: second.symbolicCount,
            factorNonzeros: second.factorNonzeros, libraryPeakBytes: second.peakLibraryBytes,
            relativeResidual: relativeResidual(matrix, x, rhs))
    }

    /// Multigrid-preconditioned CG on the same system: setup plus a solve from zero to a
    /// relative residual of 1e-10, then a solve of the same matrix with a new right-hand side.
    public struct MultigridResult: Sendable {
        public var cells: Int
        public var unknowns: Int
        public var assemblySeconds: Double
        /// First solve, hierarchy setup included (s), and its CG iterations.
        public var firstSolveSeconds: Double
        public var firstIterations: Int
        /// A second right-hand side on the same hierarchy (s) and its CG iterations.
        public var repeatSolveSeconds: Double
        public var repeatIterations: Int
        public var relativeResidual: Double
    }

    public static func runMultigrid(targetCells: Int, operatorName: String) throws -> MultigridResult {
        let (g, matrix, rhs, assembly) = try system(targetCells: targetCells, operatorName: operatorName)
        let solver = MultigridCGSolver(cells: (g.nx, g.ny, g.nz), fallback: CHOLMODFactorization(), tolerance: 1e-10)
        var start = monotonic()
        let x = try solver.solve(matrix, rhs)
        let first = monotonic() - start
        let firstIterations = solver.cgIterations
        guard solver.fallbackSolves == 0 else { throw SolverError.invalidProblem("multigrid CG fell back to a direct solve") }
        let other = rhs.indices.map { rhs[$0] * (1 + 0.5 * cos(Double($0))) }
        start = monotonic()
        _ = try solver.solve(matrix, other)
        return MultigridResult(cells: g.cellCount, unknowns: matrix.dimension, assemblySeconds: assembly,
                               firstSolveSeconds: first, firstIterations: firstIterations,
                               repeatSolveSeconds: monotonic() - start, repeatIterations: solver.cgIterations - firstIterations,
                               relativeResidual: relativeResidual(matrix, x, rhs))
    }

    static func relativeResidual(_ a: SparseMatrix, _ x: [Double], _ b: [Double]) -> Double {
        let ax = a.multiply(x)
        var rNorm = 0.0, bNorm = 0.0
        for i in 0..<b.count { rNorm += (ax[i] - b[i]) * (ax[i] - b[i]); bNorm += b[i] * b[i] }
        return (rNorm / bNorm).squareRoot()
    }

    /// The charge or heat system of the film with a metallic patch, and its assembly time.
    static func system(targetCells: Int, operatorName: String) throws -> (RectilinearGrid, SparseMatrix, [Double], Double) {
        var study = FilmStudy()
        let g = grid(targetCells: targetCells)
        study.cells = (g.nx, g.ny, g.nz)
        study.electrodeHalfWidth = 0.05e-3
        let problem = study.problem(current: study.current(jouleStrength: 0.2))
        let model = try DiscreteModel(problem: problem)
        var state = ElectrothermalState(problem: problem)
        // a metallic patch near the negative electrode, so that σ, S and κ are not uniform
        for c in 0..<g.cellCount where g.center(c).0 < 2e-4 && g.center(c).2 > 1e-4 { state.metalFraction[c] = 1 }
        for c in 0..<g.cellCount { state.temperature[c] = 300 + 50 * sin(Double(c)) }

        let start = monotonic()
        let (cells, fc) = model.coefficients(of: state)
        let matrix: SparseMatrix
        let rhs: [Double]
        if operatorName == "charge" {
            matrix = model.charge.matrix(faces: model.faces, faceCoefficients: fc, boundary: model.boundary, cells: cells, electrodes: problem.electrodes)
            rhs = model.charge.rightHandSide(temperature: state.temperature, faces: model.faces, faceCoefficients: fc,
                                             boundary: model.boundary, cells: cells, electrodes: problem.electrodes)
        } else {
            matrix = model.heat.diffusionMatrix(faces: model.faces, faceCoefficients: fc, boundary: model.boundary, cells: cells)
            let fluxes = model.fluxes(of: state, cells: cells, faceCoefficients: fc)
            rhs = model.heat.rightHandSide(fluxes: fluxes, explicitPeltier: fluxes.peltierHeat, temperature: state.temperature,
                                           boundary: model.boundary, cells: cells)
        }
        return (g, matrix, rhs, monotonic() - start)
    }

    static func monotonic() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + 1e-9 * Double(ts.tv_nsec)
    }

    /// Peak resident set size of this process (bytes).
    public static func peakResidentBytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) * 1024
    }
}
