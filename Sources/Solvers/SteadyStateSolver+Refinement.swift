import Discretization
import SparseLinearAlgebra

extension SteadyStateSolver {
    /// Correction solves per charge solve.
    static let chargeRefinementSteps = 2

    /// Iterative refinement of a charge solve: the residual in flux form
    /// (`ChargeOperator.fluxResidual`) drives a correction solve with the same matrix, which
    /// reuses its factorisation. Only devices whose conductivities span more than 1e6 need it
    /// (metal contacts on an insulator); others return at once.
    func refinedCharge(_ x: [Double], _ a: SparseMatrix, temperature t: [Double], cells: CellCoefficients,
                       faceCoefficients fc: FaceCoefficients) throws -> [Double] {
        let sigma = cells.conductivity
        guard let low = sigma.min(), let high = sigma.max(), low > 0, high / low > 1e6 else { return x }
        var x = x
        for _ in 0..<Self.chargeRefinementSteps {
            let r = model.charge.fluxResidual(x, temperature: t, faces: model.faces, faceCoefficients: fc,
                                              boundary: model.boundary, cells: cells, electrodes: electrodes)
            let dx = try chargeSolver.solve(a, r, initialGuess: nil)
            for i in 0..<x.count { x[i] += dx[i] }
        }
        return x
    }
}
