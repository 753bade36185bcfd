import Foundation

/// A material that never switches (a metal contact, substrate, glue, lead, thermoelectric
/// leg): one set of transport coefficients, possibly temperature dependent.
public struct PassiveMaterial: Sendable {
    public var name: String
    public var transport: any PhaseTransport

    public init(name: String, transport: any PhaseTransport) {
        self.name = name
        self.transport = transport
    }

    /// (σ, S, κ) at temperature T: σ = 1/ρ(T).
    @inlinable
    public func coefficients(at temperature: Double) -> (conductivity: Double, seebeck: Double, thermalConductivity: Double) {
        (transport.conductivity(at: temperature), transport.seebeck(at: temperature),
         transport.thermalConductivity(at: temperature))
    }
}

extension PhaseTransport {
    /// Electrical conductivity σ = 1/ρ(T) in S/m.
    @inlinable public func conductivity(at temperature: Double) -> Double { 1 / resistivity(at: temperature) }
}

/// The material of one cell of a device: a two-phase switching material or a passive one.
public enum DeviceMaterial: Sendable {
    case switching(TwoPhaseMaterial)
    case passive(PassiveMaterial)

    public var name: String {
        switch self {
        case let .switching(m): return m.name
        case let .passive(m): return m.name
        }
    }

    public var isSwitching: Bool {
        if case .switching = self { return true }
        return false
    }
}

/// A passive phase whose resistivity rises linearly with temperature,
/// ρ(T) = ρ0 [1 + α (T − T_ref)], with constant S, κ and c (a metal film or wire near T_ref).
///
/// For α > 0 the law is physical only above T_ref − 1/α (where ρ = 0); `temperatureRange`
/// starts there. A steady solve that needs a temperature outside it has no physical steady
/// state: under a current drive the Joule power I²R(T) outgrows the heat a thermal
/// resistance R_t can carry once α I² R0 R_t ≥ 1 (thermal runaway), and the fixed point the
/// iteration finds then has ρ < 0. Outside the range ρ is held at a tiny positive value so
/// the operators stay definite until the solver reports the runaway.
public struct LinearResistivityTransport: PhaseTransport, Equatable {
    /// ρ0 in Ω·m at T_ref.
    public var resistivityAtReference: Double
    /// α in 1/K.
    public var temperatureCoefficient: Double
    /// T_ref in K.
    public var referenceTemperature: Double
    public var seebeckVoltPerKelvin: Double
    public var thermalConductivityWattPerMeterKelvin: Double
    public var heatCapacityJoulePerCubicMeterKelvin: Double

    public init(resistivity: Double, temperatureCoefficient: Double, referenceTemperature: Double, seebeck: Double,
                thermalConductivity: Double, heatCapacity: Double = 2.0e6) {
        resistivityAtReference = resistivity
        self.temperatureCoefficient = temperatureCoefficient
        self.referenceTemperature = referenceTemperature
        seebeckVoltPerKelvin = seebeck
        thermalConductivityWattPerMeterKelvin = thermalConductivity
        heatCapacityJoulePerCubicMeterKelvin = heatCapacity
    }

    /// 1 + α (T − T_ref): the factor multiplying ρ0 (≤ 0 outside the physical range).
    @inlinable public func factor(at temperature: Double) -> Double {
        1 + temperatureCoefficient * (temperature - referenceTemperature)
    }

    public func resistivity(at temperature: Double) -> Double {
        resistivityAtReference * max(factor(at: temperature), 1e-12)
    }
    public func seebeck(at temperature: Double) -> Double { seebeckVoltPerKelvin }
    public func thermalConductivity(at temperature: Double) -> Double { thermalConductivityWattPerMeterKelvin }
    public func heatCapacity(at temperature: Double) -> Double { heatCapacityJoulePerCubicMeterKelvin }

    /// Temperatures where ρ > 0: above T_ref − 1/α for α > 0, below T_ref + 1/|α| for α < 0.
    public var temperatureRange: ClosedRange<Double> {
        let zero = referenceTemperature - 1 / temperatureCoefficient
        if temperatureCoefficient > 0 { return max(0, zero.nextUp)...Double.greatestFiniteMagnitude }
        if temperatureCoefficient < 0 { return 0...zero.nextDown }
        return 0...Double.greatestFiniteMagnitude
    }
    public var isTemperatureIndependent: Bool { temperatureCoefficient == 0 }
}

/// A substrate layer's coefficients: conductivity given directly (so σ is used bit for bit),
/// no Seebeck coefficient, constant κ and c.
public struct ConductivityTransport: PhaseTransport, Equatable {
    public var conductivitySiemensPerMeter: Double
    public var thermalConductivityWattPerMeterKelvin: Double
    public var heatCapacityJoulePerCubicMeterKelvin: Double

    public init(conductivity: Double, thermalConductivity: Double, heatCapacity: Double) {
        conductivitySiemensPerMeter = conductivity
        thermalConductivityWattPerMeterKelvin = thermalConductivity
        heatCapacityJoulePerCubicMeterKelvin = heatCapacity
    }

    public func conductivity(at temperature: Double) -> Double { conductivitySiemensPerMeter }
    public func resistivity(at temperature: Double) -> Double { 1 / conductivitySiemensPerMeter }
    public func seebeck(at temperature: Double) -> Double { 0 }
    public func thermalConductivity(at temperature: Double) -> Double { thermalConductivityWattPerMeterKelvin }
    public func heatCapacity(at temperature: Double) -> Double { heatCapacityJoulePerCubicMeterKelvin }
    public var temperatureRange: ClosedRange<Double> { 0...Double.greatestFiniteMagnitude }
    public var isTemperatureIndependent: Bool { true }
}
