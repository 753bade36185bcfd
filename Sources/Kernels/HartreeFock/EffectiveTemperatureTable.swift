import Foundation

/// A table T_eff(|E|, T_bath) per phase, produced by the Hartree–Fock kernel
/// (`EffectiveTemperatureTableBuilder`) and read by the device solver, so that a cell's transport
/// and phase can follow T_eff(|E_local|, T_local) instead of T alone (physics map §2; T_eff is the
/// first-moment temperature of HF, text before Fig. 4).
///
/// JSON layout (`format: "filament-teff-table"`, `format_version: 1`): `axes.field_V_per_m` and
/// `axes.bath_temperature_K` (strictly increasing), and for each phase
/// `phases.<name>.effective_temperature_K[i][j]` at field i and bath temperature j, `null` where
/// that phase has no steady state. Metadata: model, parameters, unit mapping, program version.
public struct EffectiveTemperatureTable: Codable, Sendable, Equatable {
    public static let formatName = "filament-teff-table"
    public static let formatVersion = 1

    public struct Axes: Codable, Sendable, Equatable {
        public var fieldVPerM: [Double]
        public var bathTemperatureK: [Double]

        enum CodingKeys: String, CodingKey {
            case fieldVPerM = "field_V_per_m"
            case bathTemperatureK = "bath_temperature_K"
        }
    }

    /// Model-unit ↔ SI mapping: energies in units of t = `energyUnitEV` eV, lengths in units of a.
    public struct UnitMapping: Codable, Sendable, Equatable {
        public var energyUnitEV: Double
        public var latticeConstantM: Double
        /// t/(e a) in V/m: the SI value of E = 1 in model units.
        public var fieldUnitVPerM: Double { energyUnitEV / latticeConstantM }
        /// t/k_B in K: the SI value of T = 1 in model units.
        public var temperatureUnitK: Double { energyUnitEV / PhysicalConstants.boltzmannOverCharge }

        public init(energyUnitEV: Double, latticeConstantM: Double) {
            self.energyUnitEV = energyUnitEV
            self.latticeConstantM = latticeConstantM
        }

        enum CodingKeys: String, CodingKey {
            case energyUnitEV = "energy_unit_eV"
            case latticeConstantM = "lattice_constant_m"
        }
    }

    public struct Phase: Codable, Sendable, Equatable {
        public var effectiveTemperatureK: [[Double?]]
        /// Order parameter Δ/t of the steady state used (0 for the metal).
        public var orderParameter: [[Double?]]
        /// Whether that steady state is a stable solution of the mean-field condition.
        public var stable: [[Bool?]]

        enum CodingKeys: String, CodingKey {
            case effectiveTemperatureK = "effective_temperature_K"
            case orderParameter = "order_parameter_over_t"
            case stable
        }
    }

    public var format: String
    public var formatVersion: Int
    public var model: String
    public var programVersion: String
    /// Model parameters in model units (U/t, Γ/t, field direction, numerical resolution …).
    public var parameters: [String: String]
    public var unitMapping: UnitMapping
    public var axes: Axes
    public var phases: [String: Phase]

    enum CodingKeys: String, CodingKey {
        case format, model, parameters, axes, phases
        case formatVersion = "format_version"
        case programVersion = "program_version"
        case unitMapping = "unit_mapping"
    }

    public init(model: String, programVersion: String, parameters: [String: String],
                unitMapping: UnitMapping, axes: Axes, phases: [String: Phase]) {
        format = Self.formatName
        formatVersion = Self.formatVersion
        self.model = model
        self.programVersion = programVersion
        self.parameters = parameters
        self.unitMapping = unitMapping
        self.axes = axes
        self.phases = phases
    }
}

/// Why a table could not be read or queried.
public enum EffectiveTemperatureTableError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unknownPhase(String, available: [String])
    case fieldOutOfRange(Double, lower: Double, upper: Double)
    case temperatureOutOfRange(Double, lower: Double, upper: Double)
    case phaseAbsent(String, fieldVPerM: Double, bathTemperatureK: Double)

    public var description: String {
        switch self {
        case .malformed(let why): return "malformed T_eff table: \(why)"
        case .unknownPhase(let p, let all): return "no phase '\(p)' in T_eff table (has \(all.sorted()))"
        case .fieldOutOfRange(let e, let lo, let hi):
            return "field |E| = \(e) V/m outside the table range [\(lo), \(hi)] V/m"
        case .temperatureOutOfRange(let t, let lo, let hi):
            return "bath temperature \(t) K outside the table range [\(lo), \(hi)] K"
        case .phaseAbsent(let p, let e, let t):
            return "phase '\(p)' has no steady state next to |E| = \(e) V/m, T = \(t) K"
        }
    }
}
