import Foundation

/// Closed-form results of PH (paper 001) for a film of thickness h on a substrate at T0,
/// adiabatic on top. Depth ζ is measured from the top surface (ζ = h − z in grid coordinates).
public struct SlabClosedForms: Sendable {
    /// Insulating and metallic resistivities (Ω·m), thermal conductivity (W/(m·K)).
    public var insulatorResistivity: Double
    public var metalResistivity: Double
    public var thermalConductivity: Double
    /// Film thickness h (m), substrate temperature T0 (K), switching temperature T_MIT (K).
    public var thickness: Double
    public var substrateTemperature: Double
    public var switchingTemperature: Double

    public init(insulatorResistivity: Double, metalResistivity: Double, thermalConductivity: Double,
                thickness: Double, substrateTemperature: Double, switchingTemperature: Double) {
        self.insulatorResistivity = insulatorResistivity
        self.metalResistivity = metalResistivity
        self.thermalConductivity = thermalConductivity
        self.thickness = thickness
        self.substrateTemperature = substrateTemperature
        self.switchingTemperature = switchingTemperature
    }

    public var deltaT: Double { switchingTemperature - substrateTemperature }
    public var resistivityRatio: Double { metalResistivity / insulatorResistivity }

    /// PH Eq. 8: all-insulating profile T(ζ) = T0 + ρ_I j0² (h² − ζ²)/(2κ), ζ = depth.
    public func insulatingTemperature(depth: Double, currentDensity j0: Double) -> Double {
        substrateTemperature + insulatorResistivity * j0 * j0 * (thickness * thickness - depth * depth) / (2 * thermalConductivity)
    }

    /// PH Eq. 9: j_cr = sqrt(2 ΔT κ / (ρ_I h²)) (A/m²), where the top surface reaches T_MIT.
    public var criticalCurrentDensity: Double {
        (2 * deltaT * thermalConductivity / (insulatorResistivity * thickness * thickness)).squareRoot()
    }

    /// The current density at radius r of a point electrode, j = |I| / (π h r) (PH, text before
    /// Eq. 12), over j_cr. Eq. 14 neglects Joule heat, so it needs j(r_c)/j_cr ≪ 1: at j_cr the
    /// insulator switches by Joule heat alone.
    public func pointElectrodeJouleRatio(current: Double, radius r: Double) -> Double {
        abs(current) / (Double.pi * thickness * r) / criticalCurrentDensity
    }

    /// PH Eq. 11: metal-layer thickness d(j0) (m) for j0 ≥ j_cr; 0 below.
    public func metalLayerThickness(currentDensity j0: Double) -> Double {
        let jc = criticalCurrentDensity
        guard j0 > jc else { return 0 }
        let s = (1 - jc * jc / (j0 * j0)).squareRoot()
        let r = resistivityRatio
        return thickness * r * s / (1 - (1 - r) * s)
    }

    /// PH Eq. 10: interface temperature T(d) for a metal layer of thickness d at current density j0.
    public func interfaceTemperature(layerThickness d: Double, currentDensity j0: Double) -> Double {
        let r = resistivityRatio, h = thickness
        let ratio = j0 / criticalCurrentDensity
        let denominator = d + r * (h - d)
        return substrateTemperature + deltaT * ratio * ratio * (1 - d * d / (denominator * denominator))
    }

    /// Field along the slab E = ρ_I j_I for a metal layer d at mean current density j0 (V/m),
    /// from the parallel-resistor split of PH Eq. 32: j_I = ρ_M j0 h / (ρ_I d + ρ_M (h − d)).
    public func field(currentDensity j0: Double) -> Double {
        let d = metalLayerThickness(currentDensity: j0)
        let h = thickness
        return insulatorResistivity * metalResistivity * j0 * h / (insulatorResistivity * d + metalResistivity * (h - d))
    }
}

/// PH Eq. 14 (Appendix Eq. 41): critical radius of the metallic region around a point
/// electrode when Peltier heating dominates, r_c = sqrt(2 h T_MIT |I| ΔS / (π κ ΔT)) (m).
public func peltierCriticalRadius(thickness h: Double, switchingTemperature tMIT: Double, current: Double,
                                  seebeckJump deltaS: Double, thermalConductivity kappa: Double,
                                  deltaT: Double) -> Double {
    (2 * h * tMIT * abs(current) * deltaS / (Double.pi * kappa * deltaT)).squareRoot()
}

/// c = 2 ln 2 / π: excess heat flow per unit edge length, in units of κ ΔT, beside the edge of
/// a top-surface strip held at ΔT above a substrate (see `edgeLossCriticalRadius`).
public let edgeLossCoefficient = 2 * log(2.0) / Double.pi

/// Eq. 14 with the heat lost sideways through the edge of the metal region: our estimate,
/// not PH's, for how far r_c/h must exceed 1 before Eq. 14 holds (docs/validation.md §4).
///
/// Eq. 14 is the balance (π/2) r_c² κ ΔT / h = T_MIT ΔS |I|: all Peltier heat leaves the
/// half disk r < r_c straight down to the substrate. The Peltier-fed metal sits at T_MIT
/// throughout, so the disk acts as a top surface held at T_MIT. Beside a straight edge of such
/// a surface (adiabatic beyond it, substrate at T0 a depth h below) the substrate takes
/// e = c κ ΔT more heat per unit length of edge than the area term, c = 2 ln 2 / π ≈ 0.441
/// (a 2D Laplace problem; `EdgeLossTests` measures c with this code's heat operator).
/// For r_c ≫ h the edge is straight on the scale h and the balance gains π r_c e:
///     r_c² + 2 c h r_c = r0²  ⇒  r_c ≈ h (√(c² + (r0/h)²) − c),  r0 the Eq. 14 radius,
/// that is r0 (1 − c h/r0 + …): Eq. 14 overestimates by about 0.44 h / r0 (10 % at r0 = 4.2 h).
public func edgeLossCriticalRadius(eq14Radius r0: Double, thickness h: Double) -> Double {
    let c = edgeLossCoefficient
    return h * ((c * c + (r0 / h) * (r0 / h)).squareRoot() - c)
}
