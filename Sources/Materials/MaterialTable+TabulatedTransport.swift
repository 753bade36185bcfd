import Foundation

/// A temperature outside a tabulated phase's range.
public struct TableRangeError: Error, CustomStringConvertible {
    public var phase: String
    public var temperature: Double
    public var range: ClosedRange<Double>
    public var description: String {
        "\(phase): T = \(temperature) K lies outside the table's range [\(range.lowerBound), \(range.upperBound)] K"
    }
}

/// `PhaseTransport` read from a `PhaseTable`: monotone (PCHIP) interpolation in T of ln ρ
/// (activated insulators vary over decades; PCHIP on ln ρ keeps ρ monotone and positive),
/// of S, and of κ and c when tabulated. `temperatureRange` is the table's range; the protocol
/// methods hold the end values outside it, and `checked(_:)` reports such a temperature as an
/// error — a solver must check `temperatureRange` and stop (PhaseTransport contract).
public struct TabulatedTransport: PhaseTransport, Equatable {
    public let phase: String
    let logResistivity: MonotoneCubic
    let seebeckCurve: MonotoneCubic
    let kappa: Coefficient
    let capacity: Coefficient

    enum Coefficient: Sendable, Equatable {
        case constant(Double)
        case curve(MonotoneCubic)
        func value(_ t: Double) -> Double {
            switch self { case .constant(let x): return x; case .curve(let c): return c(t) }
        }
        init(_ v: TabulatedValue?, _ t: [Double], _ fallback: Double) {
            switch v {
            case .none: self = .constant(fallback)
            case .constant(let x)?: self = .constant(x)
            case .table(let xs)?: self = .curve(MonotoneCubic(x: t, y: xs))
            }
        }
    }

    public init(_ table: PhaseTable, phase: String) {
        self.phase = phase
        logResistivity = MonotoneCubic(x: table.temperature, y: table.resistivity.map { log($0) })
        seebeckCurve = MonotoneCubic(x: table.temperature, y: table.seebeck)
        kappa = Coefficient(table.thermalConductivity, table.temperature, PhaseTable.defaultThermalConductivity)
        capacity = Coefficient(table.heatCapacity, table.temperature, PhaseTable.defaultHeatCapacity)
        temperatureRange = table.temperature[0]...table.temperature[table.temperature.count - 1]
    }

    public let temperatureRange: ClosedRange<Double>
    public var isTemperatureIndependent: Bool { false }

    public func resistivity(at temperature: Double) -> Double { exp(logResistivity(temperature)) }
    public func seebeck(at temperature: Double) -> Double { seebeckCurve(temperature) }
    public func thermalConductivity(at temperature: Double) -> Double { kappa.value(temperature) }
    public func heatCapacity(at temperature: Double) -> Double { capacity.value(temperature) }

    /// Throws `TableRangeError` when `temperature` is outside `temperatureRange`.
    public func checked(_ temperature: Double) throws -> Double {
        guard temperatureRange.contains(temperature) else {
            throw TableRangeError(phase: phase, temperature: temperature, range: temperatureRange)
        }
        return temperature
    }
}

extension MaterialTable {
    /// The two-phase material this table describes (switching at T_IMT_K / T_MIT_K).
    public func material(name: String) -> TwoPhaseMaterial {
        TwoPhaseMaterial(name: name, insulator: TabulatedTransport(insulator, phase: "insulator"),
                         metal: TabulatedTransport(metal, phase: "metal"),
                         insulatorToMetalTemperature: insulatorToMetalTemperature,
                         metalToInsulatorTemperature: metalToInsulatorTemperature)
    }
}
