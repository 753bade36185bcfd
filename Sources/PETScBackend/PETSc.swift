import _CPETSc
import Foundation
import SparseLinearAlgebra

/// An error reported by PETSc or MPI: the call and PETSc's own message.
public struct PETScError: Error, CustomStringConvertible {
    public let call: String
    public let code: Int
    public let message: String
    public var description: String { "PETSc: \(call) failed (error \(code): \(message))" }
}

private func check(_ code: PetscErrorCode, _ call: String) throws {
    guard code != 0 else { return }
    throw PETScError(call: call, code: Int(code), message: String(cString: filament_petsc_error_text(code)))
}

/// The process's PETSc and MPI runtime: started once, finished at exit. Every rank runs the
/// same program; rank 0 does the input/output and the others stay quiet.
public enum PETScRuntime {
    nonisolated(unsafe) public private(set) static var rank = 0
    nonisolated(unsafe) public private(set) static var size = 1
    /// True once `start` has run (MPI calls are valid).
    nonisolated(unsafe) public private(set) static var started = false

    /// Starts MPI and PETSc (idempotent). PETSc reads its options database from the
    /// PETSC_OPTIONS environment variable and from `options` (e.g. "-ksp_type gmres
    /// -pc_type gamg"); its errors are returned, not printed, and it leaves signals alone.
    public static func start(options: String = "") throws {
        if started { return }
        var argc: Int32 = 1
        let name = strdup("filament")
        var argvStorage: [UnsafeMutablePointer<CChar>?] = [name, nil]
        try argvStorage.withUnsafeMutableBufferPointer { buffer in
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
            try check(filament_petsc_initialize(&argc, &argv), "PetscInitialize")
        }
        started = true
        atexit { _ = PetscFinalize() }
        _ = PetscPopSignalHandler()
        try check(PetscPushErrorHandler(PetscReturnErrorHandler, nil), "PetscPushErrorHandler")
        if !options.isEmpty { try check(PetscOptionsInsertString(nil, options), "PetscOptionsInsertString") }
        // hypre's recommended 3D settings (cheaper setup and cycles than its defaults: 0.36 s
        // against 2.2 s per charge solve at 202k cells), unless the options database sets them.
        for (key, value) in [("-pc_hypre_boomeramg_strong_threshold", "0.5"), ("-pc_hypre_boomeramg_coarsen_type", "HMIS"),
                             ("-pc_hypre_boomeramg_interp_type", "ext+i"), ("-pc_hypre_boomeramg_P_max", "4"),
                             ("-pc_hypre_boomeramg_agg_nl", "1")] {
            var given = PETSC_FALSE
            try check(PetscOptionsHasName(nil, nil, key, &given), "PetscOptionsHasName")
            if given == PETSC_FALSE { try check(PetscOptionsSetValue(nil, key, value), "PetscOptionsSetValue") }
        }
        var r: Int32 = 0, s: Int32 = 1
        try check(filament_petsc_rank_size(&r, &s), "MPI_Comm_rank")
        rank = Int(r)
        size = Int(s)
    }

    /// The sum over ranks of each rank's values.
    public static func sum(_ values: [Double]) throws -> [Double] {
        var v = values
        try check(v.withUnsafeMutableBufferPointer { filament_petsc_sum($0.baseAddress, Int32($0.count)) }, "MPI_Allreduce")
        return v
    }

    /// The largest over ranks of each rank's values.
    public static func maximum(_ values: [Double]) throws -> [Double] {
        var v = values
        try check(v.withUnsafeMutableBufferPointer { filament_petsc_max($0.baseAddress, Int32($0.count)) }, "MPI_Allreduce")
        return v
    }

    /// PETSc's peak resident memory of this process (bytes), summed over ranks.
    public static func peakMemoryAllRanks() throws -> Double {
        var bytes: PetscLogDouble = 0
        try check(PetscMemoryGetMaximumUsage(&bytes), "PetscMemoryGetMaximumUsage")
        if bytes == 0 { try check(PetscMemoryGetCurrentUsage(&bytes), "PetscMemoryGetCurrentUsage") }
        return try sum([bytes])[0]
    }
}

/// The ownership of a box of nx·ny·nz cells on the ranks: a PETSc DMDA split into slabs of
/// whole xy planes along z, so that PETSc's numbering is the solver's own (x fastest).
/// Extra "border" unknowns after the cells (floating electrode potentials) belong to the last
/// rank.
struct SlabLayout {
    let cellRows: Range<Int>
    let ownedRows: Range<Int>

