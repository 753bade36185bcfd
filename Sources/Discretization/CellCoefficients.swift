import Materials

/// Transport coefficients of every cell (SI), evaluated from its phase and temperature.
public struct CellCoefficients: Sendable, Equatable {
    /// Electrical conductivity σ = 1/ρ in S/m.
    public var conductivity: [Double]
    /// Seebeck coefficient S in V/K.
    public var seebeck: [Double]
    /// Thermal conductivity κ in W/(m·K).
    public var thermalConductivity: [Double]

    public init(conductivity: [Double], seebeck: [Double], thermalConductivity: [Double]) {
        self.conductivity = conductivity
        self.seebeck = seebeck
        self.thermalConductivity = thermalConductivity
    }

    /// Evaluates the material at each cell's metal fraction and temperature.
    public init(material: TwoPhaseMaterial, metalFraction: [Double], temperature: [Double]) {
        let n = metalFraction.count
        var sigma = [Double](repeating: 0, count: n)
        var s = [Double](repeating: 0, count: n)
        var kappa = [Double](repeating: 0, count: n)
        for c in 0..<n {
            (sigma[c], s[c], kappa[c]) = material.coefficients(metalFraction: metalFraction[c], at: temperature[c])
        }
        self.init(conductivity: sigma, seebeck: s, thermalConductivity: kappa)
    }

    /// Evaluates σ and S of each phase at that phase's transport temperature (the field
    /// channel's T_eff) and κ at the lattice temperature.
    public init(material: TwoPhaseMaterial, metalFraction: [Double], temperature: [Double],
                insulatorTransport: [Double], metalTransport: [Double]) {
        let n = metalFraction.count
        var sigma = [Double](repeating: 0, count: n)
        var s = [Double](repeating: 0, count: n)
        var kappa = [Double](repeating: 0, count: n)
        for c in 0..<n {
            (sigma[c], s[c], kappa[c]) = material.coefficients(metalFraction: metalFraction[c], at: temperature[c],
                                                               insulatorTransport: insulatorTransport[c],
                                                               metalTransport: metalTransport[c])
        }
        self.init(conductivity: sigma, seebeck: s, thermalConductivity: kappa)
    }
}

/// Face quantities derived from the cell coefficients on every interior face.
///
/// With half-cell conductances G_P = σ_P A/d_P and K_P = κ_P A/d_P:
/// - electrical and thermal face conductances are the series (harmonic) combinations
///   G = (1/G_P + 1/G_N)⁻¹, K = (1/K_P + 1/K_N)⁻¹;
/// - the face temperature is T_f = α T_P + (1 − α) T_N with α = K_P/(K_P + K_N);
/// - the Seebeck EMF across the two half cells is S_P (T_P − T_f) + S_N (T_f − T_N)
///   = S_f (T_P − T_N) with S_f = (1 − α) S_P + α S_N (thermal-resistance weighted).
/// The face current (owner → neighbor) is then I = G [(Φ_P − Φ_N) + S_f (T_P − T_N)],
/// the finite-volume form of j = σ(−∇Φ − S∇T) (PH Eq. 3).
///
/// A face with a thermal boundary resistance R_b (m²·K/W, `InteriorFaces.boundaryResistance`)
/// has K = (1/K_P + R_b/A + 1/K_N)⁻¹ and two face temperatures T_P − q/K_P and T_N + q/K_N
/// (q = K (T_P − T_N)): T_f is their mean, and the EMF over the jump uses the mean Seebeck
/// (S_P + S_N)/2, so S_f = K [S_P/K_P + S_N/K_N + (S_P + S_N) R_b/(2A)]. Both reduce to the
/// expressions above at R_b = 0; the energy flux keeps one value per face, so the scheme stays
/// conservative.
public struct FaceCoefficients: Sendable {
    public var conductance: [Double]
    public var ownerConductance: [Double]
    public var neighborConductance: [Double]
    public var thermalConductance: [Double]
    public var ownerTemperatureWeight: [Double]
    public var seebeck: [Double]

    public init(faces: InteriorFaces, cells: CellCoefficients) {
        let n = faces.count
        var g = [Double](repeating: 0, count: n), gP = g, gN = g, k = g, alpha = g, s = g
        // Unsafe buffers: this runs once per field iteration over every face (≈ 3 N).
        faces.owner.withUnsafeBufferPointer { owner in
        faces.neighbor.withUnsafeBufferPointer { neighbor in
        faces.area.withUnsafeBufferPointer { area in
        faces.ownerDistance.withUnsafeBufferPointer { ownerDistance in
        faces.neighborDistance.withUnsafeBufferPointer { neighborDistance in
        cells.conductivity.withUnsafeBufferPointer { sigma in
        cells.thermalConductivity.withUnsafeBufferPointer { kappa in
        cells.seebeck.withUnsafeBufferPointer { seebeck in
        g.withUnsafeMutableBufferPointer { g in
        gP.withUnsafeMutableBufferPointer { gP in
        gN.withUnsafeMutableBufferPointer { gN in
        k.withUnsafeMutableBufferPointer { k in
        alpha.withUnsafeMutableBufferPointer { alpha in
        s.withUnsafeMutableBufferPointer { s in
            for f in 0..<n {
                let p = owner[f], q = neighbor[f], a = area[f]
                let dP = ownerDistance[f], dN = neighborDistance[f]
                gP[f] = sigma[p] * a / dP
                gN[f] = sigma[q] * a / dN
                g[f] = 1 / (1 / gP[f] + 1 / gN[f])
                let kP = kappa[p] * a / dP
                let kN = kappa[q] * a / dN
                k[f] = 1 / (1 / kP + 1 / kN)
                alpha[f] = kP / (kP + kN)
                s[f] = (1 - alpha[f]) * seebeck[p] + alpha[f] * seebeck[q]
            }
        } } } } } } } } } } } } } }
        for (i, f) in faces.resistiveFaces.enumerated() {
            (k[f], alpha[f], s[f]) = Self.resistiveFace(f, resistance: faces.boundaryResistance[i], faces: faces, cells: cells)
        }
        conductance = g
        ownerConductance = gP
        neighborConductance = gN
        thermalConductance = k
        ownerTemperatureWeight = alpha
        seebeck = s
    }

    /// K, α and S_f of a face with a thermal boundary resistance `resistance` (m²·K/W).
    static func resistiveFace(_ f: Int, resistance: Double, faces: InteriorFaces, cells: CellCoefficients)
        -> (conductance: Double, ownerWeight: Double, seebeck: Double) {
        let p = faces.owner[f], q = faces.neighbor[f], a = faces.area[f]
        let kP = cells.thermalConductivity[p] * a / faces.ownerDistance[f]
        let kN = cells.thermalConductivity[q] * a / faces.neighborDistance[f]
        let k = 1 / (1 / kP + resistance / a + 1 / kN)
        let alpha = 0.5 + 0.5 * k * (1 / kN - 1 / kP)
        let sP = cells.seebeck[p], sN = cells.seebeck[q]
        let s = k * (sP / kP + sN / kN + 0.5 * (sP + sN) * resistance / a)
        return (k, alpha, s)
    }
}
