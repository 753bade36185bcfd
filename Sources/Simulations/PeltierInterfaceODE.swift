import Foundation

/// The interface of the metallic region around a point electrode when Peltier heat dominates
/// (PH Eq. 13 = Appendix Eq. 39, Joule heat neglected):
///
///   ΔT = T_MIT ΔS (|I|/(π r)) (ρ h² / (κ (d + ρ h)²)) (−∂_r d)/√(1 + (∂_r d)²),
///
/// with ρ = ρ_M/ρ_I, ΔT = T_MIT − T0, d(r) the depth of the metal below the top surface and
/// d(r_c) = 0. Solving for s = −∂_r d gives s = q/√(1 − q²) with
/// q = ΔT π r κ (d + ρ h)² / (T_MIT ΔS |I| ρ h²); the ODE is integrated inwards from r_c.
/// PH fix r_c by asking that the metal fill the film (d → h) as r → 0 (Eqs. 40–41); here the
/// same condition is imposed by shooting on r_c without the small-slope approximation.
///
/// `Form.jouleAndPeltier` integrates the interface condition PH derive before simplifying to
/// Eq. 39 (Appendix Eqs. 37–38): with D = d + (h − d)ρ, s = −∂_r d and j0 = |I|/(π h r),
///
///   ΔT = ρ_I j0² h²/(2κ) (1 − d²/D²) + T_MIT ΔS (h − d)/κ (|I|/(π r)) [h ρ s/D² + d/(D r)]/√(1 + s²),
///
/// the Joule heat of the layered film (Eq. 35) and the Peltier heat of the current crossing the
/// interface, including the −d/r term of ∂_r I_M (current spreading), which Eq. 39 drops along
/// with (h − d) → h and D → d + ρh. With R = ΔT − Joule, A = P h ρ/D², B = P d/(D r)
/// (P = T_MIT ΔS |I| (h − d)/(π r κ)) the slope is the root of (A s + B)/√(1 + s²) = R,
/// s = (−A B + R √(A² + B² − R²))/(A² − R²), which exists while A > R > 0.
public struct PeltierInterfaceODE: Sendable {
    /// Which interface condition is integrated.
    public enum Form: String, Sendable, CaseIterable {
        /// PH Eq. 39 (= Eq. 13): Peltier heat only, small-d simplifications.
        case peltierOnly = "eq39"
        /// PH Eqs. 37–38: Joule and Peltier heat, with the −d/r term.
        case jouleAndPeltier = "eq37-38"
    }
    public var form = Form.peltierOnly
    /// ρ_I (Ω·m): the Joule term of `Form.jouleAndPeltier`.
    public var insulatorResistivity = 0.0
    public var thickness: Double            // h (m)
    public var resistivityRatio: Double     // ρ_M/ρ_I
    public var thermalConductivity: Double  // κ (W/(m K))
    public var switchingTemperature: Double // T_MIT (K)
    public var substrateTemperature: Double // T0 (K)
    public var seebeckJump: Double          // ΔS = S_I − S_M (V/K)
    public var current: Double              // |I| (A)

    public init(thickness: Double, resistivityRatio: Double, thermalConductivity: Double, switchingTemperature: Double,
                substrateTemperature: Double, seebeckJump: Double, current: Double) {
        self.thickness = thickness
        self.resistivityRatio = resistivityRatio
        self.thermalConductivity = thermalConductivity
        self.switchingTemperature = switchingTemperature
        self.substrateTemperature = substrateTemperature
        self.seebeckJump = seebeckJump
        self.current = abs(current)
    }

    /// PH Eq. 14.
    public var smallSlopeCriticalRadius: Double {
        peltierCriticalRadius(thickness: thickness, switchingTemperature: switchingTemperature, current: current,
                              seebeckJump: seebeckJump, thermalConductivity: thermalConductivity,
                              deltaT: switchingTemperature - substrateTemperature)
    }

    /// d(r) on `points` radii from r_c inwards to `innerRadius` (classical RK4 in r).
    /// Stops early (returns what it has) where q reaches 1: the interface turns vertical, or
    /// where d reaches h (the last point is then reported at d = h).
    public func profile(criticalRadius rc: Double, innerRadius: Double, points: Int = 400) -> [(r: Double, d: Double)] {
        let h = thickness, rho = resistivityRatio
        let deltaT = switchingTemperature - substrateTemperature
        let a = switchingTemperature * seebeckJump * current * rho * h * h / (Double.pi * thermalConductivity)
        let form = self.form
        func slope(_ r: Double, _ d: Double) -> Double? {  // −∂_r d
            if form == .jouleAndPeltier { return fullSlope(r, d) }
            let q = deltaT * r * (d + rho * h) * (d + rho * h) / a
            guard q < 1 else { return nil }
            return q / (1 - q * q).squareRoot()
        }
        var result = [(r: rc, d: 0.0)]
        let step = (rc - innerRadius) / Double(points)
        var r = rc, d = 0.0
        for _ in 0..<points {
            guard let k1 = slope(r, d), let k2 = slope(r - step / 2, d + step / 2 * k1),
                  let k3 = slope(r - step / 2, d + step / 2 * k2), let k4 = slope(r - step, d + step * k3) else { break }
            d += step / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
            r -= step
            // the last step may overshoot h steeply (the slope diverges as q → 1): report d = h there
            result.append((r, min(d, h)))
            if d >= h { break }
        }
        return result
    }

    /// r_c such that the integrated interface reaches d = h at r = `innerRadius` (bisection).
    /// About `innerRadius` itself when no interface exists (with `Form.jouleAndPeltier`: Joule
    /// heat alone reaches ΔT out to r_J = (ρ_I I²/(2κπ²ΔT))^½ around the electrode).
    public func criticalRadius(innerRadius: Double) -> Double {
        var lo = innerRadius * 1.0001, hi = 10 * smallSlopeCriticalRadius + innerRadius
        for _ in 0..<80 {
            let mid = 0.5 * (lo + hi)
            let points = 400
            let reached = profile(criticalRadius: mid, innerRadius: innerRadius, points: points).last!
            // stopping before the inner radius (d reached h, or the interface turned vertical)
            // means r_c is too large
            let step = (mid - innerRadius) / Double(points)
            if reached.r > innerRadius + 0.5 * step { hi = mid } else { lo = mid }
        }
        return 0.5 * (lo + hi)
    }

    /// −∂_r d of PH Eqs. 37–38 (nil where no interface slope satisfies them).
    func fullSlope(_ r: Double, _ d: Double) -> Double? {
        let h = thickness, rho = resistivityRatio, kappa = thermalConductivity
        let dd = min(max(d, 0), h)
        let big = dd + (h - dd) * rho
        let j0 = current / (Double.pi * h * r)
        let joule = insulatorResistivity * j0 * j0 * h * h / (2 * kappa) * (1 - dd * dd / (big * big))
        let remaining = switchingTemperature - substrateTemperature - joule
        let p = switchingTemperature * seebeckJump * current * (h - dd) / (Double.pi * r * kappa)
        let a = p * h * rho / (big * big), b = p * dd / (big * r)
        guard remaining > 0, a > remaining else { return nil }
        return (-a * b + remaining * (a * a + b * b - remaining * remaining).squareRoot()) / (a * a - remaining * remaining)
    }
}
