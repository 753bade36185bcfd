/// A square sparse matrix in compressed-sparse-column form with 64-bit indices
/// (the `SuiteSparse_long` variants: the 32-bit ones run out of index range on 3D grids of
/// a few 10^5 cells once fill-in is counted).
///
/// The pattern (`columnStarts`, `rowIndices`) is shared by every matrix assembled from the
/// same `SparsityPattern`; only `values` change. Factorisations compare pattern identity to
/// decide whether their symbolic analysis can be reused.
public struct SparseMatrix: Sendable {
    public let pattern: SparsityPattern
    public var values: [Double]

    public init(pattern: SparsityPattern, values: [Double]) {
        precondition(values.count == pattern.nonzeroCount)
        self.pattern = pattern
        self.values = values
    }

    public init(pattern: SparsityPattern) {
        self.init(pattern: pattern, values: Array(repeating: 0, count: pattern.nonzeroCount))
    }

    public var dimension: Int { pattern.dimension }

    /// y = A x.
    public func multiply(_ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: dimension)
        multiply(x, into: &y)
        return y
    }

    public func multiply(_ x: [Double], into y: inout [Double]) {
        let n = dimension
        pattern.columnStarts.withUnsafeBufferPointer { starts in
            pattern.rowIndices.withUnsafeBufferPointer { rows in
                values.withUnsafeBufferPointer { v in
                    x.withUnsafeBufferPointer { xx in
                        y.withUnsafeMutableBufferPointer { yy in
                            for c in 0..<n { yy[c] = 0 }
                            for col in 0..<n {
                                let xc = xx[col]
                                if xc == 0 { continue }
                                for p in starts[col]..<starts[col + 1] { yy[rows[p]] += v[p] * xc }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The entry (row, col), zero when outside the pattern.
    public subscript(row: Int, col: Int) -> Double {
        guard let slot = pattern.slot(row: row, col: col) else { return 0 }
        return values[slot]
    }

    /// True when A equals its transpose to within `tolerance` (relative to the largest entry).
    public func isSymmetric(tolerance: Double = 1e-12) -> Bool {
        let scale = values.map(abs).max() ?? 0
        for col in 0..<dimension {
            for p in pattern.columnStarts[col]..<pattern.columnStarts[col + 1] {
                let row = pattern.rowIndices[p]
                if abs(values[p] - self[col, row]) > tolerance * scale { return false }
            }
        }
        return true
    }
}

/// The positions of the nonzeros of a square sparse matrix (CSC, rows sorted in each column).
public final class SparsityPattern: @unchecked Sendable {
    public let dimension: Int
    public let columnStarts: [Int]
    public let rowIndices: [Int]

    /// Builds the pattern holding every (row, col) pair given (duplicates merged).
    public init(dimension: Int, entries: [(row: Int, col: Int)]) {
        var counts = [Int](repeating: 0, count: dimension + 1)
        for e in entries { counts[e.col + 1] += 1 }
        for c in 0..<dimension { counts[c + 1] += counts[c] }
        var rows = [Int](repeating: 0, count: entries.count)
        var next = counts
        for e in entries {
            rows[next[e.col]] = e.row
            next[e.col] += 1
        }
        var starts = [0]
        starts.reserveCapacity(dimension + 1)
        var unique: [Int] = []
        unique.reserveCapacity(entries.count)
        for c in 0..<dimension {
            var column = Array(rows[counts[c]..<counts[c + 1]])
            column.sort()
            var last = -1
            for r in column where r != last {
                unique.append(r)
                last = r
            }
            starts.append(unique.count)
        }
        self.dimension = dimension
        self.columnStarts = starts
        self.rowIndices = unique
    }

    public var nonzeroCount: Int { rowIndices.count }

    /// Index into `values` of entry (row, col), or nil if it is not in the pattern.
    public func slot(row: Int, col: Int) -> Int? {
        var lo = columnStarts[col], hi = columnStarts[col + 1] - 1
        while lo <= hi {
            let mid = (lo + hi) >> 1
            let r = rowIndices[mid]
            if r == row { return mid }
            if r < row { lo = mid + 1 } else { hi = mid - 1 }
        }
        return nil
    }
}
