import Foundation

/// One point of a field sweep: the printed numbers of `filament dmft ness…`.
public struct NESSPoint: Sendable {
    public var field: Double
    public var current: Double
    public var effectiveTemperature: Double
    public var densityAtFermiLevel: Double
    public var balance: Double
    public var closure: Double
    public var iterations: Int
    public var residual: Double
    public var converged: Bool

    public init(_ s: NESSSolution) {
        let o = s.observables
        field = o.field; current = o.current; effectiveTemperature = o.effectiveTemperature
        densityAtFermiLevel = o.densityAtFermiLevel; balance = o.balance; closure = o.closure
        iterations = s.report.iterations; residual = s.report.residual; converged = s.converged
    }

    /// `E J T_eff rho0 balance iterations`.
    public var line: String {
        String(format: "%.6g %.8e %.8e %.8e %.3e %d", field, current, effectiveTemperature, densityAtFermiLevel, balance, iterations)
    }

    /// `E J T_eff rho0 balance iterations closure`, closure = |J·E − Q_bath − Q_U|/(J·E).
    public var lineWithClosure: String { line + String(format: " %.3e", closure) }
}

/// Continuation in E (DHM §III): each field is seeded by the last converged solution of the branch.
public struct NESSFieldSweep: Sendable {
    public var template: DrivenHubbardModel
    public var convergence: Convergence

    public init(template: DrivenHubbardModel, convergence: Convergence) {
        self.template = template
        self.convergence = convergence
    }

    /// Follows the branch started from `seed` over `fields` in the given order. When the continued
    /// solution does not converge, the point is solved again from the branch's own starting seed
    /// (a continued iterate can stall near a fixed point that exists), then from `fallback`
    /// (typically the other phase's seed: past its spinodal the branch has ended, and the state the
    /// system falls into is found). A point that converges from none of them is returned as failed and
    /// the next one is seeded from the last converged solution.
    public func follow(_ solver: NESSSolver, fields: [Double], seed: NESSSeed, fallback: NESSSeed? = nil,
                       onPoint: (Int, NESSPoint, NESSSolution) -> Void = { _, _, _ in }) throws -> [NESSPoint] {
        var current = seed, out: [NESSPoint] = []
        for (k, e) in fields.enumerated() {
            var d = template
            d.field = e
            var s = try solver.solve(d, seed: current, convergence: convergence)
            if !s.converged, case .previous = current {
                for retrySeed in [seed, fallback].compactMap({ $0 }) {
                    if case .previous = retrySeed { continue }
                    let retry = try solver.solve(d, seed: retrySeed, convergence: convergence)
                    if retry.converged { s = retry; break }
                }
            }
            let p = NESSPoint(s)
            if p.converged { current = .previous(s) }
            out.append(p)
            onPoint(k, p, s)
        }
        return out
    }
}

/// Where a followed branch is lost: the first field at which ρ_loc(0) jumps by more than `jump`
/// (a factor) from the previous converged point, and T_eff on the last point before it (DHM Eq. 14).
public struct FieldTransition: Sendable {
    public var field: Double
    public var previousField: Double
    public var effectiveTemperatureBefore: Double

    public static func find(_ points: [NESSPoint], jump: Double = 10) -> FieldTransition? {
        var last: NESSPoint? = nil
        for p in points where p.converged {
            if let l = last, l.densityAtFermiLevel > 0, p.densityAtFermiLevel > 0 {
                let r = p.densityAtFermiLevel / l.densityAtFermiLevel
                if r > jump || r < 1 / jump {
                    return FieldTransition(field: p.field, previousField: l.field, effectiveTemperatureBefore: l.effectiveTemperature)
                }
            }
            last = p
        }
        return nil
    }
}
