import Foundation

/// The driven-dissipative Hubbard model of DHM (Díaz, Han & Aron, "Electrically driven
/// insulator-to-metal transition in a correlated insulator: electronic mechanism and thermal
/// description", 2023 preprint) on the square lattice in a DC field E along x.
///
/// Units: half bandwidth D = 4t = 1, ħ = k_B = e = a = 1, so that E is the potential drop per bond
/// in units of D and the Bloch frequency is E/ħ.
public struct DrivenHubbardModel: Sendable, Equatable {
    /// U, t⊥, T (bath), Γ; `lattice` must be `.square` (the field breaks the Bethe-lattice picture).
    public var model: HubbardModel
    /// Field E (potential drop per lattice spacing), units of D.
    public var field: Double

    public init(model: HubbardModel, field: Double) {
        precondition(field >= 0)
        self.model = model
        self.field = field
    }

    /// Nearest-neighbour hopping t = D/4 of the square lattice.
    public var hopping: Double { model.halfBandwidth / 4 }
}

/// Errors of the nonequilibrium solver's input.
public enum NESSInputError: Error, Equatable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self { case .invalid(let s): return s }
    }
}

/// A real-frequency grid on which a shift by the field E is an exact index shift.
///
/// The grid is the `RealFrequencyGrid` ω_i = (i − (N−1)/2)·h with h = E/n for the smallest integer
/// n ≥ 1 with E/n ≤ `targetSpacing` (h = `targetSpacing` at E = 0); N is the smallest even count with
/// N·h/2 ≥ `halfWidth`. A field then moves every grid point onto another one, ω_i ± E = ω_{i±n}:
/// the semi-infinite-chain recursions of DHM Eq. 7 need no interpolation.
public struct FieldGrid: Sendable, Equatable {
    public let grid: RealFrequencyGrid
    /// n = E/h (0 at E = 0).
    public let shift: Int
    /// The field represented exactly on the grid, n·h.
    public var field: Double { Double(shift) * grid.spacing }

    public static let maximumCount = 1 << 18

    public init(field: Double, targetSpacing: Double, halfWidth: Double) throws {
        guard field.isFinite, field >= 0 else { throw NESSInputError.invalid("field E must be ≥ 0 (got \(field))") }
        guard targetSpacing > 0, targetSpacing.isFinite else {
            throw NESSInputError.invalid("grid spacing must be > 0 (got \(targetSpacing))")
        }
        guard halfWidth > 0, halfWidth.isFinite else { throw NESSInputError.invalid("grid half width must be > 0 (got \(halfWidth))") }
        var h = targetSpacing, n = 0
        if field > 0 {
            let ratio = (field / targetSpacing * (1 - 1e-12)).rounded(.up)
            guard ratio < Double(Self.maximumCount) else {
                throw NESSInputError.invalid(String(format: "field E = %.4g is more than %d grid spacings %.3g", field, Self.maximumCount, targetSpacing))
            }
            n = max(1, Int(ratio))
            h = field / Double(n)
        }
        let halfCount = (halfWidth / h * (1 - 1e-12)).rounded(.up)
        guard 2 * halfCount <= Double(Self.maximumCount) else {
            throw NESSInputError.invalid(String(format: "field E = %.4g needs a grid spacing %.3g and %.3g points over ±%.3g, "
                + "more than the limit %d: the grid cannot resolve this field (use a larger field or a smaller half width)",
                field, h, 2 * halfCount, halfWidth, Self.maximumCount))
        }
        let count = 2 * max(Int(halfCount), 8)
        guard n < count / 2 else {
            throw NESSInputError.invalid(String(format: "field E = %.4g exceeds the grid half width %.3g", field, halfWidth))
        }
        grid = RealFrequencyGrid(count: count, halfWidth: Double(count) * h / 2)
        shift = n
    }
}

/// Retarded and Keldysh functions on a grid: R(ω_i) complex, K(ω_i) = i·keldysh[i] (the Keldysh
/// component of a fermionic function is anti-Hermitian, hence purely imaginary for one orbital).
public struct KeldyshFunction: Sendable {
    public var retarded: [Complex]
    public var keldysh: [Double]

    public init(retarded: [Complex], keldysh: [Double]) { self.retarded = retarded; self.keldysh = keldysh }

    public static func zero(_ n: Int) -> KeldyshFunction {
        KeldyshFunction(retarded: [Complex](repeating: .zero, count: n), keldysh: [Double](repeating: 0, count: n))
    }

    /// Linear interpolation onto another grid (zero outside the source grid): used to seed a solve
    /// on one field's grid with the converged self-energy of a neighbouring field.
    public func resampled(from source: RealFrequencyGrid, to target: RealFrequencyGrid) -> KeldyshFunction {
        if source == target { return self }
        var r = [Complex](repeating: .zero, count: target.count), k = [Double](repeating: 0, count: target.count)
        for i in 0..<target.count {
            let x = (target.frequency(i) / source.spacing) + Double(source.count - 1) / 2
            let j = Int(x.rounded(.down))
            guard j >= 0, j + 1 < source.count else { continue }
            let w = x - Double(j)
            r[i] = (1 - w) * retarded[j] + w * retarded[j + 1]
            k[i] = (1 - w) * keldysh[j] + w * keldysh[j + 1]
        }
        return KeldyshFunction(retarded: r, keldysh: k)
    }
}
