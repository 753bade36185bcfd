import Foundation
import IO
import Simulations
import Solvers
import SparseLinearAlgebra
#if FILAMENT_PETSC
import PETScBackend
#endif

/// The PETSc backend as the command line sees it: started before a solve that asks for it,
/// checked against the mesh, and the MPI rank that decides who writes (rank 0 prints progress,
/// results and errors and writes the outputs; the other ranks run the same solve quietly).
enum ParallelBackend {
    nonisolated(unsafe) private(set) static var rank = 0
    nonisolated(unsafe) private(set) static var size = 1
    static var isRoot: Bool { rank == 0 }

    /// True when this executable was built with PETSc.
    static var isAvailable: Bool {
        #if FILAMENT_PETSC
        return true
        #else
        return false
        #endif
    }

    /// Starts PETSc for `device` when its solver settings ask for it; `coarsestCellsZ` is the
    /// number of cells along z on the coarsest grid the run solves (each rank owns whole z
    /// planes). Errors: no PETSc in this build, more ranks than z planes, a sweep or transient.
    static func startIfRequested(_ device: DeviceCase, coarsestCellsZ: Int) throws {
        guard device.problem.settings.symmetricStrategy == .petsc else { return }
        let origin = "\(device.file): --backend petsc ([solver] backend)"
        #if FILAMENT_PETSC
        try start()
        if device.sweep != nil || device.transient != nil {
            throw fail("\(origin): PETSc solves steady runs; this file has a [sweep] or [transient] (use the serial backend)", code: FailureCode.invalidInput)
        }
        if size > coarsestCellsZ {
            throw fail("\(origin): \(size) MPI ranks but the mesh has \(coarsestCellsZ) cell plane(s) along z\(device.gridLevels > 1 ? " on its coarsest grid level" : ""); each rank owns whole z planes, so use at most \(coarsestCellsZ) rank(s) or more cells along z", code: FailureCode.invalidInput)
        }
        #else
        throw fail("\(origin): this filament was built without PETSc (Debian petsc-dev and OpenMPI headers were not found when it was built); run scripts/setup, then rebuild, or use the serial backend", code: FailureCode.invalidInput)
        #endif
    }

    /// Lets any command whose file says `[solver] backend = "petsc"` start PETSc (one rank
    /// unless under mpirun) when its first solver is made; `run` starts it earlier, with checks.
    static func registerLazily() {
        #if FILAMENT_PETSC
        DistributedSolverFactory.make = { cells, direct in
            do {
                try start()
            } catch {
                return UnavailableSolver(reason: "--backend petsc: \(error)")
            }
            return PETScKSPSolver(cells: cells, fallback: direct.makeFactorization())
        }
        #endif
    }

    #if FILAMENT_PETSC
    /// Starts PETSc and MPI once; ranks other than 0 then write nothing to standard output or
    /// error (every rank runs the same program and meets the same results and errors).
    private static func start() throws {
        try PETScRuntime.start()
        guard size != PETScRuntime.size || rank != PETScRuntime.rank else { return }
        rank = PETScRuntime.rank
        size = PETScRuntime.size
        if rank != 0 {
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 {
                dup2(null, STDOUT_FILENO)
                dup2(null, STDERR_FILENO)
                close(null)
            }
        }
    }
    #endif

    /// The sum over the MPI ranks (the value itself without PETSc or MPI).
    static func sumOverRanks(_ value: Double) -> Double {
        #if FILAMENT_PETSC
        guard PETScRuntime.started else { return value }
        return (try? PETScRuntime.sum([value]))?[0] ?? value
        #else
        return value
        #endif
    }

    /// One line naming the backend and its ranks for the progress report.
    static var description: String {
        "PETSc backend on \(size) MPI rank(s): each linear system distributed as z slabs of the DMDA; field iteration replicated on every rank"
    }
}
