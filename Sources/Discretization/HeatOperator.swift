import Mesh
import SparseLinearAlgebra

/// How the Peltier heat T_f (S_P − S_f) I enters the heat equation.
public enum PeltierCoupling: String, Sendable, CaseIterable {
    /// Evaluated with the previous temperature, except that cooling terms keep their
    /// dependence on the cell's own temperature on the diagonal (Patankar linearisation):
    /// the heat matrix stays symmetric positive definite (CHOLMOD), and equals the pure
    /// diffusion operator — factorised once while κ is fixed — wherever S is uniform.
    case lagged
    /// Kept in the matrix with the current frozen: a nonsymmetric operator (UMFPACK) that
    /// changes whenever the current does, but couples T and the Peltier heat implicitly.
    case implicit
}

/// Finite-volume heat balance for cell P (steady form of PH Eq. 7, energy-flux form):
///   Σ_faces K_f (T_P − T_N) + Σ_sinks K_b (T_P − T_out) = Q_P^Joule + Q_P^Peltier,
/// with K_f the harmonic face conductance and K_b the link to a fixed temperature or a
/// heat-transfer sink.
public struct HeatOperator: Sendable {
    public let pattern: SparsityPattern
    private let stencil: FaceStencil

    public init(grid: RectilinearGrid, faces: InteriorFaces) {
        let n = grid.cellCount
        let pattern = SparsityPattern(dimension: n, entries: FaceStencil.entries(faces: faces, unknowns: n))
        self.pattern = pattern
        stencil = FaceStencil(pattern: pattern, faces: faces)
    }

    /// The diffusion operator (symmetric positive definite when some face sinks heat).
    public func diffusionMatrix(faces: InteriorFaces, faceCoefficients fc: FaceCoefficients,
                                boundary: BoundaryFaces, cells: CellCoefficients) -> SparseMatrix {
        var a = conductionMatrix(faces: faces, thermalConductance: fc.thermalConductance)
        a.values.withUnsafeMutableBufferPointer { v in
            for b in 0..<boundary.count {
                let p = boundary.cell[b]
                if let link = boundary.thermalLink(b, cellConductivity: cells.thermalConductivity[p]) {
                    v[stencil.diagonalSlot[p]] += link.conductance
                }
            }
        }
        return a
    }

    /// Conduction through the interior faces only, Σ_f K_f (T_P − T_N) with the given face
    /// conductances (W/K): the term each carrier of the two-temperature model reuses.
    public func conductionMatrix(faces: InteriorFaces, thermalConductance: [Double]) -> SparseMatrix {
        var a = SparseMatrix(pattern: pattern)
        a.values.withUnsafeMutableBufferPointer { v in stencil.addFaceConductances(thermalConductance, faces: faces, to: v) }
        return a
    }

    /// Diffusion operator minus the Peltier terms linear in T (for `PeltierCoupling.implicit`).
    public func implicitPeltierMatrix(diffusion: SparseMatrix, faces: InteriorFaces, faceCoefficients fc: FaceCoefficients,
                                      boundary: BoundaryFaces, cells: CellCoefficients,
                                      fluxes: ElectrothermalFluxes) -> SparseMatrix {
        var a = diffusion
        a.values.withUnsafeMutableBufferPointer { v in
            for f in 0..<faces.count {
                let alpha = fc.ownerTemperatureWeight[f]
                let p = faces.owner[f], q = faces.neighbor[f]
                v[stencil.diagonalSlot[p]] -= fluxes.ownerPeltierFactor[f] * alpha
                v[stencil.ownerNeighborSlot[f]] -= fluxes.ownerPeltierFactor[f] * (1 - alpha)
                v[stencil.diagonalSlot[q]] -= fluxes.neighborPeltierFactor[f] * (1 - alpha)
                v[stencil.neighborOwnerSlot[f]] -= fluxes.neighborPeltierFactor[f] * alpha
            }
            for b in 0..<boundary.count where boundary.electrode[b] >= 0 {
                let p = boundary.cell[b]
                let w = boundary.faceTemperatureWeight(b, cellConductivity: cells.thermalConductivity[p])
                v[stencil.diagonalSlot[p]] -= fluxes.contactPeltierFactor[b] * w
            }
        }
        return a
    }

