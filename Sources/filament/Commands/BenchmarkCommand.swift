import ArgumentParser
import Foundation
import SparseLinearAlgebra
import Simulations

/// `filament benchmark`: linear-algebra timings on grids from ~10k to ≥ 200k cells.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Time assembly, symbolic analysis, numeric factorisation and solve (build with -c release).")

    @Option(help: "Comma-separated target cell counts.")
    var sizes: String = "10000,50000,100000,200000"

    @Option(help: "Operators to time: charge, heat or both.")
    var operators: String = "charge,heat"

    @Option(help: "Solvers to time: cholmod, umfpack.")
    var solvers: String = "cholmod,umfpack"

    func validate() throws {
        for s in sizes.split(separator: ",") where Int(s) == nil || Int(s)! < 8 {
            throw ValidationError("--sizes: '\(s)' is not a cell count ≥ 8")
        }
        for s in solvers.split(separator: ",") where DirectSolverKind(rawValue: String(s)) == nil {
            throw ValidationError("--solvers: '\(s)' is not one of cholmod, umfpack")
        }
        for s in operators.split(separator: ",") where !["charge", "heat"].contains(String(s)) {
            throw ValidationError("--operators: '\(s)' is not one of charge, heat")
        }
    }

    func run() throws {
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
        print(String(format: "# process peak RSS: %.1f MiB", OperatorBenchmark.peakResidentBytes() / 1_048_576))
        print("# 'repeat' = factorisation of the same pattern with new values: the symbolic step is skipped (0 s).")
    }
}
