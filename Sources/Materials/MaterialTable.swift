import Foundation

/// A versioned table of per-phase transport coefficients produced by the microscopic kernels
/// (`filament tabulate`, docs/kernels.md) and read by the device solver.
///
/// JSON layout (format_version 1, SI units throughout):
/// ```
/// { "format": "filament-material-table", "format_version": 1,
///   "T_IMT_K": …, "T_MIT_K": …,
///   "insulator": { "temperature_K": […], "resistivity_ohm_m": […], "seebeck_V_per_K": […],
///                  "conductivity_S_per_m": […]?, "thermal_conductivity_W_per_m_K": x | […]?,
///                  "heat_capacity_J_per_m3_K": x | […]? },
///   "metal": { … }, "metadata": { … } }
/// ```
/// κ and c may be a scalar (constant) or an array on the phase's temperature grid; when absent
/// the defaults of `PhaseTable.defaultThermalConductivity/HeatCapacity` apply.
public struct MaterialTable: Codable, Sendable, Equatable {
    public static let formatName = "filament-material-table"
    public static let currentVersion = 1

    public var format: String
    public var formatVersion: Int
    /// T_IMT in K: insulator → metal on heating.
    public var insulatorToMetalTemperature: Double
    /// T_MIT in K: metal → insulator on cooling (≤ T_IMT).
    public var metalToInsulatorTemperature: Double
    public var insulator: PhaseTable
    public var metal: PhaseTable
    public var metadata: TableMetadata

    enum CodingKeys: String, CodingKey {
        case format, insulator, metal, metadata
        case formatVersion = "format_version"
        case insulatorToMetalTemperature = "T_IMT_K"
        case metalToInsulatorTemperature = "T_MIT_K"
    }

    public init(insulator: PhaseTable, metal: PhaseTable, insulatorToMetalTemperature: Double,
                metalToInsulatorTemperature: Double, metadata: TableMetadata) {
        format = Self.formatName
        formatVersion = Self.currentVersion
        self.insulator = insulator
        self.metal = metal
        self.insulatorToMetalTemperature = insulatorToMetalTemperature
        self.metalToInsulatorTemperature = metalToInsulatorTemperature
        self.metadata = metadata
    }
}

/// A coefficient that is either one constant or tabulated on the phase's temperature grid.
public enum TabulatedValue: Codable, Sendable, Equatable {
    case constant(Double)
    case table([Double])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let x = try? c.decode(Double.self) { self = .constant(x); return }
        self = .table(try c.decode([Double].self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .constant(let x): try c.encode(x)
        case .table(let xs): try c.encode(xs)
        }
    }
}

/// The coefficients of one phase on its temperature grid (strictly increasing, K).
public struct PhaseTable: Codable, Sendable, Equatable {
    public static let defaultThermalConductivity = 0.13     // W/(m K), PH's Ca2RuO4 fit (1.3e-3 W/cm K)
    public static let defaultHeatCapacity = 2.0e6           // J/(m³ K), as `ConstantTransport`

    public var temperature: [Double]
    public var resistivity: [Double]
    public var seebeck: [Double]
    public var conductivity: [Double]?
    public var thermalConductivity: TabulatedValue?
    public var heatCapacity: TabulatedValue?

    enum CodingKeys: String, CodingKey {
        case temperature = "temperature_K"
        case resistivity = "resistivity_ohm_m"
        case seebeck = "seebeck_V_per_K"
        case conductivity = "conductivity_S_per_m"
        case thermalConductivity = "thermal_conductivity_W_per_m_K"
        case heatCapacity = "heat_capacity_J_per_m3_K"
    }

    public init(temperature: [Double], resistivity: [Double], seebeck: [Double],
                thermalConductivity: TabulatedValue? = nil, heatCapacity: TabulatedValue? = nil) {
        self.temperature = temperature
        self.resistivity = resistivity
        self.seebeck = seebeck
        self.conductivity = resistivity.map { 1 / $0 }
        self.thermalConductivity = thermalConductivity
        self.heatCapacity = heatCapacity
    }
}

/// Provenance of a table: model, parameters, unit mapping, calibration, program, command.
public struct TableMetadata: Codable, Sendable, Equatable {
    public var model: String
    /// Model parameters in model units (U, t⊥, Γ, asymmetry λ, lattice …).
    public var parameters: [String: Double]
    public var lattice: String
    /// Energy unit (the half bandwidth D) in eV.
    public var energyUnitEV: Double
    /// Lattice constant a in m (σ = s · e²/(ħa)).
    public var latticeConstantM: Double
    /// Kelvin per model temperature unit (= energyUnitEV / k_B[eV/K]).
    public var temperatureScaleK: Double
    /// How the free constants were fixed, in words, and the numbers involved.
    public var calibration: String
    public var notes: [String]
    public var programVersion: String
    public var creationCommand: String

    enum CodingKeys: String, CodingKey {
        case model, parameters, lattice, calibration, notes
        case energyUnitEV = "energy_unit_eV"
        case latticeConstantM = "lattice_constant_m"
        case temperatureScaleK = "temperature_scale_K_per_model_unit"
        case programVersion = "program_version"
        case creationCommand = "creation_command"
    }

    public init(model: String, parameters: [String: Double], lattice: String, energyUnitEV: Double,
                latticeConstantM: Double, temperatureScaleK: Double, calibration: String, notes: [String] = [],
                programVersion: String, creationCommand: String) {
        self.model = model
        self.parameters = parameters
        self.lattice = lattice
        self.energyUnitEV = energyUnitEV
        self.latticeConstantM = latticeConstantM
        self.temperatureScaleK = temperatureScaleK
        self.calibration = calibration
        self.notes = notes
        self.programVersion = programVersion
        self.creationCommand = creationCommand
    }
}
