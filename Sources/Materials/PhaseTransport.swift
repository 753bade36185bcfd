/// Transport coefficients of one thermodynamic phase as functions of temperature.
///
/// All quantities are SI: resistivity ρ in Ω·m, Seebeck coefficient S in V/K,
/// thermal conductivity κ in W/(m·K), volumetric heat capacity c in J/(m³·K).
/// These are the coefficients of PH Eq. 4: −∇Φ = ρ j + S ∇T, j_h = T S j − κ ∇T.
public protocol PhaseTransport: Sendable {
    /// Electrical resistivity ρ(T) in Ω·m.
    func resistivity(at temperature: Double) -> Double
    /// Electrical conductivity σ(T) = 1/ρ(T) in S/m (a default implementation divides).
    func conductivity(at temperature: Double) -> Double
    /// Seebeck coefficient S(T) in V/K (positive for hole-like carriers).
    func seebeck(at temperature: Double) -> Double
    /// Thermal conductivity κ(T) in W/(m·K) (electronic plus lattice, PH Eq. 7).
    func thermalConductivity(at temperature: Double) -> Double
    /// Volumetric heat capacity c(T) in J/(m³·K), used only by transient runs.
    func heatCapacity(at temperature: Double) -> Double
    /// Temperatures (K) at which the coefficients are defined; outside it a run must stop.
    var temperatureRange: ClosedRange<Double> { get }
    /// True when the coefficients do not depend on temperature (lets solvers reuse operators).
    var isTemperatureIndependent: Bool { get }
}

/// A phase whose coefficients do not depend on temperature (the model of PH §"Numerical Solution").
public struct ConstantTransport: PhaseTransport, Equatable {
    public var resistivityOhmMeter: Double
    public var seebeckVoltPerKelvin: Double
    public var thermalConductivityWattPerMeterKelvin: Double
    public var heatCapacityJoulePerCubicMeterKelvin: Double

    public init(resistivity: Double, seebeck: Double, thermalConductivity: Double,
                heatCapacity: Double = 2.0e6) {
        self.resistivityOhmMeter = resistivity
        self.seebeckVoltPerKelvin = seebeck
        self.thermalConductivityWattPerMeterKelvin = thermalConductivity
        self.heatCapacityJoulePerCubicMeterKelvin = heatCapacity
    }

    public func resistivity(at temperature: Double) -> Double { resistivityOhmMeter }
    public func seebeck(at temperature: Double) -> Double { seebeckVoltPerKelvin }
    public func thermalConductivity(at temperature: Double) -> Double { thermalConductivityWattPerMeterKelvin }
    public func heatCapacity(at temperature: Double) -> Double { heatCapacityJoulePerCubicMeterKelvin }
    public var temperatureRange: ClosedRange<Double> { 0.0 ... Double.greatestFiniteMagnitude }
    public var isTemperatureIndependent: Bool { true }
}
