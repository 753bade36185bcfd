import Foundation

/// A value reduced to SI: `value` in the SI unit of `dimension`.
public struct Quantity: Sendable, Equatable {
    public var value: Double
    public var dimension: PhysicalDimension

    public init(value: Double, dimension: PhysicalDimension) {
        self.value = value
        self.dimension = dimension
    }

    /// Parses "number unit", e.g. `"0.2 mm"`, `"10 ohm*cm"`, `"1e-3 W/(cm*K)"`, `"800 uV/K"`.
    ///
    /// Grammar: `number [unit]`, unit = term (("*" | "/" | "·") term)*, term = factor ["^" integer],
    /// factor = symbol | "(" unit ")". Operators bind left to right (`a/b*c` = (a/b)·c), so
    /// write a compound denominator in parentheses: `W/(m*K)`. Symbols: m, g, s, A, K, V, ohm
    /// (or Ω), W, J, C, S (siemens), N, Pa, Hz, eV, each with an optional SI prefix
    /// p n u µ m c k M G. Temperatures are absolute (K); there is no °C.
    public static func parse(_ text: String) throws -> Quantity {
        var parser = UnitParser(text)
        return try parser.parseQuantity()
    }

    /// Parses a unit expression alone (no number), e.g. `"ohm*cm"`; returns its SI scale factor.
    public static func parseUnit(_ text: String) throws -> Quantity {
        var parser = UnitParser(text)
        return try parser.parseWholeUnit()
    }
}

/// Why a quantity string could not be read.
public struct UnitSyntaxError: Error, CustomStringConvertible, Sendable {
    public var text: String
    public var reason: String
    public var description: String { "cannot read \"\(text)\": \(reason)" }
}

/// Recursive-descent parser behind `Quantity.parse`.
struct UnitParser {
    let text: String
    let chars: [Character]
    var position = 0

    init(_ text: String) {
        self.text = text
        self.chars = Array(text)
    }

    static let prefixes: [Character: Double] = [
        "p": 1e-12, "n": 1e-9, "u": 1e-6, "µ": 1e-6, "μ": 1e-6, "m": 1e-3, "c": 1e-2,
        "k": 1e3, "M": 1e6, "G": 1e9,
    ]

    /// Unit symbols in SI: scale factor and dimension. Mass is counted in kg, so g = 1e-3 kg.
    static let symbols: [String: Quantity] = [
        "m": Quantity(value: 1, dimension: .length),
        "g": Quantity(value: 1e-3, dimension: PhysicalDimension(kg: 1)),
        "s": Quantity(value: 1, dimension: PhysicalDimension(s: 1)),
        "A": Quantity(value: 1, dimension: .current),
        "K": Quantity(value: 1, dimension: .temperature),
        "V": Quantity(value: 1, dimension: .voltage),
        "ohm": Quantity(value: 1, dimension: .resistance),
        "Ohm": Quantity(value: 1, dimension: .resistance),
        "Ω": Quantity(value: 1, dimension: .resistance),
        "W": Quantity(value: 1, dimension: PhysicalDimension(m: 2, kg: 1, s: -3)),
        "J": Quantity(value: 1, dimension: PhysicalDimension(m: 2, kg: 1, s: -2)),
        "C": Quantity(value: 1, dimension: PhysicalDimension(s: 1, A: 1)),
        "S": Quantity(value: 1, dimension: PhysicalDimension(m: -2, kg: -1, s: 3, A: 2)),
        "N": Quantity(value: 1, dimension: PhysicalDimension(m: 1, kg: 1, s: -2)),
        "Pa": Quantity(value: 1, dimension: PhysicalDimension(m: -1, kg: 1, s: -2)),
        "Hz": Quantity(value: 1, dimension: PhysicalDimension(s: -1)),
        "eV": Quantity(value: 1.602176634e-19, dimension: PhysicalDimension(m: 2, kg: 1, s: -2)),
    ]

    func fail(_ reason: String) -> UnitSyntaxError { UnitSyntaxError(text: text, reason: reason) }

