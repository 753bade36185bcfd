import Discretization
import SparseLinearAlgebra

/// The last assembled charge and heat-diffusion matrices, reused while the cell coefficients
/// they are built from are unchanged. With phase-wise constant σ and κ the charge matrix only
/// changes at a phase update and the diffusion matrix (κ_M = κ_I) never; rebuilding them at
/// every Picard step cost ≈ 10 % of a field iteration on 202k cells (zeroing, scattering and
/// copying 1.4M values each). Comparing the N cell values is one cheap pass.
final class OperatorCache {
    private var charge: (conductivity: [Double], drives: [ElectrodeDrive], matrix: SparseMatrix)?
    private var diffusion: (thermalConductivity: [Double], matrix: SparseMatrix)?

    /// The charge matrix for these coefficients and drives (a drive's load resistance enters it).
    func chargeMatrix(_ model: DiscreteModel, cells: CellCoefficients, faceCoefficients fc: FaceCoefficients,
                      electrodes: [Electrode]) -> SparseMatrix {
        let drives = electrodes.map(\.drive)
        if let c = charge, c.drives == drives, c.conductivity == cells.conductivity { return c.matrix }
        let a = model.charge.matrix(faces: model.faces, faceCoefficients: fc, boundary: model.boundary, cells: cells, electrodes: electrodes)
        charge = (cells.conductivity, drives, a)
        return a
    }

    /// The heat-diffusion matrix (face conductances and boundary links) for these coefficients.
    func diffusionMatrix(_ model: DiscreteModel, cells: CellCoefficients, faceCoefficients fc: FaceCoefficients) -> SparseMatrix {
        if let d = diffusion, d.thermalConductivity == cells.thermalConductivity { return d.matrix }
        let k = model.heat.diffusionMatrix(faces: model.faces, faceCoefficients: fc, boundary: model.boundary, cells: cells)
        diffusion = (cells.thermalConductivity, k)
        return k
    }
}