    init(cells: (x: Int, y: Int, z: Int), dimension: Int) throws {
        var da: DM?
        try check(filament_petsc_dmda_z_slabs(PetscInt(cells.x), PetscInt(cells.y), PetscInt(cells.z), &da), "DMDACreate3d")
        defer { _ = DMDestroy(&da) }
        var zStart: PetscInt = 0, zCount: PetscInt = 0
        try check(filament_petsc_dmda_z_range(da, &zStart, &zCount), "DMDAGetCorners")
        let plane = cells.x * cells.y
        cellRows = plane * Int(zStart)..<plane * Int(zStart + zCount)
        let cellCount = plane * cells.z
        let last = cellRows.upperBound == cellCount
        ownedRows = cellRows.lowerBound..<(last ? dimension : cellRows.upperBound)
    }
}

/// CG through PETSc's KSP on the symmetric positive definite systems of a box of cells,
/// distributed over the ranks (`SlabLayout`): every rank holds the same full matrix (the
/// outer field iteration runs replicated on all ranks), inserts only its own rows into a
/// parallel AIJ matrix, and receives the whole solution back. Default: CG with hypre
/// BoomerAMG, stopping at ‖b − A x‖₂ ≤ tolerance · ‖b‖₂ (or `errorTolerance`, when larger);
/// the options database (-ksp_type, -pc_type, -pc_hypre_…) overrides. A solve PETSc reports
/// as not converged is redone by the direct `fallback` on every rank: no unconverged answer
/// is returned.
public final class PETScKSPSolver: SymmetricSystemSolver {
    public let cells: (x: Int, y: Int, z: Int)
    public let fallback: SparseFactorization
    public var tolerance = 1e-13
    public var maxIterations = 1000
    public var errorTolerance: Double = 0
    public private(set) var kspIterations = 0
    public private(set) var kspSolves = 0
    public private(set) var preconditionerSetups = 0
    public private(set) var fallbackSolves = 0
    /// Seconds inside KSPSolve (including preconditioner setup) and in assembly.
    public private(set) var solveSeconds = 0.0
    public private(set) var assemblySeconds = 0.0

    private var pattern: SparsityPattern?
    private var layout: SlabLayout?
    private var assembledValues: [Double]?
    private var matrix: Mat?
    private var solution: Vec?
    private var rightHandSide: Vec?
    private var gathered: Vec?
    private var gather: VecScatter?
    private var ksp: KSP?

    public init(cells: (x: Int, y: Int, z: Int), fallback: SparseFactorization) {
        self.cells = cells
        self.fallback = fallback
    }

    deinit { release() }

    public var iterationCount: Int { kspIterations }

    public var summary: String {
        "\(kspSolves) PETSc KSP solves on \(PETScRuntime.size) rank(s) (\(kspIterations) its, \(preconditionerSetups) preconditioners, "
            + String(format: "%.3f s per solve incl. %.3f s assembly)", (solveSeconds + assemblySeconds) / Double(max(1, kspSolves + fallbackSolves)),
                     assemblySeconds / Double(max(1, kspSolves + fallbackSolves)))
            + (fallbackSolves > 0 ? ", \(fallbackSolves) direct fallbacks (\(fallback.statistics.numericCount) factorisations)" : "")
    }

    public var factorizationStatistics: FactorizationStatistics { fallback.statistics }

    public func solve(_ a: SparseMatrix, _ b: [Double], initialGuess: [Double]?) throws -> [Double] {
        try prepare(a)
        let start = Date()
        try fillLocal(rightHandSide, from: b)
        try fillLocal(solution, from: initialGuess ?? [Double](repeating: 0, count: b.count))
        let rtol = max(tolerance, errorTolerance)
        try check(KSPSetTolerances(ksp, rtol, 0, 1e50, PetscInt(maxIterations)), "KSPSetTolerances")
        try check(KSPSolve(ksp, rightHandSide, solution), "KSPSolve")
        var reason = KSP_CONVERGED_ITERATING
        try check(KSPGetConvergedReason(ksp, &reason), "KSPGetConvergedReason")
        var its: PetscInt = 0
        try check(KSPGetIterationNumber(ksp, &its), "KSPGetIterationNumber")
        solveSeconds += Date().timeIntervalSince(start)
        kspIterations += Int(its)
        guard reason.rawValue > 0 else {
            fallbackSolves += 1
            try fallback.factorize(a)
            return try fallback.solve(b)
        }
        kspSolves += 1
        return try gatheredSolution(count: b.count)
    }

