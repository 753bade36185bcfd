import Foundation

/// A drive value as a function of time (A for a current drive, V for a source voltage).
public enum Waveform: Sendable, Equatable {
    case constant(Double)
    /// `before` until `time`, `after` from then on.
    case step(before: Double, after: Double, time: Double)
    /// Linear from `from` at `start` to `to` at `end`, constant outside.
    case ramp(from: Double, to: Double, start: Double, end: Double)
    /// Trapezoidal pulse: `base`, rising linearly over `rise` from `start` to `base + amplitude`,
    /// held for `width`, falling over `rise` back to `base`.
    case pulse(base: Double, amplitude: Double, start: Double, width: Double, rise: Double)
    /// Piecewise linear through (t, value) points sorted by t, constant outside.
    case piecewiseLinear([WaveformPoint])

    public func value(at t: Double) -> Double {
        switch self {
        case let .constant(v): return v
        case let .step(before, after, time): return t < time ? before : after
        case let .ramp(from, to, start, end):
            if t <= start { return from }
            if t >= end { return to }
            return from + (to - from) * (t - start) / (end - start)
        case let .pulse(base, amplitude, start, width, rise):
            return Waveform.piecewiseLinear([WaveformPoint(start, base), WaveformPoint(start + rise, base + amplitude),
                                             WaveformPoint(start + rise + width, base + amplitude),
                                             WaveformPoint(start + 2 * rise + width, base)]).value(at: t)
        case let .piecewiseLinear(points):
            guard let first = points.first, let last = points.last else { return 0 }
            if t <= first.time { return first.value }
            if t >= last.time { return last.value }
            let k = points.lastIndex { $0.time <= t }!
            let a = points[k], b = points[k + 1]
            return b.time > a.time ? a.value + (b.value - a.value) * (t - a.time) / (b.time - a.time) : b.value
        }
    }

    /// Times where the waveform has a kink or a jump: the time stepper lands on each of them.
    public var breakpoints: [Double] {
        switch self {
        case .constant: return []
        case let .step(_, _, time): return [time]
        case let .ramp(_, _, start, end): return [start, end]
        case let .pulse(_, _, start, width, rise): return [start, start + rise, start + rise + width, start + 2 * rise + width]
        case let .piecewiseLinear(points): return points.map(\.time)
        }
    }

    /// Parses `constant:V`, `step:BEFORE,AFTER,T`, `ramp:FROM,TO,T0,T1`,
    /// `pulse:BASE,AMPLITUDE,START,WIDTH,RISE` or `pwl:T0,V0,T1,V1,...` (SI units).
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let v = parts[1].split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        switch (parts[0], v.count) {
        case ("constant", 1): self = .constant(v[0])
        case ("step", 3): self = .step(before: v[0], after: v[1], time: v[2])
        case ("ramp", 4) where v[3] > v[2]: self = .ramp(from: v[0], to: v[1], start: v[2], end: v[3])
        case ("pulse", 5) where v[3] >= 0 && v[4] > 0: self = .pulse(base: v[0], amplitude: v[1], start: v[2], width: v[3], rise: v[4])
        case ("pwl", let n) where n >= 2 && n % 2 == 0:
            let points = stride(from: 0, to: n, by: 2).map { WaveformPoint(v[$0], v[$0 + 1]) }
            guard zip(points, points.dropFirst()).allSatisfy({ $0.time <= $1.time }) else { return nil }
            self = .piecewiseLinear(points)
        default: return nil
        }
    }
}

public struct WaveformPoint: Sendable, Equatable {
    public var time: Double
    public var value: Double
    public init(_ time: Double, _ value: Double) { self.time = time; self.value = value }
}