    mutating func skipSpaces() {
        while position < chars.count, chars[position].isWhitespace { position += 1 }
    }

    mutating func parseQuantity() throws -> Quantity {
        skipSpaces()
        let start = position
        if position < chars.count, chars[position] == "+" || chars[position] == "-" { position += 1 }
        var digits = 0
        while position < chars.count, chars[position].isASCII, chars[position].isNumber { position += 1; digits += 1 }
        if position < chars.count, chars[position] == "." {
            position += 1
            while position < chars.count, chars[position].isASCII, chars[position].isNumber { position += 1; digits += 1 }
        }
        guard digits > 0 else { throw fail("expected a number first, e.g. \"0.2 mm\"") }
        if position < chars.count, chars[position] == "e" || chars[position] == "E" {
            let mark = position
            position += 1
            if position < chars.count, chars[position] == "+" || chars[position] == "-" { position += 1 }
            var expDigits = 0
            while position < chars.count, chars[position].isASCII, chars[position].isNumber { position += 1; expDigits += 1 }
            if expDigits == 0 { position = mark }
        }
        guard let number = Double(String(chars[start..<position])), number.isFinite else {
            throw fail("the number is not finite")
        }
        let unit = try parseWholeUnit()
        return Quantity(value: number * unit.value, dimension: unit.dimension)
    }

    mutating func parseWholeUnit() throws -> Quantity {
        skipSpaces()
        if position == chars.count { return Quantity(value: 1, dimension: .dimensionless) }
        let unit = try parseProduct()
        skipSpaces()
        guard position == chars.count else {
            throw fail("unexpected '\(chars[position])' at position \(position + 1)")
        }
        return unit
    }

    mutating func parseProduct() throws -> Quantity {
        var result = try parseTerm()
        while true {
            skipSpaces()
            guard position < chars.count else { return result }
            let op = chars[position]
            guard op == "*" || op == "/" || op == "·" || op == "." else { return result }
            position += 1
            let rhs = try parseTerm()
            if op == "/" {
                result = Quantity(value: result.value / rhs.value, dimension: result.dimension / rhs.dimension)
            } else {
                result = Quantity(value: result.value * rhs.value, dimension: result.dimension * rhs.dimension)
            }
        }
    }

    mutating func parseTerm() throws -> Quantity {
        let base = try parseFactor()
        skipSpaces()
        guard position < chars.count, chars[position] == "^" else { return base }
        position += 1
        skipSpaces()
        let start = position
        if position < chars.count, chars[position] == "-" || chars[position] == "+" { position += 1 }
        while position < chars.count, chars[position].isASCII, chars[position].isNumber { position += 1 }
        guard let n = Int(String(chars[start..<position])) else { throw fail("'^' must be followed by an integer") }
        return Quantity(value: pow(base.value, Double(n)), dimension: base.dimension.power(n))
    }

    mutating func parseFactor() throws -> Quantity {
        skipSpaces()
        guard position < chars.count else { throw fail("a unit is missing after an operator") }
        if chars[position] == "(" {
            position += 1
            let inner = try parseProduct()
            skipSpaces()
            guard position < chars.count, chars[position] == ")" else { throw fail("missing ')'") }
            position += 1
            return inner
        }
        let start = position
        while position < chars.count, chars[position].isLetter { position += 1 }
        guard position > start else { throw fail("unexpected '\(chars[position])' where a unit symbol was expected") }
        let symbol = String(chars[start..<position])
        guard let unit = Self.resolve(symbol) else {
            throw fail("unknown unit '\(symbol)' (known: m g s A K V ohm W J C S N Pa Hz eV with prefixes p n u µ m c k M G)")
        }
        return unit
    }

    /// A symbol, or a prefix followed by a symbol ("mm", "kohm", "uV").
    static func resolve(_ symbol: String) -> Quantity? {
        if let unit = symbols[symbol] { return unit }
        guard symbol.count > 1, let first = symbol.first, let scale = prefixes[first],
              let unit = symbols[String(symbol.dropFirst())] else { return nil }
        return Quantity(value: scale * unit.value, dimension: unit.dimension)
    }
}
