import Foundation
import Discretization

/// What a `[sweep]` or `[transient]` drives: the total current, the potential of the contact,
/// or the source voltage of a generator behind a load resistor.
public enum DrivenQuantity: String, Sendable, CaseIterable {
    case current, potential
    case sourceVoltage = "source_voltage"

    /// SI unit of the driven value.
    public var unit: String { self == .current ? "A" : "V" }
}

/// `[sweep]`: a quasi-static sweep start → peak → end of one electrode's drive.
public struct SweepSpec: Sendable, Equatable {
    public var electrode: Int
    public var quantity: DrivenQuantity
    public var start: Double, peak: Double, end: Double
    public var steps: Int
    /// Series load resistor (Ω); 0 except for `source_voltage`.
    public var loadResistance: Double
    /// Halvings spent locating a switching event (step refinement).
    public var eventBisections: Int
    /// Fields of the starting point and of every N-th point after it (`points.pvd`); 0: none.
    public var snapshotEvery: Int = 0
}

/// `[transient]`: one electrode's drive follows a waveform in time.
public struct TransientSpec: Sendable, Equatable {
    public var electrode: Int
    public var quantity: DrivenQuantity
    public var loadResistance: Double
    /// The waveform in the `kind:v1,v2,…` form of `Waveform(parsing:)` (SI units).
    public var waveform: String
    public var endTime: Double
    public var scheme: String
    public var initialStep: Double, maximumStep: Double
    public var targetTemperatureChange: Double
    public var snapshotEvery: Int
    /// Smallest Δt (s) and most steps (accepted and rejected) before the run stops (exit 3).
    public var minimumStep: Double = 1e-12
    public var maximumSteps: Int = 1_000_000
}

extension Reader {
    static let time = PhysicalDimension(s: 1)

    /// The driven electrode of a study and its quantity, checked against the electrode's own drive.
    func drivenElectrode(_ t: ConfigTable, _ electrodes: [Electrode]) throws -> (Int, DrivenQuantity, Double) {
        let quantity = DrivenQuantity(rawValue: try t.choice("quantity", DrivenQuantity.allCases.map(\.rawValue)))!
        func matches(_ e: Int, named: Bool) -> Bool {
            switch (quantity, electrodes[e].drive) {
            case (.current, .current), (.sourceVoltage, .source): return true
            case let (.potential, .potential(v)): return named || v != 0
            default: return false
            }
        }
        let candidates = electrodes.indices.filter { matches($0, named: false) }
        let index: Int
        if t.has("electrode") {
            let name = try t.string("electrode")
            guard let e = electrodes.firstIndex(where: { $0.name == name }) else {
                throw t.error("electrode", "\"\(name)\" is not an electrode; electrodes: \(electrodes.map(\.name).joined(separator: ", "))")
            }
            guard matches(e, named: true) else {
                throw t.error("quantity", "\(quantity.rawValue) does not match electrode '\(name)', which has \(describe(electrodes[e].drive)); give the electrode a \(quantity == .sourceVoltage ? "source_voltage with load_resistance" : quantity.rawValue) drive (its value is replaced by the study's)")
            }
            index = e
        } else {
            guard candidates.count == 1 else {
                throw t.error("electrode", "\(candidates.isEmpty ? "no" : "more than one") electrode has a \(quantity.rawValue) drive; name the driven one, electrode = \"NAME\"")
            }
            index = candidates[0]
        }
        var load = 0.0
        if case let .source(_, r) = electrodes[index].drive { load = r }
        return (index, quantity, load)
    }

    func describe(_ drive: ElectrodeDrive) -> String {
        switch drive {
        case let .potential(v): return v == 0 ? "role = ground" : "a potential"
        case .current: return "a current"
        case .source: return "a source_voltage"
        }
    }

    func readSweep(_ electrodes: [Electrode]) throws -> SweepSpec? {
        guard let t = try root.table("sweep") else { return nil }
        let (e, quantity, load) = try drivenElectrode(t, electrodes)
        let dimension: PhysicalDimension = quantity == .current ? .current : .voltage
        let start = try t.quantity("start", dimension, default: 0, range: -1e6...1e6)
        let peak = try t.quantity("peak", dimension, range: -1e6...1e6)
        let end = try t.quantity("end", dimension, default: start, range: -1e6...1e6)
        guard peak != start else { throw t.error("peak", "equals start; allowed: a turning point different from start") }
        let steps = try t.int("steps", default: 100, range: 1...100_000)
        let bisections = try t.int("event_bisections", default: 8, range: 0...20)
        let every = try t.int("snapshot_every", default: 0, range: 0...1_000_000)
        try t.finish()
        return SweepSpec(electrode: e, quantity: quantity, start: start, peak: peak, end: end, steps: steps,
                         loadResistance: load, eventBisections: bisections, snapshotEvery: every)
    }

