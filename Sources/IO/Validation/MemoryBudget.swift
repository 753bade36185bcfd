import Foundation

/// The memory a device run needs, estimated before anything is allocated, against the memory
/// this machine has available. A run that does not fit is refused with both numbers instead of
/// being killed by the system part-way.
public enum MemoryBudget {
    /// Peak resident bytes per cell at 10,000 cells. Sparse Cholesky fill of a 3D grid grows
    /// as n^(4/3), so the bytes per cell grow as the cube root of the cell count above that.
    /// Measured peak RSS of `filament run` (built-in case, release build): 93 MB at 16,000
    /// cells, 617 MB at 102,400 cells; the estimate is 175 MB and 990 MB.
    public static let bytesPerCell = 4_000
    /// Bytes every run needs whatever its size (program, libraries).
    public static let baseBytes = 100_000_000

    /// Estimated peak bytes of a run on `cells` cells.
    public static func estimate(cells: Int) -> Int {
        let perCell = Double(bytesPerCell) * max(1, cbrt(Double(cells) / 10_000))
        let bytes = Double(cells) * perCell + Double(baseBytes)
        return bytes < Double(Int.max) ? Int(bytes) : .max
    }

    /// Bytes available to a new process: `MemAvailable` of /proc/meminfo (Linux), else the
    /// physical memory. The environment variable FILAMENT_MEMORY_LIMIT (bytes) lowers it, so
    /// the refusal can be tested and runs can be kept within a share of a shared machine.
    public static func available() -> Int {
        var limit = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
            limit = kb * 1024
        }
        if let text = ProcessInfo.processInfo.environment["FILAMENT_MEMORY_LIMIT"], let bytes = Int(text), bytes > 0 {
            limit = min(limit, bytes)
        }
        return limit
    }

    /// Throws when a run on `cells` cells would need more memory than is available.
    public static func check(cells: Int, _ option: String) throws {
        let need = estimate(cells: cells), have = available()
        guard need <= have else {
            throw InputError(option: option, message: "\(cells.formatted()) cells need about \(gigabytes(need)) of memory; this machine has \(gigabytes(have)) available. Use fewer cells.")
        }
    }

    static func gigabytes(_ bytes: Int) -> String {
        String(format: "%.2f GB", Double(bytes) / 1e9)
    }
}
