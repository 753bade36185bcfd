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

    public var isTemperatureIndependent: Bool {
        insulator.isTemperatureIndependent && metal.isTemperatureIndependent
    }
}
