import Foundation

/// A stationary metal–insulator wall across a wide film carrying a uniform field E along its
/// length (docs/model.md §8). Across the width y the heat balance of the film, averaged over its
/// thickness, is the bistable reaction–diffusion equation
///
///     κ(T) T'' + σ(T) E² − g (T − T0) = 0,
///
/// with σ, κ and the heat loss per volume g (W/(m³·K); g = h/t for a film of thickness t on a
/// sink with heat-transfer coefficient h) constant in each phase and a step at the switching
/// temperature T_s (no hysteresis). Each phase has its uniform state T_p = T0 + σ_p E²/g_p and its
/// thermal length ℓ_p = √(κ_p/g_p). Multiplying by κ T' and integrating across the wall gives the
/// equal-area (Maxwell) condition ∫ κ(T)[σ(T)E² − g(T − T0)] dT = 0 from T_I to T_M, which for the
/// step reads √(κ_I g_I) (T_s − T_I) = √(κ_M g_M) (T_M − T_s): the field at which a wall stands
/// still is
///
///     E_h² = (T_s − T0) (β_I + β_M) / (β_I σ_I/g_I + β_M σ_M/g_M),   β_p = √(κ_p g_p),
///
/// (E_h² = 2 g (T_s − T0)/(σ_I + σ_M) when κ and g are the same in both phases), and the wall is
/// two exponentials matched at T = T_s with continuous heat flux.
public struct TransverseWallClosedForm: Sendable {
    /// One phase's electrical conductivity σ (S/m), thermal conductivity κ (W/(m·K)) and heat
    /// loss to the sink per volume g (W/(m³·K)).
    public struct Phase: Sendable {
        public var conductivity: Double
        public var thermalConductivity: Double
        public var heatLoss: Double

        public init(conductivity: Double, thermalConductivity: Double, heatLoss: Double) {
            self.conductivity = conductivity
            self.thermalConductivity = thermalConductivity
            self.heatLoss = heatLoss
        }

        /// ℓ = √(κ/g) (m): the decay length of a temperature disturbance in this phase.
        public var thermalLength: Double { (thermalConductivity / heatLoss).squareRoot() }
        /// β = √(κ g) (W/(m²·K)): heat flux out of a wall per kelvin of excess temperature.
        var wallConductance: Double { (thermalConductivity * heatLoss).squareRoot() }
    }

    public var insulator: Phase
    public var metal: Phase
    /// Sink temperature T0 and switching temperature T_s (K), T_s > T0.
    public var sinkTemperature: Double
    public var switchingTemperature: Double

    public init(insulator: Phase, metal: Phase, sinkTemperature: Double, switchingTemperature: Double) {
        self.insulator = insulator
        self.metal = metal
        self.sinkTemperature = sinkTemperature
        self.switchingTemperature = switchingTemperature
    }

    /// Heat loss per volume of a film of thickness t (m) on a sink through a heat-transfer
    /// coefficient h (W/(m²·K)), with the film's own thermal resistance r·t/κ in series
    /// (r = 0: the thin-film limit g = h/t; r = 1/3: the thickness mean of a film heated
    /// uniformly and cooled at its bottom; r = 1/2: one cell across the thickness, the series
    /// link of the finite-volume boundary condition).
    public static func filmHeatLoss(heatTransferCoefficient h: Double, thickness t: Double,
                                    thermalConductivity kappa: Double, seriesFraction r: Double = 0) -> Double {
        1 / (t * (1 / h + r * t / kappa))
    }

    /// Uniform temperature of a phase in a field E (V/m): T0 + σ E²/g.
    public func uniformTemperature(_ phase: Phase, field: Double) -> Double {
        sinkTemperature + phase.conductivity * field * field / phase.heatLoss
    }

    /// The sustaining field E_h (V/m): the only field at which a metal–insulator wall is stationary.
    public var sustainingField: Double {
        let bI = insulator.wallConductance, bM = metal.wallConductance
        let denominator = bI * insulator.conductivity / insulator.heatLoss + bM * metal.conductivity / metal.heatLoss
        return ((switchingTemperature - sinkTemperature) * (bI + bM) / denominator).squareRoot()
    }

    /// Whether both uniform states exist at E_h (T_I < T_s < T_M): the wall needs a bistable film.
    public var isBistable: Bool {
        let e = sustainingField
        return uniformTemperature(insulator, field: e) < switchingTemperature
            && uniformTemperature(metal, field: e) > switchingTemperature
    }

    /// Sustaining voltage V_h = E_h L (V) of a channel of length L (m).
    public func sustainingVoltage(length: Double) -> Double { sustainingField * length }

    /// Temperature (K) across the stationary wall at E_h, at signed distance s (m) from the
    /// point where T = T_s; s > 0 into the insulator, s < 0 into the metal:
    /// T = T_I + (T_s − T_I) e^{−s/ℓ_I} (s ≥ 0), T = T_M − (T_M − T_s) e^{s/ℓ_M} (s < 0).
    public func wallTemperature(distanceIntoInsulator s: Double) -> Double {
        let e = sustainingField, ts = switchingTemperature
        if s >= 0 {
            let tI = uniformTemperature(insulator, field: e)
            return tI + (ts - tI) * exp(-s / insulator.thermalLength)
        }
        let tM = uniformTemperature(metal, field: e)
        return tM - (tM - ts) * exp(s / metal.thermalLength)
    }

    /// Current density inside the filament, σ_M E_h (A/m²).
    public var filamentCurrentDensity: Double { metal.conductivity * sustainingField }

    /// Metallic width (m) of a channel of width W and thickness t carrying a current I (A) at E_h,
    /// with its walls far from each other and from the edges: I = t E_h [σ_M w + σ_I (W − w)], so
    /// w = (I/(t E_h) − σ_I W)/(σ_M − σ_I) — linear in I, slope 1/(t E_h (σ_M − σ_I)). The step
    /// in σ makes the current of the walls' tails exactly that of the uniform phases on either
    /// side of T_s; walls closer than a few ℓ to each other or to an edge shift E away from E_h.
    public func filamentWidth(current: Double, channelWidth: Double, thickness: Double) -> Double {
        let e = sustainingField
        return (current / (thickness * e) - insulator.conductivity * channelWidth)
            / (metal.conductivity - insulator.conductivity)
    }
}
