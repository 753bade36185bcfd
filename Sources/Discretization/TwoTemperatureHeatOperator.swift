import Mesh
import SparseLinearAlgebra

/// The two-temperature heat balance as one linear system, assembled from terms (PH Eqs. 5–6):
/// - conduction of each carrier: the single-temperature `HeatOperator` stencil with the
///   carrier's face conductances (the electron block E also carries the Peltier terms), the
///   lattice block L;
/// - exchange γ_el V_P (T_P − T_l,P), which leaves the electron balance and enters the
///   lattice balance of the same cell;
/// - boundary links (`CarrierLink`) of every thermal boundary face.
///
/// The unknowns are u = (T_l, θ) with θ = T − T_l, and the rows are the total (electron +
/// lattice) balance and the electron balance: with x = (T, T_l) = B u the system is
/// Bᵀ M B u = Bᵀ r. The exchange then appears only on the θ diagonal and cancels exactly
/// (not in floating point) in the total rows, so the system stays well conditioned however
/// large γ_el is; as γ_el → ∞, θ → 0 and the total rows become the single-temperature balance.
public struct TwoTemperatureHeatOperator: Sendable {
    public let pattern: SparsityPattern
    let cellCount: Int
    /// Slot in the 2N matrix of every slot of the single-field pattern, per block
    /// (total/T_l, total/θ, electron/T_l, electron/θ).
    let blockSlots: [[Int]]
    let diagonalSlots: [[Int]]

    public init(heat: HeatOperator) {
        let single = heat.pattern
        let n = single.dimension
        cellCount = n
        let offsets = [(0, 0), (0, n), (n, 0), (n, n)]
        var entries: [(row: Int, col: Int)] = []
        entries.reserveCapacity(4 * single.nonzeroCount)
        for col in 0..<n {
            for p in single.columnStarts[col]..<single.columnStarts[col + 1] {
                for (r, c) in offsets { entries.append((r + single.rowIndices[p], c + col)) }
            }
        }
        let pattern = SparsityPattern(dimension: 2 * n, entries: entries)
        self.pattern = pattern
        var slots = [[Int]](repeating: [Int](repeating: 0, count: single.nonzeroCount), count: 4)
        for col in 0..<n {
            for p in single.columnStarts[col]..<single.columnStarts[col + 1] {
                for (k, (r, c)) in offsets.enumerated() {
                    slots[k][p] = pattern.slot(row: r + single.rowIndices[p], col: c + col)!
                }
            }
        }
        blockSlots = slots
        diagonalSlots = offsets.map { r, c in (0..<n).map { pattern.slot(row: r + $0, col: c + $0)! } }
    }

    /// The matrix for the carrier blocks E and L (on the single-field pattern), the exchange
    /// conductance γ_el V per cell (W/K) and the boundary links.
    public func matrix(electron: SparseMatrix, lattice: SparseMatrix, exchange: [Double],
                       boundary: BoundaryFaces, links: [CarrierLink]) -> SparseMatrix {
        var a = SparseMatrix(pattern: pattern)
        for p in 0..<electron.values.count {
            let e = electron.values[p]
            a.values[blockSlots[0][p]] += e + lattice.values[p]
            a.values[blockSlots[1][p]] += e
            a.values[blockSlots[2][p]] += e
            a.values[blockSlots[3][p]] += e
        }
        for c in 0..<cellCount { a.values[diagonalSlots[3][c]] += exchange[c] }
        for b in 0..<boundary.count {
            let c = boundary.cell[b], l = links[b]
            a.values[diagonalSlots[0][c]] += l.electronElectron + l.electronLattice + l.latticeElectron + l.latticeLattice
            a.values[diagonalSlots[1][c]] += l.electronElectron + l.latticeElectron
            a.values[diagonalSlots[2][c]] += l.electronElectron + l.electronLattice
            a.values[diagonalSlots[3][c]] += l.electronElectron
        }
        return a
    }

    /// Right-hand side for the electron sources (W per cell): total rows, then electron rows.
    public func rightHandSide(electronSource: [Double], boundary: BoundaryFaces, links: [CarrierLink]) -> [Double] {
        var rhs = electronSource + electronSource
        for b in 0..<boundary.count {
            let c = boundary.cell[b], l = links[b]
            rhs[c] -= l.electronConstant + l.latticeConstant
            rhs[cellCount + c] -= l.electronConstant
        }
        return rhs
    }

    /// (T, T_l) from the solution u = (T_l, θ).
    public func temperatures(_ u: [Double]) -> (electron: [Double], lattice: [Double]) {
        let lattice = Array(u[0..<cellCount])
        return ((0..<cellCount).map { lattice[$0] + u[cellCount + $0] }, lattice)
    }
}