    /// Builds the distributed matrix, vectors and KSP for a new pattern and inserts this
    /// rank's rows when the values changed (the preconditioner is then rebuilt by KSPSolve).
    private func prepare(_ a: SparseMatrix) throws {
        let start = Date()
        defer { assemblySeconds += Date().timeIntervalSince(start) }
        if pattern !== a.pattern {
            release()
            let l = try SlabLayout(cells: cells, dimension: a.dimension)
            layout = l
            pattern = a.pattern
            try createObjects(a.pattern, layout: l)
        }
        if let values = assembledValues, values == a.values { return }
        guard let layout else { return }
        let p = a.pattern
        var columns = [PetscInt]()
        var rowValues = [PetscScalar]()
        for row in layout.ownedRows {
            // The matrix is symmetric: row `row` is column `row` of the CSC storage.
            let range = p.columnStarts[row]..<p.columnStarts[row + 1]
            columns.removeAll(keepingCapacity: true)
            rowValues.removeAll(keepingCapacity: true)
            for slot in range {
                columns.append(PetscInt(p.rowIndices[slot]))
                rowValues.append(a.values[slot])
            }
            var r = PetscInt(row)
            try check(MatSetValues(matrix, 1, &r, PetscInt(columns.count), columns, rowValues, INSERT_VALUES), "MatSetValues")
        }
        try check(MatAssemblyBegin(matrix, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin")
        try check(MatAssemblyEnd(matrix, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd")
        assembledValues = a.values
        preconditionerSetups += 1
    }

    private func createObjects(_ p: SparsityPattern, layout: SlabLayout) throws {
        let owned = layout.ownedRows
        var diagonal = [PetscInt](), offDiagonal = [PetscInt]()
        for row in owned {
            var d: PetscInt = 0, o: PetscInt = 0
            for slot in p.columnStarts[row]..<p.columnStarts[row + 1] {
                if owned.contains(p.rowIndices[slot]) { d += 1 } else { o += 1 }
            }
            diagonal.append(d)
            offDiagonal.append(o)
        }
        let comm = filament_petsc_comm_world()
        let n = PetscInt(p.dimension), local = PetscInt(owned.count)
        try check(MatCreateAIJ(comm, local, local, n, n, 0, diagonal, 0, offDiagonal, &matrix), "MatCreateAIJ")
        try check(MatSetOption(matrix, MAT_SYMMETRIC, PETSC_TRUE), "MatSetOption")
        try check(MatCreateVecs(matrix, &solution, &rightHandSide), "MatCreateVecs")
        try check(VecScatterCreateToAll(solution, &gather, &gathered), "VecScatterCreateToAll")
        try check(KSPCreate(comm, &ksp), "KSPCreate")
        try check(KSPSetOperators(ksp, matrix, matrix), "KSPSetOperators")
        try check(KSPSetType(ksp, "cg"), "KSPSetType")
        try check(KSPSetNormType(ksp, KSP_NORM_UNPRECONDITIONED), "KSPSetNormType")
        try check(KSPSetInitialGuessNonzero(ksp, PETSC_TRUE), "KSPSetInitialGuessNonzero")
        var pc: PC?
        try check(KSPGetPC(ksp, &pc), "KSPGetPC")
        try check(PCSetType(pc, "hypre"), "PCSetType")
        try check(PCHYPRESetType(pc, "boomeramg"), "PCHYPRESetType")
        try check(KSPSetFromOptions(ksp), "KSPSetFromOptions")
    }

    /// Copies this rank's entries of `values` (the full vector) into `vector`.
    private func fillLocal(_ vector: Vec?, from values: [Double]) throws {
        guard let owned = layout?.ownedRows else { return }
        var array: UnsafeMutablePointer<PetscScalar>?
        try check(VecGetArray(vector, &array), "VecGetArray")
        for (k, row) in owned.enumerated() { array![k] = values[row] }
        try check(VecRestoreArray(vector, &array), "VecRestoreArray")
    }

    /// The whole solution, gathered on every rank.
    private func gatheredSolution(count: Int) throws -> [Double] {
        try check(VecScatterBegin(gather, solution, gathered, INSERT_VALUES, SCATTER_FORWARD), "VecScatterBegin")
        try check(VecScatterEnd(gather, solution, gathered, INSERT_VALUES, SCATTER_FORWARD), "VecScatterEnd")
        var array: UnsafePointer<PetscScalar>?
        try check(VecGetArrayRead(gathered, &array), "VecGetArrayRead")
        let x = Array(UnsafeBufferPointer(start: array, count: count))
        try check(VecRestoreArrayRead(gathered, &array), "VecRestoreArrayRead")
        return x
    }

    private func release() {
        _ = KSPDestroy(&ksp)
        _ = VecScatterDestroy(&gather)
        _ = VecDestroy(&gathered)
        _ = VecDestroy(&solution)
        _ = VecDestroy(&rightHandSide)
        _ = MatDestroy(&matrix)
        assembledValues = nil
    }
}
