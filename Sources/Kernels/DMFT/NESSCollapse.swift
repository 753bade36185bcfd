import Foundation

/// Equilibrium DC transport of one branch in the units of the field-driven solver: the conductivity
/// per orbital and per spin, σ₁ = π L₀ (half of the spin-summed Kubo σ = 2π L₀ of `KuboTransport`,
/// PH Eq. 23 with the lattice transport function), so that linear response of the driven lattice
/// reads J = σ₁ E with J the NESS bond current per orbital and spin. Model units: D = ħ = k_B = e = a = 1.
public struct EquilibriumBranchTransport: Sendable {
    public struct Point: Sendable {
        public var temperature: Double
        /// σ₁ = π L₀ (e²/ħa per orbital and spin).
        public var conductivity: Double
        public var resistivity: Double { 1 / conductivity }
        /// ρ_loc(ω = 0) of the equilibrium solution (1/D).
        public var densityAtFermiLevel: Double
        public var converged: Bool
    }

    public var solver: RealAxisIPTSolver
    public var transport: KuboTransport
    public var convergence = Convergence(tolerance: 1e-7, maximumIterations: 1500)

    /// Square lattice, particle–hole symmetric transport function (λ = 0: the NESS model has no asymmetry).
    public init(grid: RealFrequencyGrid = RealFrequencyGrid(count: 1 << 14, halfWidth: 6)) {
        solver = RealAxisIPTSolver(grid: grid)
        transport = KuboTransport(function: TransportFunction(lattice: .square))
    }

    /// Follows `branch` of `template` through `temperatures` in increasing order (the insulator is
    /// heated from the dimer seed, the metal from Σ = 0), each point seeded by the previous one.
    /// Results come back in the order of `temperatures`.
    public func follow(_ template: HubbardModel, temperatures: [Double], branch: Branch) -> [Point] {
        let order = temperatures.indices.sorted { temperatures[$0] < temperatures[$1] }
        var out = [Point?](repeating: nil, count: temperatures.count)
        var seed: BandPair<[Complex]>? = nil
        for k in order {
            var m = template
            m.temperature = temperatures[k]
            let start = seed ?? (branch == .metal ? solver.metallicSeed() : solver.insulatingSeed(for: m))
            let s = solver.solve(m, seed: start, convergence: convergence)
            seed = s.selfEnergy
            let c = transport.coefficients(s)
            out[k] = Point(temperature: m.temperature, conductivity: c.conductivity / 2,
                           densityAtFermiLevel: s.densityAtFermiLevel, converged: s.report.converged)
        }
        return out.map { $0! }
    }
}

/// One point of the transport-level collapse of the driven state onto equilibrium (DHM Eq. 14
/// applied to the resistivity): ρ_NESS(E) = E/J(E) against the equilibrium ρ(T) of the same branch
/// evaluated at T = T_eff(E) (DHM Eq. 13). Model units (ρ in ħa/e² per orbital and spin).
public struct TransportCollapsePoint: Sendable {
    public var branch: Branch
    public var field: Double
    public var current: Double
    public var effectiveTemperature: Double
    public var drivenDensityAtFermiLevel: Double
    public var equilibrium: EquilibriumBranchTransport.Point

    public var drivenResistivity: Double { field / current }
    /// ρ_NESS / ρ_eq(T_eff): 1 for a perfect collapse.
    public var ratio: Double { drivenResistivity / equilibrium.resistivity }

    public init(branch: Branch, driven p: NESSPoint, equilibrium: EquilibriumBranchTransport.Point) {
        self.branch = branch
        field = p.field
        current = p.current
        effectiveTemperature = p.effectiveTemperature
        drivenDensityAtFermiLevel = p.densityAtFermiLevel
        self.equilibrium = equilibrium
    }
}

/// The collapse study of one branch: the NESS branch is followed in E (as `dmft ness-table` does:
/// it ends at the first unconverged point or where ρ_loc(0) jumps by more than 10×), then the
/// equilibrium branch is solved at each point's T_eff.
public struct TransportCollapse: Sendable {
    public var template: DrivenHubbardModel
    public var convergence: Convergence
    public var equilibrium: EquilibriumBranchTransport

    public init(template: DrivenHubbardModel, convergence: Convergence, equilibrium: EquilibriumBranchTransport) {
        self.template = template
        self.convergence = convergence
        self.equilibrium = equilibrium
    }

    /// Points with E > 0 on the followed branch (E = 0 carries no current and is skipped).
    public func run(_ solver: NESSSolver, fields: [Double], branch: Branch,
                    onPoint: (Int, NESSPoint) -> Void = { _, _ in }) throws -> [TransportCollapsePoint] {
        let sweep = NESSFieldSweep(template: template, convergence: convergence)
        let points = try sweep.follow(solver, fields: fields, seed: branch == .metal ? .metal : .insulator) { k, p, _ in onPoint(k, p) }
        var kept: [NESSPoint] = []
        for p in points {
            guard p.converged else { break }
            if let l = kept.last, l.densityAtFermiLevel > 0,
               p.densityAtFermiLevel > 10 * l.densityAtFermiLevel || p.densityAtFermiLevel < 0.1 * l.densityAtFermiLevel { break }
            kept.append(p)
        }
        let driven = kept.filter { $0.field > 0 && $0.current > 0 }
        let eq = equilibrium.follow(template.model, temperatures: driven.map(\.effectiveTemperature), branch: branch)
        return zip(driven, eq).map { TransportCollapsePoint(branch: branch, driven: $0, equilibrium: $1) }
    }
}