    /// Patankar split of the Peltier heat for `PeltierCoupling.lagged`: every term
    /// c·T_f with c < 0 (cooling) keeps its dependence on the cell's own temperature on the
    /// diagonal (adds |c|·w ≥ 0, so the matrix stays symmetric positive definite and the
    /// cooling cannot drive T negative); everything else is evaluated with the given T.
    /// Returns the diagonal addition (W/K) and the explicit heat (W) per cell.
    public func laggedPeltierSplit(fluxes: ElectrothermalFluxes, temperature t: [Double], faces: InteriorFaces,
                                   faceCoefficients fc: FaceCoefficients, boundary: BoundaryFaces,
                                   cells: CellCoefficients) -> (diagonal: [Double], explicit: [Double]) {
        var diagonal = [Double](repeating: 0, count: t.count)
        var explicit = diagonal
        func add(_ cell: Int, factor c: Double, weight w: Double, faceTemperature tf: Double) {
            if c < 0 {
                diagonal[cell] -= c * w
                explicit[cell] += c * (tf - w * t[cell])
            } else {
                explicit[cell] += c * tf
            }
        }
        for f in 0..<faces.count {
            let p = faces.owner[f], q = faces.neighbor[f], alpha = fc.ownerTemperatureWeight[f]
            let tf = alpha * t[p] + (1 - alpha) * t[q]
            add(p, factor: fluxes.ownerPeltierFactor[f], weight: alpha, faceTemperature: tf)
            add(q, factor: fluxes.neighborPeltierFactor[f], weight: 1 - alpha, faceTemperature: tf)
        }
        for b in 0..<boundary.count where boundary.electrode[b] >= 0 {
            let p = boundary.cell[b]
            let w = boundary.faceTemperatureWeight(b, cellConductivity: cells.thermalConductivity[p])
            add(p, factor: fluxes.contactPeltierFactor[b], weight: w, faceTemperature: fluxes.boundaryFaceTemperature[b])
        }
        return (diagonal, explicit)
    }

    /// `matrix` plus a diagonal (W/K).
    public func addingDiagonal(_ diagonal: [Double], to matrix: SparseMatrix) -> SparseMatrix {
        var a = matrix
        for c in 0..<diagonal.count where diagonal[c] != 0 { a.values[stencil.diagonalSlot[c]] += diagonal[c] }
        return a
    }

    /// Right-hand side: sink temperatures, Joule heat and the explicit Peltier heat. With
    /// `explicitPeltier == nil` (`.implicit` coupling) only the part of the contact Peltier
    /// heat that does not follow the cell temperature is added.
    public func rightHandSide(fluxes: ElectrothermalFluxes, explicitPeltier: [Double]?, temperature t: [Double],
                              boundary: BoundaryFaces, cells: CellCoefficients) -> [Double] {
        var rhs = fluxes.jouleHeat
        if let explicit = explicitPeltier {
            for c in 0..<rhs.count { rhs[c] += explicit[c] }
        }
        for b in 0..<boundary.count {
            let p = boundary.cell[b]
            let kappa = cells.thermalConductivity[p]
            if let link = boundary.thermalLink(b, cellConductivity: kappa) {
                rhs[p] += link.conductance * link.outside
            }
        }
        if explicitPeltier == nil { addContactPeltierFixedPart(fluxes: fluxes, temperature: t, boundary: boundary, cells: cells, to: &rhs) }
        return rhs
    }

    /// With `.implicit` coupling: the part of the contact Peltier heat that does not follow
    /// the cell temperature (W per cell), added to `rhs`.
    public func addContactPeltierFixedPart(fluxes: ElectrothermalFluxes, temperature t: [Double], boundary: BoundaryFaces,
                                           cells: CellCoefficients, to rhs: inout [Double]) {
        for b in 0..<boundary.count where boundary.electrode[b] >= 0 {
            let p = boundary.cell[b]
            let w = boundary.faceTemperatureWeight(b, cellConductivity: cells.thermalConductivity[p])
            rhs[p] += fluxes.contactPeltierFactor[b] * (fluxes.boundaryFaceTemperature[b] - w * t[p])
        }
    }
}
