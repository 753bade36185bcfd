import Foundation

extension MatsubaraSolution {
    /// Σ resampled on another temperature's Matsubara frequencies, to seed a neighbouring T.
    /// ω·Σ(iω) is interpolated linearly in ω (it tends to the constant −iU²/4 in the insulator
    /// and to zero in the metal) and held constant beyond the sampled range.
    public func selfEnergySeed(at targets: [Double]) -> BandPair<[Complex]> {
        func resample(_ s: [Complex]) -> [Complex] {
            let w = frequencies
            let ws = w.indices.map { w[$0] * s[$0] }
            var j = 0
            return targets.map { x in
                if x <= w[0] { return (1 / x) * ws[0] }
                if x >= w[w.count - 1] { return (1 / x) * ws[w.count - 1] }
                while j + 1 < w.count - 1 && w[j + 1] < x { j += 1 }
                while j > 0 && w[j] > x { j -= 1 }
                let t = (x - w[j]) / (w[j + 1] - w[j])
                return (1 / x) * ((1 - t) * ws[j] + t * ws[j + 1])
            }
        }
        return BandPair(bonding: resample(selfEnergy.bonding), antibonding: resample(selfEnergy.antibonding))
    }
}

/// Follows the metal (cooling from the highest T) and the insulator (heating from the lowest T)
/// at fixed U on the Matsubara axis; each temperature is seeded by its neighbour's Σ.
/// For t⊥ > 0 this traces the thermally driven insulator→metal transition of DHM Fig. 1b.
public struct TemperatureSweep: Sendable {
    public var template: HubbardModel
    public var convergence: Convergence
    public var cutoff: Double

    public init(template: HubbardModel, convergence: Convergence = Convergence(tolerance: 1e-9, maximumIterations: 3000),
                cutoff: Double = 60) {
        self.template = template
        self.convergence = convergence
        self.cutoff = cutoff
    }

    func solve(_ t: Double, seed: MatsubaraSolution?, branch: Branch) -> MatsubaraSolution {
        var m = template; m.temperature = t
        let s = MatsubaraIPTSolver(count: MatsubaraIPTSolver.count(temperature: t, cutoff: cutoff), temperature: t)
        let start = seed.map { $0.selfEnergySeed(at: s.transforms.frequencies) }
            ?? (branch == .metal ? s.metallicSeed() : s.insulatingSeed(for: m))
        return s.solve(m, seed: start, convergence: convergence)
    }

    /// The branch over ascending `temperatures`, visited upwards (`heating`) or downwards; the
    /// result is returned in visiting order, each step seeded by the previous one.
    public func follow(_ branch: Branch, over temperatures: [Double], heating: Bool) -> [MatsubaraSolution] {
        var previous: MatsubaraSolution? = nil
        return (heating ? temperatures : temperatures.reversed()).map { t in
            let sol = solve(t, seed: previous, branch: branch)
            previous = sol
            return sol
        }
    }

    /// Switching temperatures at fixed U (DHM Fig. 1b, Fig. 10):
    /// `insulatorOnHeating` (T_IMT: heated insulator turns metallic), `metalOnHeating`
    /// (heated metal turns insulating, DHM's T_MIT at U = 3.25), `metalOnCooling`
    /// (cooled metal turns insulating) and `insulatorOnCooling` (the insulator, cooled from the
    /// highest T, turns metallic); nil where the branch survives the whole range. A closed loop in T
    /// at fixed U needs one branch lost on heating and the other on cooling.
    public func switchingTemperatures(_ temperatures: [Double], resolution: Double = 2e-4,
                                      separation: Double = 1e-3) -> SwitchingTemperatures {
        let insUp = follow(.insulator, over: temperatures, heating: true)
        let metUp = follow(.metal, over: temperatures, heating: true)
        let metDown = follow(.metal, over: temperatures, heating: false)
        let insCooled = follow(.insulator, over: temperatures, heating: false)
        let up = temperatures, down = Array(temperatures.reversed())
        let insDown = Array(insUp.reversed()), metUpReversed = Array(metUp.reversed())
        // The heated metal is compared with the insulator followed down from the top: where the
        // insulator exists only at high T (single-orbital model) the heated insulator is a metal.
        let insCooledAscending = Array(insCooled.reversed())
        return SwitchingTemperatures(
            temperatures: temperatures,
            insulatorOnHeating: loss(insUp, reference: metUp, at: up, resolution, separation),
            metalOnHeating: loss(metUp, reference: insCooledAscending, at: up, resolution, separation),
            metalOnCooling: loss(metDown, reference: insDown, at: down, resolution, separation),
            insulatorOnCooling: loss(insCooled, reference: metUpReversed, at: down, resolution, separation),
            insulator: insUp, metal: metUp)
    }

    /// First visited temperature where `branch` jumps onto `reference`, refined by bisection.
    func loss(_ branch: [MatsubaraSolution], reference: [MatsubaraSolution], at ts: [Double],
              _ resolution: Double, _ separation: Double) -> Double? {
        func apart(_ k: Int) -> Bool {
            abs(branch[k].imaginaryGreenAtFirstFrequency - reference[k].imaginaryGreenAtFirstFrequency) > separation
        }
        func jump(_ x: [MatsubaraSolution], _ k: Int) -> Double {
            abs(x[k].imaginaryGreenAtFirstFrequency - x[k - 1].imaginaryGreenAtFirstFrequency)
        }
        // The branches merge at k; the one that jumped there is the one lost.
        guard let k = (1..<ts.count).first(where: { apart($0 - 1) && !apart($0) }),
              jump(branch, k) > jump(reference, k) else { return nil }
        return refine(keep: branch[k - 1], other: reference[k], from: ts[k - 1], to: ts[k],
                      resolution: resolution, separation: separation)
    }

    func refine(keep: MatsubaraSolution, other: MatsubaraSolution, from: Double, to: Double,
                resolution: Double, separation: Double) -> Double {
        var alive = from, dead = to, kept = keep
        while abs(dead - alive) > resolution {
            let mid = 0.5 * (alive + dead)
            let a = solve(mid, seed: kept, branch: .metal), b = solve(mid, seed: other, branch: .metal)
            if a.report.converged && abs(a.imaginaryGreenAtFirstFrequency - b.imaginaryGreenAtFirstFrequency) > separation {
                alive = mid; kept = a
            } else {
                dead = mid
            }
        }
        return 0.5 * (alive + dead)
    }
}

/// Result of `TemperatureSweep.switchingTemperatures`; the branches are in ascending T.
public struct SwitchingTemperatures: Sendable {
    public var temperatures: [Double]
    public var insulatorOnHeating: Double?
    public var metalOnHeating: Double?
    public var metalOnCooling: Double?
    public var insulatorOnCooling: Double?
    public var insulator: [MatsubaraSolution]
    public var metal: [MatsubaraSolution]
}
