import Mesh

/// Currents and heat sources of a given (Φ, V_e, T) state.
///
/// The steady energy balance is the divergence of the conserved energy flux
/// (Φ + T S) j − κ∇T (PH Eq. 7 rewritten; PH Eqs. 2–5). Across face f the flux is
/// E_f = (Φ_f + T_f S_f) I_f + K_f (T_P − T_N), with one value shared by both cells, so
/// energy is conserved to round-off. Subtracting (Φ_P + T_P S_P)·Σ I_out (zero by charge
/// conservation) leaves the heat released in cell P:
///   Q_P = Σ_f [ I_out² / G_P  +  T_f (S_P − S_f) I_out ],
/// the half-cell Joule heat (ρ j², PH Eq. 7) plus the Peltier heat −T j·∇S (PH Eq. 5), which
/// is nonzero only where S jumps (metal–insulator interfaces, contacts with S_e ≠ S).
/// Heat is released where current flows from high S to low S.
public struct ElectrothermalFluxes: Sendable {
    /// Current through each interior face, owner → neighbor (A).
    public var faceCurrent: [Double]
    /// Current through each listed boundary face into the film (A); zero off electrodes.
    public var contactCurrent: [Double]
    /// Face temperature on each listed boundary face (K).
    public var boundaryFaceTemperature: [Double]
    /// Joule heat released in each cell (W).
    public var jouleHeat: [Double]
    /// Peltier heat released in each cell (W), evaluated with the given temperature.
    public var peltierHeat: [Double]
    /// Per interior face: (S_P − S_f) I_f and (S_N − S_f)(−I_f), the Peltier factors that
    /// multiply the face temperature in the owner's and neighbor's heat balance (W/K).
    public var ownerPeltierFactor: [Double]
    public var neighborPeltierFactor: [Double]
    /// Per boundary face: (S_P − S_e)(−I_in) (W/K).
    public var contactPeltierFactor: [Double]

    public init(potential: [Double], electrodePotential: [Double], temperature t: [Double],
                faces: InteriorFaces, faceCoefficients fc: FaceCoefficients,
                boundary: BoundaryFaces, cells: CellCoefficients, electrodes: [Electrode]) {
        let n = t.count
        var joule = [Double](repeating: 0, count: n)
        var peltier = [Double](repeating: 0, count: n)
        var current = [Double](repeating: 0, count: faces.count)
        var fP = current, fN = current
        // Unsafe buffers: this loop runs once per field iteration over every face (≈ 3 N).
        faces.owner.withUnsafeBufferPointer { owner in
        faces.neighbor.withUnsafeBufferPointer { neighbor in
        potential.withUnsafeBufferPointer { phi in
        t.withUnsafeBufferPointer { t in
        cells.seebeck.withUnsafeBufferPointer { seebeck in
        fc.conductance.withUnsafeBufferPointer { g in
        fc.seebeck.withUnsafeBufferPointer { sf in
        fc.ownerConductance.withUnsafeBufferPointer { gP in
        fc.neighborConductance.withUnsafeBufferPointer { gN in
        fc.ownerTemperatureWeight.withUnsafeBufferPointer { weight in
        current.withUnsafeMutableBufferPointer { current in
        fP.withUnsafeMutableBufferPointer { fP in
        fN.withUnsafeMutableBufferPointer { fN in
        joule.withUnsafeMutableBufferPointer { joule in
        peltier.withUnsafeMutableBufferPointer { peltier in
            for f in 0..<owner.count {
                let p = owner[f], q = neighbor[f]
                let i = g[f] * ((phi[p] - phi[q]) + sf[f] * (t[p] - t[q]))
                current[f] = i
                joule[p] += i * i / gP[f]
                joule[q] += i * i / gN[f]
                let alpha = weight[f]
                let tf = alpha * t[p] + (1 - alpha) * t[q]
                fP[f] = (seebeck[p] - sf[f]) * i
                fN[f] = -(seebeck[q] - sf[f]) * i
                peltier[p] += tf * fP[f]
                peltier[q] += tf * fN[f]
            }
        } } } } } } } } } } } } } } }
        var contact = [Double](repeating: 0, count: boundary.count)
        var tFace = contact, fB = contact
        for b in 0..<boundary.count {
            let p = boundary.cell[b]
            let tb = boundary.faceTemperature(b, cellTemperature: t[p], cellConductivity: cells.thermalConductivity[p])
            tFace[b] = tb
            let e = boundary.electrode[b]
            guard e >= 0 else { continue }
            let g = ChargeOperator.contactConductance(b, boundary: boundary, cells: cells)
            let iIn = g * ((electrodePotential[e] - potential[p]) + cells.seebeck[p] * (tb - t[p]))
            contact[b] = iIn
            joule[p] += iIn * iIn / g
            fB[b] = (cells.seebeck[p] - electrodes[e].seebeck) * (-iIn)
            peltier[p] += tb * fB[b]
        }
        faceCurrent = current
        contactCurrent = contact
        boundaryFaceTemperature = tFace
        jouleHeat = joule
        peltierHeat = peltier
        ownerPeltierFactor = fP
        neighborPeltierFactor = fN
        contactPeltierFactor = fB
    }

    /// Total current entering the film through each electrode (A).
    public func electrodeCurrents(boundary: BoundaryFaces, electrodeCount: Int) -> [Double] {
        var result = [Double](repeating: 0, count: electrodeCount)
        for b in 0..<boundary.count where boundary.electrode[b] >= 0 { result[boundary.electrode[b]] += contactCurrent[b] }
        return result
    }
}
