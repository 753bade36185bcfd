/// A physical dimension as integer exponents of the SI base units m, kg, s, A, K.
///
/// Geometry files state every dimensional value with its unit; the parser reduces the unit
/// to SI (a scale factor and a `PhysicalDimension`) and the reader checks the dimension against the
/// one the key expects.
public struct PhysicalDimension: Sendable, Hashable, CustomStringConvertible {
    /// Exponents of (m, kg, s, A, K).
    public var exponents: [Int]

    public init(m: Int = 0, kg: Int = 0, s: Int = 0, A: Int = 0, K: Int = 0) {
        exponents = [m, kg, s, A, K]
    }

    public static let dimensionless = PhysicalDimension()
    public static let length = PhysicalDimension(m: 1)
    public static let temperature = PhysicalDimension(K: 1)
    public static let current = PhysicalDimension(A: 1)
    /// V = kg·m²·s⁻³·A⁻¹
    public static let voltage = PhysicalDimension(m: 2, kg: 1, s: -3, A: -1)
    /// Ω = V/A
    public static let resistance = PhysicalDimension(m: 2, kg: 1, s: -3, A: -2)
    /// Ω·m
    public static let resistivity = PhysicalDimension(m: 3, kg: 1, s: -3, A: -2)
    /// V/K
    public static let seebeck = PhysicalDimension(m: 2, kg: 1, s: -3, A: -1, K: -1)
    /// W/(m·K) = kg·m·s⁻³·K⁻¹
    public static let thermalConductivity = PhysicalDimension(m: 1, kg: 1, s: -3, K: -1)
    /// W/(m²·K) = kg·s⁻³·K⁻¹
    public static let heatTransferCoefficient = PhysicalDimension(kg: 1, s: -3, K: -1)
    /// m²·K/W = kg⁻¹·s³·K (area-specific thermal boundary resistance)
    public static let thermalBoundaryResistance = PhysicalDimension(kg: -1, s: 3, K: 1)
    /// J/(m³·K) = kg·m⁻¹·s⁻²·K⁻¹
    public static let volumetricHeatCapacity = PhysicalDimension(m: -1, kg: 1, s: -2, K: -1)
    /// S/m = A²·s³·kg⁻¹·m⁻³
    public static let electricalConductivity = PhysicalDimension(m: -3, kg: -1, s: 3, A: 2)
    /// W/(m³·K): heat exchanged per volume and kelvin (the electron–lattice coupling γ_el).
    public static let volumetricHeatExchange = PhysicalDimension(m: -1, kg: 1, s: -3, K: -1)

    public static func * (a: PhysicalDimension, b: PhysicalDimension) -> PhysicalDimension {
        var d = a
        for i in 0..<5 { d.exponents[i] += b.exponents[i] }
        return d
    }

    public static func / (a: PhysicalDimension, b: PhysicalDimension) -> PhysicalDimension {
        var d = a
        for i in 0..<5 { d.exponents[i] -= b.exponents[i] }
        return d
    }

    public func power(_ n: Int) -> PhysicalDimension {
        var d = self
        for i in 0..<5 { d.exponents[i] *= n }
        return d
    }

    /// The SI base-unit form, e.g. "kg·m^2·s^-3·A^-1"; "1" when dimensionless.
    public var description: String {
        let symbols = ["m", "kg", "s", "A", "K"]
        let order = [1, 0, 2, 3, 4]  // kg first, as usual
        let parts = order.compactMap { i -> String? in
            let e = exponents[i]
            if e == 0 { return nil }
            return e == 1 ? symbols[i] : "\(symbols[i])^\(e)"
        }
        return parts.isEmpty ? "1" : parts.joined(separator: "·")
    }

    /// What a value of this dimension is, e.g. "a voltage (kg·m^2·s^-3·A^-1)".
    public var kind: String {
        let short = name.components(separatedBy: " (").first ?? name
        return short.hasPrefix("a quantity") ? short : "\(short) (\(description))"
    }

    /// A reader's name for the dimension with a typical unit, e.g. "a voltage (V)".
    public var name: String {
        switch self {
        case .dimensionless: return "a plain number"
        case .length: return "a length (m, e.g. \"0.2 mm\")"
        case .temperature: return "a temperature (K, e.g. \"300 K\")"
        case .current: return "a current (A, e.g. \"10 mA\")"
        case .voltage: return "a voltage (V, e.g. \"2 V\")"
        case .resistance: return "a resistance (ohm, e.g. \"1 kohm\")"
        case .resistivity: return "a resistivity (ohm*m, e.g. \"10 ohm*cm\")"
        case .seebeck: return "a Seebeck coefficient (V/K, e.g. \"800 uV/K\")"
        case .thermalConductivity: return "a thermal conductivity (W/(m*K), e.g. \"1e-3 W/(cm*K)\")"
        case .heatTransferCoefficient: return "a heat-transfer coefficient (W/(m^2*K), e.g. \"5 W/(m^2*K)\")"
        case .thermalBoundaryResistance: return "a thermal boundary resistance (m^2*K/W, e.g. \"1e-8 m^2*K/W\")"
        case .volumetricHeatCapacity: return "a volumetric heat capacity (J/(m^3*K), e.g. \"2e6 J/(m^3*K)\")"
        case .electricalConductivity: return "an electrical conductivity (S/m, e.g. \"1e-9 S/m\")"
        case .volumetricHeatExchange: return "a heat exchange rate per volume (W/(m^3*K), e.g. \"1e13 W/(m^3*K)\")"
        default: return "a quantity of dimension \(description)"
        }
    }
}
