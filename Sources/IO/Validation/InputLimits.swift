import Foundation

/// A number given on the command line (or computed from it) that is outside what is allowed.
/// The description names the option and the allowed range, e.g.
/// `--cells: 100000 cells along x is out of range; allowed 1…4000 per axis`.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The option (`--cells`) or file key the value came from.
    public var option: String
    public var message: String

    public init(option: String, message: String) {
        self.option = option
        self.message = message
    }

    public var description: String { "\(option): \(message)" }
}

/// The one place that says which numbers a run accepts. Geometry files (`GeometryFile`) and
/// command-line options (`filament …`) both check their numbers here, so no value reaches an
/// integer conversion, an unwrap or an allocation unchecked.
public enum InputLimits {
    /// Cells along one axis of a mesh.
    public static let cellsPerAxis = 1...4000
    /// Cells of a whole mesh (film and substrate).
    public static let maximumCells = 20_000_000

    /// `value` is finite (not NaN, not ±∞).
    @discardableResult
    public static func finite(_ value: Double, _ option: String, unit: String = "") throws -> Double {
        guard value.isFinite else {
            throw InputError(option: option, message: "\(value) is not a finite number; allowed: a finite value\(unit.isEmpty ? "" : " in \(unit)")")
        }
        return value
    }

    /// `value` is finite and > 0.
    @discardableResult
    public static func positive(_ value: Double, _ option: String, unit: String = "") throws -> Double {
        try finite(value, option, unit: unit)
        guard value > 0 else { throw InputError(option: option, message: "\(value)\(unit.isEmpty ? "" : " \(unit)") is out of range; allowed > 0\(unit.isEmpty ? "" : " \(unit)")") }
        return value
    }

    /// `value` is finite and ≥ 0.
    @discardableResult
    public static func nonNegative(_ value: Double, _ option: String, unit: String = "") throws -> Double {
        try finite(value, option, unit: unit)
        guard value >= 0 else { throw InputError(option: option, message: "\(value)\(unit.isEmpty ? "" : " \(unit)") is out of range; allowed ≥ 0\(unit.isEmpty ? "" : " \(unit)")") }
        return value
    }

    /// `value` lies in `range` (finite).
    @discardableResult
    public static func within(_ value: Double, _ range: ClosedRange<Double>, _ option: String, unit: String = "") throws -> Double {
        try finite(value, option, unit: unit)
        guard range.contains(value) else {
            throw InputError(option: option, message: "\(value)\(unit.isEmpty ? "" : " \(unit)") is out of range; allowed \(range.lowerBound) … \(range.upperBound)\(unit.isEmpty ? "" : " \(unit)")")
        }
        return value
    }

    /// An integer count in `range`.
    @discardableResult
    public static func count(_ value: Int, _ range: ClosedRange<Int>, _ option: String) throws -> Int {
        guard range.contains(value) else {
            throw InputError(option: option, message: "\(value) is out of range; allowed \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    /// Parses `NX,NY,NZ` (each in `cellsPerAxis`, at least `minimum`) and checks the product
    /// against `maximumCells` without overflow.
    public static func cells(_ text: String, _ option: String = "--cells", minimum: Int = 1) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        let counts = parts.compactMap { $0 }
        guard parts.count == 3, counts.count == 3 else {
            throw InputError(option: option, message: "'\(text)' is not three integers NX,NY,NZ; allowed e.g. 20,10,4 with each in \(minimum)…\(cellsPerAxis.upperBound)")
        }
        try checkCells(counts, option, minimum: minimum)
        return counts
    }

    /// Checks per-axis counts and their product (without overflow) and returns the product.
    @discardableResult
    public static func checkCells(_ counts: [Int], _ option: String, minimum: Int = 1) throws -> Int {
        let axes = ["x", "y", "z"]
        for (a, n) in counts.enumerated() where n < minimum || n > cellsPerAxis.upperBound {
            throw InputError(option: option, message: "\(n) cells along \(a < 3 ? axes[a] : "axis \(a + 1)") is out of range; allowed \(minimum)…\(cellsPerAxis.upperBound) per axis")
        }
        return try total(counts, option)
    }

    /// The product of `counts`, checked against `maximumCells` without overflow.
    @discardableResult
    public static func total(_ counts: [Int], _ option: String) throws -> Int {
        var total = 1
        for n in counts {
            let (product, overflow) = total.multipliedReportingOverflow(by: n)
            guard !overflow, product <= maximumCells else {
                throw InputError(option: option, message: "\(counts.map(String.init).joined(separator: "×")) cells is more than the allowed \(maximumCells.formatted()) cells")
            }
            total = product
        }
        return total
    }
}

extension Int {
    /// 20000000 → "20,000,000".
    func formatted() -> String {
        let digits = Array(String(self))
        var out = ""
        for (k, d) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
