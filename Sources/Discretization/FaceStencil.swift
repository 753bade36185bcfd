import Mesh
import SparseLinearAlgebra

/// The two-point flux stencil of the interior faces: where each face's conductance g lands in
/// a matrix, g (u_P − u_N) in the owner's row and g (u_N − u_P) in the neighbour's. Shared by
/// the charge and heat operators.
struct FaceStencil: Sendable {
    let diagonalSlot: [Int]
    let ownerNeighborSlot: [Int]
    let neighborOwnerSlot: [Int]

    /// The (row, col) pairs of the stencil for `unknowns` rows (cells first).
    static func entries(faces: InteriorFaces, unknowns: Int) -> [(row: Int, col: Int)] {
        var entries: [(row: Int, col: Int)] = (0..<unknowns).map { ($0, $0) }
        entries.reserveCapacity(unknowns + 2 * faces.count)
        for f in 0..<faces.count {
            entries.append((faces.owner[f], faces.neighbor[f]))
            entries.append((faces.neighbor[f], faces.owner[f]))
        }
        return entries
    }

    init(pattern: SparsityPattern, faces: InteriorFaces) {
        diagonalSlot = (0..<pattern.dimension).map { pattern.slot(row: $0, col: $0)! }
        ownerNeighborSlot = (0..<faces.count).map { pattern.slot(row: faces.owner[$0], col: faces.neighbor[$0])! }
        neighborOwnerSlot = (0..<faces.count).map { pattern.slot(row: faces.neighbor[$0], col: faces.owner[$0])! }
    }

    /// Adds g_f (u_P − u_N) for every face to the matrix values.
    func addFaceConductances(_ g: [Double], faces: InteriorFaces, to v: UnsafeMutableBufferPointer<Double>) {
        for f in 0..<faces.count {
            v[diagonalSlot[faces.owner[f]]] += g[f]
            v[diagonalSlot[faces.neighbor[f]]] += g[f]
            v[ownerNeighborSlot[f]] -= g[f]
            v[neighborOwnerSlot[f]] -= g[f]
        }
    }
}
