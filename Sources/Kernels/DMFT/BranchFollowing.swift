import Foundation

/// Which solution a sweep follows.
public enum Branch: String, Sendable, CaseIterable {
    case metal
    case insulator
}

/// One point of a followed branch: the control parameter (U or T) and Im G₁₁(iω₀).
public struct BranchPoint: Sendable {
    public var parameter: Double
    public var imaginaryGreen: Double
    public var converged: Bool
    public var iterations: Int
}

/// Follows the metallic and insulating Matsubara solutions in U at fixed T, each step seeded
/// by the previous converged Σ (metal: U increasing from Σ = 0; insulator: U decreasing from the
/// dimer-limit seed, DHM §III). The Matsubara axis is the arbiter of the coexistence boundaries.
public struct InteractionSweep: Sendable {
    public var template: HubbardModel
    public var convergence: Convergence
    /// Cutoff ω_max of the Matsubara grid (units of D).
    public var cutoff: Double

    public init(template: HubbardModel, convergence: Convergence = Convergence(tolerance: 1e-9, maximumIterations: 3000),
                cutoff: Double = 60) {
        self.template = template
        self.convergence = convergence
        self.cutoff = cutoff
    }

    func solver() -> MatsubaraIPTSolver {
        MatsubaraIPTSolver(count: MatsubaraIPTSolver.count(temperature: template.temperature, cutoff: cutoff),
                           temperature: template.temperature)
    }

    func model(_ u: Double) -> HubbardModel { var m = template; m.interaction = u; return m }

    /// The branch over `values` (ascending); the metal is swept up, the insulator down.
    public func follow(_ branch: Branch, over values: [Double]) -> [(BranchPoint, MatsubaraSolution)] {
        let s = solver()
        let order = branch == .metal ? values : values.reversed()
        var seed: BandPair<[Complex]>? = nil
        var out: [(BranchPoint, MatsubaraSolution)] = []
        for u in order {
            let m = model(u)
            let sol = s.solve(m, seed: seed ?? (branch == .metal ? s.metallicSeed() : s.insulatingSeed(for: m)),
                              convergence: convergence)
            seed = sol.selfEnergy
            out.append((BranchPoint(parameter: u, imaginaryGreen: sol.imaginaryGreenAtFirstFrequency,
                                    converged: sol.report.converged, iterations: sol.report.iterations), sol))
        }
        return branch == .metal ? out : out.reversed()
    }
}

/// Coexistence window U_c1 < U < U_c2 at one temperature.
public struct CoexistenceWindow: Sendable {
    public var temperature: Double
    /// nil when the two branches coincide everywhere (above the critical end point).
    public var lower: Double?
    public var upper: Double?
    public var unconvergedSolves: Int
}

extension InteractionSweep {
    /// U_c1(T), U_c2(T): the extent of the set where the branches differ by more than
    /// `separation` in Im G₁₁(iω₀), on a grid of step `step`, each end refined by bisection to
    /// `resolution` (seeded from the neighbouring solution on the branch being lost).
    public func coexistence(range: ClosedRange<Double>, step: Double, resolution: Double = 1e-3,
                            separation: Double = 1e-3) -> CoexistenceWindow {
        let n = Int(((range.upperBound - range.lowerBound) / step).rounded()) + 1
        let values = (0..<n).map { range.lowerBound + Double($0) * step }
        let metal = follow(.metal, over: values), insulator = follow(.insulator, over: values)
        let bad = (metal + insulator).filter { !$0.0.converged }.count
        let split = values.indices.filter { abs(metal[$0].0.imaginaryGreen - insulator[$0].0.imaginaryGreen) > separation }
        guard let first = split.first, let last = split.last else {
            return CoexistenceWindow(temperature: template.temperature, lower: nil, upper: nil, unconvergedSolves: bad)
        }
        let s = solver()
        // U_c2: the metal is lost between values[last] and values[last+1].
        var upper = values[last]
        if last + 1 < n {
            upper = refine(s, keep: metal[last].1, other: insulator[last + 1].1, from: values[last],
                           to: values[last + 1], resolution: resolution, separation: separation)
        }
        var lower = values[first]
        if first > 0 {
            lower = refine(s, keep: insulator[first].1, other: metal[first - 1].1, from: values[first],
                           to: values[first - 1], resolution: resolution, separation: separation)
        }
        return CoexistenceWindow(temperature: template.temperature, lower: lower, upper: upper, unconvergedSolves: bad)
    }

    /// Bisects between `from` (where the kept branch exists, solution `keep`) and `to` (where it
    /// is gone, the surviving branch there being `other`) for the last U where it survives.
    func refine(_ s: MatsubaraIPTSolver, keep: MatsubaraSolution, other: MatsubaraSolution, from: Double, to: Double,
                resolution: Double, separation: Double) -> Double {
        var alive = from, dead = to, keepSeed = keep.selfEnergy
        while abs(dead - alive) > resolution {
            let mid = 0.5 * (alive + dead)
            let a = s.solve(model(mid), seed: keepSeed, convergence: convergence)
            let b = s.solve(model(mid), seed: other.selfEnergy, convergence: convergence)
            if a.report.converged && abs(a.imaginaryGreenAtFirstFrequency - b.imaginaryGreenAtFirstFrequency) > separation {
                alive = mid; keepSeed = a.selfEnergy
            } else {
                dead = mid
            }
        }
        return 0.5 * (alive + dead)
    }
}
