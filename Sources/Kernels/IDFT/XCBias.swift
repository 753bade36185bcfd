import Foundation

/// The exchange–correlation bias V_xc[I] of the half-filled Hubbard model (IDFT Eqs. 11–17 and the
/// supplement's fits, Eqs. S16–S21), in units of the bandwidth W = 1, as a function of the reduced
/// current Ĩ = I/(2γ) ∈ (−½, ½):
///
///     V_xc(Ĩ) = a(Ĩ) V̄_xc(Ĩ),                                   (Eq. 12)
///     V̄_xc(Ĩ) = −(U_xc/2) sgn Ĩ − (U − U_xc) g(Ĩ),                (Eq. 11)
///     g(Ĩ) = [(1 − b)√|Ĩ/2| + b|Ĩ|] sgn Ĩ,                          (Eq. 15, S16)
///     a(Ĩ) = (2/π) atan(|λ_K Ĩ|³),                                (Eq. 13)
///
/// with λ_K from the third derivative at Ĩ = 0 (Eqs. 9 and 14):
///
///     λ_K³ = (π⁴ Γ0(0)/(6 U_xc)) [(Z̃⁻¹ − Λ0′)² − (1 − Λ0′)²],
///
/// which for the Bethe lattice (Γ0(0) = ½, Λ0′ = ½) is Eq. 16, λ_K³ = π⁴(1 − Z̃)/(12 U_xc Z̃²).
/// Z̃ follows from the quasiparticle weight Z by Eq. 10, Z̃⁻¹ = 1 + r(Z − 1)/Z, r = G_s′(0)/G_s(0)²
/// (r = −½ on the Bethe lattice, giving Eq. 17 Z̃ = 2Z/(1 + Z)). Z(U) is the paper's fit: a shifted
/// Lorentzian (Bethe, Eq. S18) or "quartic Lorentzian" (cubic, Eq. S21) that vanishes at U_c;
/// Z = 0 for U ≥ U_c (Mott insulator, λ_K = ∞, a ≡ 1). U_xc(U) interpolates between the metallic
/// and insulating forms with a Fermi function of inverse width 4/W (Eq. S17).
public struct XCBias: Sendable {
    public let lattice: IDFTLattice
    /// Hubbard U in units of W.
    public let interaction: Double
    /// Quasiparticle weight Z(U) of the fit (0 in the insulator).
    public let quasiparticleWeight: Double
    /// Pseudo quasiparticle weight Z̃ (Eq. 10).
    public let pseudoWeight: Double
    /// Step height U_xc(U) (Eq. S17).
    public let stepHeight: Double
    /// Kondo prefactor λ_K (Eqs. 9, 14; ∞ in the insulator, 0 at U = 0).
    public let kondoPrefactor: Double

    /// Fit constants of the supplement (units of W).
    public struct Fit: Sendable {
        /// U_c where Z(U_c) = 0 (1.47 Bethe, 1.17 cubic).
        public let criticalInteraction: Double
        /// Γ_z of the Lorentzian fits S18/S21 (0.943 Bethe, 0.65 cubic).
        public let zWidth: Double
        /// Exponent of the Lorentzian (2: Eq. S18, 4: Eq. S21).
        public let zPower: Double
        /// Offset of the insulating step, U_xc^I = U − offset (0.96 Bethe, 0.83 cubic).
        public let insulatingOffset: Double
        /// Linear fraction b of g(Ĩ) (¼ Bethe, 0 cubic; Eq. 15).
        public let linearFraction: Double
        /// Inverse width of the metal–insulator interpolation of U_xc (Eq. S17: β = 4/W).
        public let interpolationBeta: Double = 4
    }

    public static func fit(_ lattice: IDFTLattice) -> Fit {
        switch lattice {
        case .bethe: return Fit(criticalInteraction: 1.47, zWidth: 0.943, zPower: 2, insulatingOffset: 0.96, linearFraction: 0.25)
        case .cubic: return Fit(criticalInteraction: 1.17, zWidth: 0.65, zPower: 4, insulatingOffset: 0.83, linearFraction: 0)
        }
    }

