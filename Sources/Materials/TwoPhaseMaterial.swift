/// The two phases a cell can be in.
public enum Phase: UInt8, Sendable, CaseIterable {
    case insulator = 0
    case metal = 1
}

/// A material with a first-order insulator–metal transition and hysteresis.
///
/// A cell in the insulating phase turns metallic when its temperature rises above
/// `insulatorToMetalTemperature` (T_IMT, on heating); a metallic cell turns insulating when it
/// falls below `metalToInsulatorTemperature` (T_MIT ≤ T_IMT, on cooling). Between the two the
/// cell keeps its phase (coexistence / memory). PH uses a single T_MIT (T_IMT = T_MIT).
public struct TwoPhaseMaterial: Sendable {
    public var name: String
    public var insulator: any PhaseTransport
    public var metal: any PhaseTransport
    /// T_IMT in K: insulator → metal on heating.
    public var insulatorToMetalTemperature: Double
    /// T_MIT in K: metal → insulator on cooling.
    public var metalToInsulatorTemperature: Double

    public init(name: String, insulator: any PhaseTransport, metal: any PhaseTransport,
                insulatorToMetalTemperature: Double, metalToInsulatorTemperature: Double) {
        precondition(metalToInsulatorTemperature <= insulatorToMetalTemperature,
                     "T_MIT must not exceed T_IMT")
        self.name = name
        self.insulator = insulator
        self.metal = metal
        self.insulatorToMetalTemperature = insulatorToMetalTemperature
        self.metalToInsulatorTemperature = metalToInsulatorTemperature
    }

    public func transport(of phase: Phase) -> any PhaseTransport {
        phase == .metal ? metal : insulator
    }

    /// The phase a cell takes at temperature `T` given the phase it had (first-order memory).
    @inlinable
    public func phase(after previous: Phase, at temperature: Double) -> Phase {
        switch previous {
        case .insulator: return temperature > insulatorToMetalTemperature ? .metal : .insulator
        case .metal: return temperature < metalToInsulatorTemperature ? .insulator : .metal
        }
    }

    /// How far (K) a cell at `temperature` in `phase` lies beyond its switching threshold
    /// (positive means the phase is inconsistent with the temperature).
    @inlinable
    public func thresholdViolation(of phase: Phase, at temperature: Double) -> Double {
        switch phase {
        case .insulator: return temperature - insulatorToMetalTemperature
        case .metal: return metalToInsulatorTemperature - temperature
        }
    }

    /// How far (K) a cell with metal fraction φ at `temperature` lies beyond a switching
    /// threshold: positive above T_IMT while not fully metallic (it should gain metal),
    /// negative below T_MIT while not fully insulating (it should lose metal), zero in the
    /// coexistence window or when already fully switched (memory).
    @inlinable
    public func switchingDrive(metalFraction phi: Double, at temperature: Double) -> Double {
        if temperature > insulatorToMetalTemperature && phi < 1 { return temperature - insulatorToMetalTemperature }
        if temperature < metalToInsulatorTemperature && phi > 0 { return temperature - metalToInsulatorTemperature }
        return 0
    }

    /// Coefficients of a cell that is metallic over a fraction φ of its volume (a phase
    /// boundary crossing the cell): conductivities add in parallel, σ = φ σ_M + (1 − φ) σ_I,
    /// κ likewise, and S is the conductivity-weighted mean (σS)/σ — the exact rules for a
    /// layer parallel to the current. φ is 0 or 1 everywhere but at the interface.
    @inlinable
    public func coefficients(metalFraction phi: Double, at temperature: Double)
        -> (conductivity: Double, seebeck: Double, thermalConductivity: Double) {
        if phi <= 0 {
            return (1 / insulator.resistivity(at: temperature), insulator.seebeck(at: temperature),
                    insulator.thermalConductivity(at: temperature))
        }
        if phi >= 1 {
            return (1 / metal.resistivity(at: temperature), metal.seebeck(at: temperature),
                    metal.thermalConductivity(at: temperature))
        }
        let sigmaM = phi / metal.resistivity(at: temperature)
        let sigmaI = (1 - phi) / insulator.resistivity(at: temperature)
        let sigma = sigmaM + sigmaI
        let seebeck = (sigmaM * metal.seebeck(at: temperature) + sigmaI * insulator.seebeck(at: temperature)) / sigma
        let kappa = phi * metal.thermalConductivity(at: temperature) + (1 - phi) * insulator.thermalConductivity(at: temperature)
        return (sigma, seebeck, kappa)
    }

    public var isTemperatureIndependent: Bool {
        insulator.isTemperatureIndependent && metal.isTemperatureIndependent
    }
}

extension TwoPhaseMaterial {
    /// Coefficients of a cell whose electrons are driven by a field (a field channel): σ and S
    /// of each phase at that phase's effective temperature, κ at the lattice temperature; the
    /// metal fraction φ mixes them as in `coefficients(metalFraction:at:)`.
    @inlinable
    public func coefficients(metalFraction phi: Double, at temperature: Double,
                             insulatorTransport tI: Double, metalTransport tM: Double)
        -> (conductivity: Double, seebeck: Double, thermalConductivity: Double) {
        if phi <= 0 {
            return (1 / insulator.resistivity(at: tI), insulator.seebeck(at: tI), insulator.thermalConductivity(at: temperature))
        }
        if phi >= 1 {
            return (1 / metal.resistivity(at: tM), metal.seebeck(at: tM), metal.thermalConductivity(at: temperature))
        }
        let sigmaM = phi / metal.resistivity(at: tM)
        let sigmaI = (1 - phi) / insulator.resistivity(at: tI)
        let sigma = sigmaM + sigmaI
        let seebeck = (sigmaM * metal.seebeck(at: tM) + sigmaI * insulator.seebeck(at: tI)) / sigma
        let kappa = phi * metal.thermalConductivity(at: temperature) + (1 - phi) * insulator.thermalConductivity(at: temperature)
        return (sigma, seebeck, kappa)
    }

    /// The switching drive of `switchingDrive(metalFraction:at:)` with each phase responding
    /// to its own temperature: the insulating part to `insulatorTemperature` against T_IMT,
    /// the metallic part to `metalTemperature` against T_MIT.
    @inlinable
    public func switchingDrive(metalFraction phi: Double, insulatorTemperature tI: Double, metalTemperature tM: Double) -> Double {
        if tI > insulatorToMetalTemperature && phi < 1 { return tI - insulatorToMetalTemperature }
        if tM < metalToInsulatorTemperature && phi > 0 { return tM - metalToInsulatorTemperature }
        return 0
    }
}
