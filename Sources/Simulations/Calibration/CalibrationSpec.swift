import Foundation
import IO

/// A free parameter: a numeric key of the geometry file, its start (the file's value) and
/// optional bounds, all in the unit the file writes the key in.
///
/// The least-squares solver works on an unbounded variable u:
/// - with bounds (lo, hi): v = lo + (hi − lo)/(1 + e^(−u)) (logistic), so every trial value lies
///   strictly inside (lo, hi);
/// - without bounds: v = e^u (the key must be positive), so it stays positive and steps are
///   relative.
public struct FreeParameter: Sendable {
    public var key: GeometryDocument.NumericKey
    public var lower: Double?
    public var upper: Double?

    public var start: Double { key.value }

    /// Parses `KEY` or `KEY=lo:hi` (bounds in the key's unit in the file) against `document`;
    /// `source` names where the text came from in messages (`--fit` or `calibrate.fit[N]`).
    public init(option text: String, document: GeometryDocument, source: String = "--fit") throws {
        let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        key = try document.numericKey(parts[0], option: source)
        let unit = key.unit.isEmpty ? "" : " \(key.unit)"
        if parts.count == 2 {
            let bounds = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard bounds.count == 2, let lo = bounds[0], let hi = bounds[1], lo.isFinite, hi.isFinite, lo < hi else {
                throw CalibrationInputError("\(source) \(text): expected KEY=LO:HI with two numbers LO < HI in the key's unit in the file (\(key.unit.isEmpty ? "a plain number" : key.unit))")
            }
            guard lo < key.value, key.value < hi else {
                throw CalibrationInputError("\(source) \(text): the bounds \(lo)…\(hi)\(unit) exclude the start \(key.value)\(unit) (the file's value); the start must lie strictly inside")
            }
            lower = lo
            upper = hi
        } else {
            guard key.value > 0 else {
                throw CalibrationInputError("\(source) \(text): the start \(key.value)\(unit) is not positive; give bounds KEY=LO:HI (a key without bounds is fitted on a log scale and must be positive)")
            }
        }
    }

    /// v(u) in the key's unit.
    public func value(_ u: Double) -> Double {
        if let lower, let upper { return lower + (upper - lower) / (1 + exp(-u)) }
        return exp(u)
    }

    /// dv/du.
    public func derivative(_ u: Double) -> Double {
        if let lower, let upper {
            let s = 1 / (1 + exp(-u))
            return (upper - lower) * s * (1 - s)
        }
        return exp(u)
    }

    /// u(v).
    public func unbounded(_ v: Double) -> Double {
        if let lower, let upper { return log((v - lower) / (upper - v)) }
        return log(v)
    }
}

/// A measured value with its standard uncertainty (SI).
public struct CalibrationTarget: Sendable {
    public var observable: CalibrationObservable
    public var value: Double
    public var sigma: Double

    public init(observable: CalibrationObservable, value: Double, sigma: Double) {
        self.observable = observable
        self.value = value
        self.sigma = sigma
    }

    /// Parses `OBSERVABLE=VALUE±SIGMA [UNIT]` (also `+-`, `+/-`); the unit (default SI)
    /// applies to both numbers, or each number carries its own: `T_top_mean=303±1 K`,
    /// `metal_reach=0.3 mm±0.02 mm`.
    /// `source` names where the text came from in messages (`--target` or `calibrate.targets[N]`).
    public init(option text: String, source: String = "--target") throws {
        // the last '=' outside parentheses separates the observable from the value
        var depth = 0, split: String.Index?
        for i in text.indices {
            switch text[i] {
            case "(": depth += 1
            case ")": depth -= 1
            case "=" where depth == 0: split = i
            default: break
            }
        }
        guard let split else {
            throw CalibrationInputError("\(source) \(text): expected OBSERVABLE=VALUE±SIGMA [UNIT], e.g. T_top_mean=303±1 K")
        }
        do { observable = try CalibrationObservable.parse(String(text[..<split])) } catch let e as CalibrationInputError {
            throw CalibrationInputError("\(source) \(text): \(e.description)")
        }
        let rest = String(text[text.index(after: split)...]).replacingOccurrences(of: "+/-", with: "±").replacingOccurrences(of: "+-", with: "±")
        let pieces = rest.split(separator: "±", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.count == 2, !pieces[1].isEmpty else {
            throw CalibrationInputError("\(source) \(text): a target needs its uncertainty; write \(observable.name)=VALUE±SIGMA [UNIT] (σ > 0, in the observable's unit \(observable.unit) unless a unit is given)")
        }
        func quantity(_ s: String) throws -> Quantity {
            do { return try Quantity.parse(s) } catch {
                throw CalibrationInputError("\(source) \(text): \(error)")
            }
        }
        let sigmaQ = try quantity(pieces[1])
        var valueQ = try quantity(pieces[0])
        if valueQ.dimension == .dimensionless, sigmaQ.dimension != .dimensionless,
           let unit = GeometryDocument.splitNumber(pieces[1])?.unit {
            valueQ = try quantity("\(pieces[0]) \(unit)")
        }
        let expected = observable.dimension
        for q in [valueQ, sigmaQ] where q.dimension != expected && !(q.dimension == .dimensionless) {
            throw CalibrationInputError("\(source) \(text): \(observable.name) is in \(observable.unit); the value or σ has another dimension")
        }
        value = valueQ.value
        sigma = sigmaQ.value
        guard value.isFinite, sigma.isFinite, sigma > 0 else {
            throw CalibrationInputError("\(source) \(text): σ must be a positive finite number (got \(sigma) \(observable.unit))")
        }
    }
}