    public init(lattice: IDFTLattice, interaction u: Double) {
        self.lattice = lattice
        interaction = u
        let f = XCBias.fit(lattice)
        let z = XCBias.quasiparticleWeight(u, f)
        quasiparticleWeight = z
        let zt = XCBias.pseudoWeight(z, ratio: lattice.lowEnergy.ratio)
        pseudoWeight = zt
        let uxc = XCBias.stepHeight(u, f)
        stepHeight = uxc
        if zt <= 0 {
            kondoPrefactor = .infinity
        } else {
            let l = lattice.hybridizationSlope
            let bracket = pow(1 / zt - l, 2) - pow(1 - l, 2)
            let cube = pow(Double.pi, 4) * lattice.hybridizationWidth / (6 * uxc) * bracket
            // U_xc > 0 and Z̃ ≤ 1 give cube ≥ 0; at U → 0 the metallic U_xc of Eq. S17 dips below
            // zero (U ≲ 0.008 W Bethe, 0.027 W cubic) where Z̃ = 1 − O(U²): the xc bias is then dropped (λ_K = 0).
            kondoPrefactor = cube > 0 && uxc > 0 ? cbrt(cube) : 0
        }
    }

    /// Z(U) of Eqs. S18 (p = 2) and S21 (p = 4), clipped to 0 for U ≥ U_c.
    static func quasiparticleWeight(_ u: Double, _ f: Fit) -> Double {
        let gp = pow(f.zWidth, f.zPower), up = pow(abs(u), f.zPower), ucp = pow(f.criticalInteraction, f.zPower)
        return max(0, (1 + gp / ucp) * (gp / (up + gp) - gp / (ucp + gp)))
    }

    /// Z̃(Z) of IDFT Eq. 10 with r = G_s′(0)/G_s(0)².
    public static func pseudoWeight(_ z: Double, ratio r: Double) -> Double {
        z <= 0 ? 0 : 1 / (1 + r * (z - 1) / z)
    }

    /// U_xc(U) of Eq. S17.
    static func stepHeight(_ u: Double, _ f: Fit) -> Double {
        let uc = f.criticalInteraction
        let insulating = { (v: Double) in v - f.insulatingOffset }
        let metallic = insulating(uc) * u / uc
        let fermi = 1 / (exp(f.interpolationBeta * (u - uc)) + 1)
        return fermi * metallic + (1 - fermi) * insulating(u)
    }

    /// True in the Mott insulator (Z = 0): V_xc jumps by U_xc at Ĩ = 0.
    public var isInsulating: Bool { kondoPrefactor.isInfinite }

    /// g(Ĩ) of Eq. 15 and its derivative.
    func shape(_ i: Double) -> (g: Double, dg: Double) {
        let b = XCBias.fit(lattice).linearFraction, a = abs(i)
        let g = ((1 - b) * (a / 2).squareRoot() + b * a) * (i < 0 ? -1 : 1)
        let dg = a > 0 ? (1 - b) / (2 * (2 * a).squareRoot()) + b : .infinity
        return (g, dg)
    }

    /// a(Ĩ) of Eq. 13 and its derivative.
    func prefactor(_ i: Double) -> (a: Double, da: Double) {
        if isInsulating { return (i == 0 ? 0 : 1, 0) }
        let l = kondoPrefactor, x = l * abs(i), x3 = x * x * x
        let da = (2 / Double.pi) * 3 * l * x * x / (1 + x3 * x3) * (i < 0 ? -1 : 1)
        return ((2 / Double.pi) * atan(x3), da)
    }

    /// V_xc(Ĩ) (Eq. 12); V_xc(0) = 0.
    public func value(_ i: Double) -> Double {
        if i == 0 { return 0 }
        let s: Double = i < 0 ? -1 : 1
        let bar = -(stepHeight / 2) * s - (interaction - stepHeight) * shape(i).g
        return prefactor(i).a * bar
    }

    /// dV_xc/dĨ (−∞ at Ĩ = 0 in the insulator, where the step sits).
    public func derivative(_ i: Double) -> Double {
        if i == 0 { return isInsulating ? -.infinity : 0 }
        let s: Double = i < 0 ? -1 : 1
        let (g, dg) = shape(i), (a, da) = prefactor(i)
        let bar = -(stepHeight / 2) * s - (interaction - stepHeight) * g
        return da * bar - a * (interaction - stepHeight) * dg
    }

    /// V_xc at Ĩ → 0⁺: −U_xc/2 in the insulator, 0 in the metal.
    public var valueAtZeroPlus: Double { isInsulating ? -stepHeight / 2 : 0 }

    /// Third derivative d³V_xc/dĨ³ at Ĩ = 0 required by Fermi-liquid theory (IDFT Eq. 9 written
    /// for Ĩ = I/2γ: multiply by 8γ³): −π³Γ0(0)[(Z̃⁻¹ − Λ0′)² − (1 − Λ0′)²].
    public var fermiLiquidThirdDerivative: Double {
        let l = lattice.hybridizationSlope
        return -pow(Double.pi, 3) * lattice.hybridizationWidth * (pow(1 / pseudoWeight - l, 2) - pow(1 - l, 2))
    }
}
