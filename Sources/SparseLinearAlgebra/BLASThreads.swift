import Foundation
import _CLAPACK

/// The thread count of OpenBLAS, the BLAS under CHOLMOD and LAPACK.
///
/// OpenBLAS reads `OPENBLAS_NUM_THREADS` when it is loaded, before `main`, so the program sets
/// its own default afterwards through `openblas_set_num_threads`. One thread is the default:
/// on a 13k-cell Fig. 2 film run two threads cost 33.6 s of system time (spinning threads)
/// against 0.7 s and took 241 s against 174 s on the shared 2-core machine (docs/model.md,
/// "Threads").
public enum BLASThreads {
    /// Environment variable that sets the count for Filament (takes precedence).
    public static let variable = "FILAMENT_BLAS_THREADS"

    /// Sets the count Filament prefers: `FILAMENT_BLAS_THREADS` when set, else leaves a user's
    /// `OPENBLAS_NUM_THREADS` / `OMP_NUM_THREADS` alone, else `preferred`. Returns the count
    /// now in force.
    @discardableResult
    public static func configure(preferred: Int = 1) -> Int {
        let environment = ProcessInfo.processInfo.environment
        if let value = environment[variable], let n = Int(value), n >= 1 {
            set(n)
        } else if environment["OPENBLAS_NUM_THREADS"] == nil && environment["OMP_NUM_THREADS"] == nil {
            set(preferred)
        }
        return current
    }

    /// The count OpenBLAS reports.
    public static var current: Int { Int(openblas_get_num_threads()) }

    public static func set(_ count: Int) { openblas_set_num_threads(Int32(max(1, count))) }
}
