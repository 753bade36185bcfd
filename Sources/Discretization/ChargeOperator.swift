import Mesh
import SparseLinearAlgebra

/// Finite-volume form of charge conservation ∇·j = 0 with j = σ(−∇Φ − S∇T) (PH Eq. 3).
///
/// Unknowns: the potential Φ of every cell, followed by the potential V_e of every electrode
/// that does not hold a fixed potential (current- or source-driven contacts). For cell P:
///   Σ_faces G_f (Φ_P − Φ_N) + Σ_contacts G_b (Φ_P − V_e)
///     = −Σ_faces G_f S_f (T_P − T_N) + Σ_contacts G_b S_P (T_b − T_P),
/// and for a floating electrode e: Σ_b G_b (V_e − Φ_P) + V_e/R = I_e + V_t/R − Σ_b G_b S_P (T_b − T_P).
/// The matrix is symmetric positive definite as soon as one electrode holds a potential.
public struct ChargeOperator: Sendable {
    public let cellCount: Int
    /// Row of each electrode's unknown potential, or nil for electrodes holding a potential.
    public let electrodeRow: [Int?]
    public let pattern: SparsityPattern
    private let stencil: FaceStencil
    private let contactCellRowSlot: [Int]  // (P, e) per boundary face, −1 if none
    private let contactRowCellSlot: [Int]  // (e, P)

    public var unknownCount: Int { pattern.dimension }

    public init(grid: RectilinearGrid, faces: InteriorFaces, boundary: BoundaryFaces, electrodes: [Electrode]) {
        let n = grid.cellCount
        var rows: [Int?] = []
        var next = n
        for e in electrodes {
            if e.drive.holdsPotential { rows.append(nil) } else { rows.append(next); next += 1 }
        }
        var entries = FaceStencil.entries(faces: faces, unknowns: next)
        for b in 0..<boundary.count where boundary.electrode[b] >= 0 {
            if let r = rows[boundary.electrode[b]] {
                entries.append((boundary.cell[b], r))
                entries.append((r, boundary.cell[b]))
            }
        }
        let pattern = SparsityPattern(dimension: next, entries: entries)
        self.cellCount = n
        self.electrodeRow = rows
        self.pattern = pattern
        stencil = FaceStencil(pattern: pattern, faces: faces)
        contactCellRowSlot = (0..<boundary.count).map { b in
            guard boundary.electrode[b] >= 0, let r = rows[boundary.electrode[b]] else { return -1 }
            return pattern.slot(row: boundary.cell[b], col: r)!
        }
        contactRowCellSlot = (0..<boundary.count).map { b in
            guard boundary.electrode[b] >= 0, let r = rows[boundary.electrode[b]] else { return -1 }
            return pattern.slot(row: r, col: boundary.cell[b])!
        }
    }

    /// Contact conductance G_b = σ_P A/d (S) of boundary face b.
    @inlinable
    public static func contactConductance(_ b: Int, boundary: BoundaryFaces, cells: CellCoefficients) -> Double {
        cells.conductivity[boundary.cell[b]] * boundary.area[b] / boundary.distance[b]
    }

    /// Assembles the matrix (values only; the pattern is fixed).
    public func matrix(faces: InteriorFaces, faceCoefficients fc: FaceCoefficients, boundary: BoundaryFaces,
                       cells: CellCoefficients, electrodes: [Electrode]) -> SparseMatrix {
        var a = SparseMatrix(pattern: pattern)
        a.values.withUnsafeMutableBufferPointer { v in
            stencil.addFaceConductances(fc.conductance, faces: faces, to: v)
            for b in 0..<boundary.count where boundary.electrode[b] >= 0 {
                let g = Self.contactConductance(b, boundary: boundary, cells: cells)
                v[stencil.diagonalSlot[boundary.cell[b]]] += g
                if let r = electrodeRow[boundary.electrode[b]] {
                    v[stencil.diagonalSlot[r]] += g
                    v[contactCellRowSlot[b]] -= g
                    v[contactRowCellSlot[b]] -= g
                }
            }
            for (e, electrode) in electrodes.enumerated() {
                if case let .source(_, r) = electrode.drive, let row = electrodeRow[e] { v[stencil.diagonalSlot[row]] += 1 / r }
            }
        }
        return a
    }

    /// Right-hand side: drives plus the Seebeck EMFs of the current temperature field.
    public func rightHandSide(temperature t: [Double], faces: InteriorFaces, faceCoefficients fc: FaceCoefficients,
                              boundary: BoundaryFaces, cells: CellCoefficients, electrodes: [Electrode]) -> [Double] {
        var rhs = [Double](repeating: 0, count: unknownCount)
        for f in 0..<faces.count {
            let p = faces.owner[f], q = faces.neighbor[f]
            let emf = fc.conductance[f] * fc.seebeck[f] * (t[p] - t[q])
            rhs[p] -= emf
            rhs[q] += emf
        }
        for b in 0..<boundary.count where boundary.electrode[b] >= 0 {
            let p = boundary.cell[b]
            let g = Self.contactConductance(b, boundary: boundary, cells: cells)
            let tb = boundary.faceTemperature(b, cellTemperature: t[p], cellConductivity: cells.thermalConductivity[p])
            let emf = g * cells.seebeck[p] * (tb - t[p])
            rhs[p] += emf
            switch electrodes[boundary.electrode[b]].drive {
            case let .potential(v): rhs[p] += g * v
            case .current, .source: rhs[electrodeRow[boundary.electrode[b]]!] -= emf
            }
        }
        for (e, electrode) in electrodes.enumerated() {
            switch electrode.drive {
            case .potential: break
            case let .current(i): rhs[electrodeRow[e]!] += i
            case let .source(v, r): rhs[electrodeRow[e]!] += v / r
            }
        }
        return rhs
    }
}
