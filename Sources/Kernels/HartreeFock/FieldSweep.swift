import Foundation

/// All self-consistent solutions at one field.
public struct FieldSweepPoint: Sendable {
    public let field: Double
    public let solutions: [MeanFieldSolution]

    /// The largest stable Δ > 0, if any. At strong fields and small Γ this can be a weakly
    /// ordered Wannier–Stark metal rather than the AFI; use `FieldSweep.insulatingBranch` to
    /// follow the AFI by continuity.
    public var largestStableGap: MeanFieldSolution? {
        solutions.filter { $0.gap > 0 && $0.stability == .stable }.max { $0.gap < $1.gap }
    }

    /// The stable non-zero solution continuing `previous` (nearest, within max(0.3, 30 %)).
    public func stableSolution(continuing previous: Double) -> MeanFieldSolution? {
        let near = solutions.filter { $0.gap > 0 && $0.stability == .stable }
            .min { abs($0.gap - previous) < abs($1.gap - previous) }
        guard let n = near, abs(n.gap - previous) <= max(0.3, 0.3 * previous) else { return nil }
        return n
    }

    /// The paramagnetic-metal solution Δ = 0 (always a solution; stable or not).
    public var metal: MeanFieldSolution? { solutions.first { $0.gap == 0 } }
}

/// Field sweeps of the mean-field condition and the switching fields of HF Fig. 1b: the IMT field
/// E_IMT where the insulating (AFI) branch ends at a fold (it merges with the unstable solution),
/// and the MIT field E_MIT below which the metal (Δ = 0) loses stability, F'(0) = 1.
public struct FieldSweep: Sendable {
    /// Lattice parameters; its `field` is overwritten by the sweep.
    public var lattice: DrivenHubbardLattice
    public var scanPoints: Int

    public init(lattice: DrivenHubbardLattice, scanPoints: Int = 24) {
        self.lattice = lattice
        self.scanPoints = scanPoints
    }

    func solver(field: Double) -> MeanFieldSolver {
        var l = lattice
        l.field = field
        return MeanFieldSolver(lattice: l, scanPoints: scanPoints)
    }

    /// All solutions at every field: a root scan per field, completed by secant continuation of
    /// the previous field's non-zero roots that the scan missed (two roots closer than the scan
    /// spacing, typically just before a fold).
    public func sweep(fields: [Double]) -> [FieldSweepPoint] {
        var previous: [MeanFieldSolution] = []
        return fields.map { e in
            let s = solver(field: e)
            var found = s.solutions()
            for old in previous where old.gap > 0 && !found.contains(where: { abs($0.gap - old.gap) < 0.1 }) {
                if let c = s.continueSolution(from: old.gap),
                   !found.contains(where: { abs($0.gap - c.gap) < 10 * s.tolerance }) {
                    found.append(c)
                }
            }
            found.sort { $0.gap < $1.gap }
            previous = found
            return FieldSweepPoint(field: e, solutions: found)
        }
    }

    /// Follows one non-zero solution through `fields` by secant continuation from `start`
    /// (cheap: a few evaluations per field). Entries are nil once the branch has ended.
    public func follow(from start: Double, fields: [Double]) -> [MeanFieldSolution?] {
        var guess: Double? = start
        return fields.map { e in
            guard let g = guess else { return nil }
            let s = solver(field: e).continueSolution(from: g)
            guess = s?.gap
            return s
        }
    }

    /// E_MIT: the field in [lower, upper] where F'(0) crosses 1 (bisection, relative tolerance).
    public func metalStabilityEdge(lower: Double, upper: Double, tolerance: Double = 1e-3) -> Double {
        let sign = { (e: Double) in solver(field: e).slopeAtZero() - 1 }
        return bisect(lower, upper, tolerance) { (sign($0) < 0) == (sign(lower) < 0) }
    }

    /// E_IMT: the fold where the insulating root disappears, between `lower` (insulator found at
    /// Δ = `gap`, unstable partner at `partner`) and `upper` (no insulator). The insulator exists
    /// at a field when max F(Δ) − Δ over [partner, gap] is positive (golden-section search).
    public func insulatorEdge(lower: Double, upper: Double, gap: Double, partner: Double,
                              tolerance: Double = 1e-3) -> Double {
        bisect(lower, upper, tolerance) { e in
            let s = solver(field: e)
            return FieldSweep.goldenMaximum(partner, gap) { s.residual($0) } > 0
        }
    }

    /// Largest value of g on [a, b] for unimodal g (golden section, 24 steps).
    static func goldenMaximum(_ a0: Double, _ b0: Double, _ g: (Double) -> Double) -> Double {
        let r = (5.0.squareRoot() - 1) / 2
        var (a, b) = (a0, b0)
        var c = b - r * (b - a), d = a + r * (b - a)
        var gc = g(c), gd = g(d)
        for _ in 0..<24 {
            if gc > gd {
                b = d; d = c; gd = gc; c = b - r * (b - a); gc = g(c)
            } else {
                a = c; c = d; gc = gd; d = a + r * (b - a); gd = g(d)
            }
        }
        return max(gc, gd)
    }

    /// Bisection on a predicate true at `lower` and false at `upper`.
    private func bisect(_ lower: Double, _ upper: Double, _ tolerance: Double,
                        _ holds: (Double) -> Bool) -> Double {
        var (lo, hi) = (lower, upper)
        while hi - lo > tolerance * hi {
            let mid = 0.5 * (lo + hi)
            if holds(mid) { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }

    /// The insulating (AFI) branch as an up-sweep follows it: starting from the largest stable
    /// root of the first point (or `startingGap`), at each field the stable root continuing the
    /// previous one; nil from the first field where it is gone (no re-entrance).
    public static func insulatingBranch(_ points: [FieldSweepPoint], startingGap: Double? = nil) -> [MeanFieldSolution?] {
        var previous = startingGap ?? points.first?.largestStableGap?.gap
        return points.map { p in
            guard let prev = previous, let s = p.stableSolution(continuing: prev) else {
                previous = nil
                return nil
            }
            previous = s.gap
            return s
        }
    }

    /// E_IMT and E_MIT bracketed by a sweep (nil where the sweep shows no change).
    public func switchingFields(_ points: [FieldSweepPoint]) -> (imt: Double?, mit: Double?) {
        var imt: Double?, mit: Double?
        let branch = FieldSweep.insulatingBranch(points)
        for i in 0..<max(0, points.count - 1) {
            let (p, q) = (points[i], points[i + 1])
            if mit == nil, p.metal?.stability == .unstable, q.metal?.stability == .stable {
                mit = metalStabilityEdge(lower: p.field, upper: q.field)
            }
            if imt == nil, let ins = branch[i], branch[i + 1] == nil {
                let partner = p.solutions.filter { $0.gap > 0 && $0.gap < ins.gap }.map(\.gap).max()
                imt = insulatorEdge(lower: p.field, upper: q.field, gap: ins.gap,
                                    partner: partner ?? MeanFieldSolver.smallGap)
            }
        }
        return (imt, mit)
    }
}