    func readTransient(_ electrodes: [Electrode]) throws -> TransientSpec? {
        guard let t = try root.table("transient") else { return nil }
        let (e, quantity, load) = try drivenElectrode(t, electrodes)
        let dimension: PhysicalDimension = quantity == .current ? .current : .voltage
        let kind = try t.choice("waveform", ["constant", "step", "ramp", "pulse", "pwl"])
        let drive = -1e6...1e6, times = 0...1e9
        var values: [Double]
        switch kind {
        case "constant": values = [try t.quantity("value", dimension, range: drive)]
        case "step":
            values = [try t.quantity("before", dimension, range: drive), try t.quantity("after", dimension, range: drive),
                      try t.quantity("time", Self.time, range: times)]
        case "ramp":
            values = [try t.quantity("from", dimension, range: drive), try t.quantity("to", dimension, range: drive),
                      try t.quantity("start", Self.time, range: times), try t.quantity("end", Self.time, range: times)]
            guard values[3] > values[2] else { throw t.error("end", "must be later than start") }
        case "pulse":
            values = [try t.quantity("base", dimension, default: 0, range: drive), try t.quantity("amplitude", dimension, range: drive),
                      try t.quantity("start", Self.time, range: times), try t.quantity("width", Self.time, range: times),
                      try t.quantity("rise", Self.time, range: times, exclusiveLower: true)]
        default:
            values = try pwl(t, dimension)
        }
        let endTime = try t.quantity("end_time", Self.time, range: 0...1e9, exclusiveLower: true)
        let scheme = try t.choice("scheme", ["backward_euler", "bdf2"], default: "backward_euler")
        let initial = try t.quantity("initial_step", Self.time, default: min(1e-4, endTime / 10), range: 0...endTime, exclusiveLower: true)
        let maximum = try t.quantity("max_step", Self.time, default: max(initial, endTime / 20), range: initial...1e9)
        let target = try t.quantity("target_dT", .temperature, default: 2, range: 0...1000, exclusiveLower: true)
        let every = try t.int("snapshot_every", default: 10, range: 0...1_000_000)
        let minimum = try t.quantity("min_step", Self.time, default: min(1e-12, initial), range: 0...initial, exclusiveLower: true)
        let most = try t.int("max_steps", default: 1_000_000, range: 1...100_000_000)
        let fewest = endTime / maximum
        guard fewest <= Double(most) else {
            throw t.error("max_steps", "\(most) steps cannot reach end_time = \(endTime) s with max_step = \(maximum) s (at least \(fewest) needed); raise max_step or max_steps")
        }
        try t.finish()
        let text = kind + ":" + values.map { "\($0)" }.joined(separator: ",")
        return TransientSpec(electrode: e, quantity: quantity, loadResistance: load, waveform: text, endTime: endTime,
                             scheme: scheme, initialStep: initial, maximumStep: maximum, targetTemperatureChange: target,
                             snapshotEvery: every, minimumStep: minimum, maximumSteps: most)
    }

    /// `times = ["0 s", "1 s", …]` and `values = ["0 mA", "5 mA", …]` of a piecewise-linear waveform.
    func pwl(_ t: ConfigTable, _ dimension: PhysicalDimension) throws -> [Double] {
        func list(_ key: String, _ d: PhysicalDimension) throws -> [Double] {
            guard let array = t.value(key)?.array else {
                throw t.error(key, "expected an array of strings with units, e.g. [\"0 s\", \"1 s\"]")
            }
            return try (0..<array.count).map { i in
                guard let text = array[i].string, let q = try? Quantity.parse(text), q.dimension == d else {
                    throw t.error("\(key)[\(i + 1)]", "expected \(d.name)")
                }
                return q.value
            }
        }
        let times = try list("times", Self.time), values = try list("values", dimension)
        guard times.count == values.count, times.count >= 2 else {
            throw t.error("values", "needs as many entries as times (at least 2)")
        }
        guard zip(times, times.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw t.error("times", "must not decrease") }
        return zip(times, values).flatMap { [$0, $1] }
    }
}
