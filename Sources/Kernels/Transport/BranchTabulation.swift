import Foundation

/// Transport along one followed branch, in model units (T in D, σ in e²/ħa, S in k_B/e).
public struct BranchTransport: Sendable {
    public var temperatures: [Double] = []
    public var conductivity: [Double] = []
    public var seebeck: [Double] = []
    public var chemicalPotential: [Double] = []
    /// |Im G(iω₀)| difference between the real-axis solution continued to iω₀ and the Matsubara
    /// solution of the same branch (the arbiter), per temperature.
    public var axisDeviation: [Double] = []
    public var unconverged = 0
    /// Real-axis points dropped from the end of the sweep because they had left the branch.
    public var dropped = 0
}

/// Both branches of a model in temperature, with the Matsubara switching temperatures.
public struct TwoBranchTabulation: Sendable {
    public var insulator: BranchTransport
    public var metal: BranchTransport
    /// Insulator lost on heating (Matsubara, bisection midpoint), model units; nil if not reached.
    public var insulatorToMetal: Double?
    /// Metal lost on cooling; nil if it survives to the lowest temperature.
    public var metalToInsulator: Double?
}

/// Builds the per-phase tables: Matsubara branches decide where each phase exists (the arbiter);
/// the real-axis branches, followed with the same seeding (insulator heated, metal
/// cooled), give the spectra for the Kubo bubble.
public struct BranchTabulator: Sendable {
    public var template: HubbardModel
    public var grid: RealFrequencyGrid
    public var transport: KuboTransport
    public var realConvergence = Convergence(tolerance: 1e-6, maximumIterations: 600)
    /// A real-axis point whose |Im G(iω₀)| differs from the Matsubara branch by more than this
    /// has jumped to the other solution (the real axis is biased by Γ near the gap) and ends the
    /// branch.
    public var branchTolerance = 1e-2

    public init(template: HubbardModel, grid: RealFrequencyGrid, transport: KuboTransport) {
        self.template = template
        self.grid = grid
        self.transport = transport
    }

    /// `metalExtension`: temperatures above `ts` where only the metal is tabulated (a hot
    /// metal's σ, S at a field channel's T_eff); the switching search stays on `ts`.
    public func tabulate(temperatures ts: [Double], resolution: Double = 1e-4,
                         metalExtension: [Double] = []) -> TwoBranchTabulation {
        let sweep = TemperatureSweep(template: template)
        let sw = sweep.switchingTemperatures(ts, resolution: resolution)
        let solver = RealAxisIPTSolver(grid: grid)
        // The insulator is tabulated up to its last temperature below the spinodal, plus the
        // last temperature where bisection still found it.
        var insT = ts.filter { sw.insulatorOnHeating == nil || $0 < sw.insulatorOnHeating! - resolution }
        if let imt = sw.insulatorOnHeating { insT.append(imt - resolution) }
        let metT = ts.filter { sw.metalOnCooling == nil || $0 > sw.metalOnCooling! + resolution }
            + metalExtension.filter { $0 > (ts.last ?? 0) }
        let insRef = reference(sw.insulator, ts, insT, sweep)
        let metRef = reference(sw.metal, ts, metT, sweep)
        let ins = follow(solver, insT, heating: true, branch: .insulator, reference: insRef)
        let met = follow(solver, metT, heating: false, branch: .metal, reference: metRef)
        return TwoBranchTabulation(insulator: ins, metal: met, insulatorToMetal: sw.insulatorOnHeating,
                                   metalToInsulator: sw.metalOnCooling)
    }

    /// Matsubara Im G(iω₀) of the branch at each wanted T (re-solved where T is not on the sweep grid).
    func reference(_ branch: [MatsubaraSolution], _ ts: [Double], _ wanted: [Double], _ sweep: TemperatureSweep) -> [Double] {
        wanted.map { t in
            if let k = ts.firstIndex(of: t) { return branch[k].imaginaryGreenAtFirstFrequency }
            let near = branch.min { abs($0.model.temperature - t) < abs($1.model.temperature - t) }
            return sweep.solve(t, seed: near, branch: .insulator).imaginaryGreenAtFirstFrequency
        }
    }

    func follow(_ solver: RealAxisIPTSolver, _ ts: [Double], heating: Bool, branch: Branch,
                reference: [Double]) -> BranchTransport {
        var out = BranchTransport()
        var seed: BandPair<[Complex]>? = nil
        let order = heating ? Array(ts.indices) : Array(ts.indices.reversed())
        var rows: [(Double, TransportCoefficients, Double, Bool)] = []
        for k in order {
            var m = template; m.temperature = ts[k]
            let s = solver.solve(m, seed: seed ?? (branch == .metal ? solver.metallicSeed() : solver.insulatingSeed(for: m)),
                                 convergence: realConvergence)
            seed = s.selfEnergy
            let g0 = s.matsubaraGreen(at: [Double.pi * ts[k]])
            let im = 0.5 * (g0.bonding[0].imaginary + g0.antibonding[0].imaginary)
            rows.append((ts[k], transport.coefficients(s), abs(im - reference[k]), s.report.converged))
        }
        // Keep the sweep up to the first point that left the branch.
        if let cut = rows.firstIndex(where: { $0.2 > branchTolerance }) {
            out.dropped = rows.count - cut
            rows.removeSubrange(cut...)
        }
        if !heating { rows.reverse() }
        for (t, c, dev, ok) in rows {
            out.temperatures.append(t); out.conductivity.append(c.conductivity); out.seebeck.append(c.seebeck)
            out.chemicalPotential.append(c.chemicalPotential); out.axisDeviation.append(dev)
            if !ok { out.unconverged += 1 }
        }
        return out
    }
}
