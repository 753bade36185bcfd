import Foundation

/// A steady state of the finite lattice between leads, with its site- and bond-resolved
/// observables and its own checks. Model units: t = ħ = e = a = k_B = 1; currents are particle
/// currents (both spins) along +y, the direction of the field.
public struct LatticeSteadyState: Sendable {
    public let sample: LatticeSample
    public let field: Double
    /// V_s = E·(length − 1)·δ, the drop between the first and last slice.
    public let sampleVoltage: Double
    /// V_t and R in a circuit (nil for a fixed field).
    public let totalVoltage: Double?
    public let resistance: Double?
    /// n_{r↑}, n_{r↓}: the self-consistent occupations (seed for the next V_t step).
    public let densities: [[Double]]
    /// Δ_r = ½U(−1)^{n_x+n_y}(n_{r↑} − n_{r↓}) (HF main text, after Eq. 3).
    public let orderParameter: [Double]
    /// n_r = n_{r↑} + n_{r↓}.
    public let density: [Double]
    /// T_eff(r) from the first moment, (π²/6) T_eff² = ∫ (ω − μ_r)[f_r(ω) − θ(μ_r − ω)] dω (HF main
    /// text before Fig. 4), 0 where the moment is not positive.
    public let effectiveTemperature: [Double]
    /// Particle current on every bond of `sample.bonds`.
    public let bondCurrents: [Double]
    /// Particles per unit time entering the sample from the reservoir or lead of each site.
    public let reservoirInflow: [Double]
    /// Heat per unit time into the reservoir or lead of each site.
    public let reservoirHeat: [Double]
    /// Current injected by the first-slice lead and extracted by the last-slice lead, and their mean I.
    public let injectedCurrent: Double
    public let extractedCurrent: Double
    public let current: Double
    /// Net particle flow into the bulk reservoirs (sites off the leads).
    public let bulkLeak: Double
    /// Σ_r μ_r · inflow_r: the power the sources deliver (= I·V_s without bulk leak).
    public let electricalPower: Double
    /// Σ_r heat_r: must equal `electricalPower` (energy conservation).
    public let totalHeat: Double
    /// max over sites of |Σ bond outflow − inflow from the reservoir| / max(|I|, 1e-6).
    public let conservationResidual: Double
    /// Spectral function Σ_σ A/2 and distribution f_r(ω) at the requested probe sites.
    public let probeFrequencies: [Double]
    public let probeSpectral: [[Double]]
    public let probeDistribution: [[Double]]
    public let frequencyStep: Double
    public let frequencyCount: Int
    public let iterations: Int
    public let residual: Double
    /// The iteration met its tolerance AND current conservation met its tolerance.
    public let converged: Bool

    init(model: FiniteLatticeModel, field: Double, evaluation e: LatticeEvaluation, start: [[Double]],
         iterations: Int, residual: Double, selfConsistent: Bool, iteration: LatticeIteration,
         circuit: (voltage: Double, resistance: Double)?) {
        let sample = model.sample
        self.sample = sample
        self.field = field
        sampleVoltage = model.sampleVoltage(field: field)
        totalVoltage = circuit?.voltage
        resistance = circuit?.resistance
        densities = e.densities
        let n = sample.siteCount
        orderParameter = (0..<n).map { 0.5 * model.interaction * sample.staggeredSign($0) * (e.densities[0][$0] - e.densities[1][$0]) }
        density = (0..<n).map { e.densities[0][$0] + e.densities[1][$0] }
        effectiveTemperature = e.moment.map { $0 > 0 ? (6 * $0).squareRoot() / Double.pi : 0 }
        bondCurrents = e.bondCurrents
        reservoirInflow = e.inflow
        reservoirHeat = e.heat
        let w = sample.width
        injectedCurrent = e.inflow[0..<w].reduce(0, +)
        extractedCurrent = -e.inflow[(n - w)..<n].reduce(0, +)
        current = 0.5 * (injectedCurrent + extractedCurrent)
        bulkLeak = -e.inflow[w..<(n - w)].reduce(0, +)
        electricalPower = (0..<n).reduce(0) { $0 + model.potential($1, field: field) * e.inflow[$1] }
        totalHeat = e.heat.reduce(0, +)
        var divergence = e.inflow
        for (b, bond) in sample.bonds.enumerated() {
            divergence[bond.from] -= e.bondCurrents[b]
            divergence[bond.to] += e.bondCurrents[b]
        }
        let scale = max(abs(current), 1e-6)
        conservationResidual = (divergence.map(abs).max() ?? 0) / scale
        probeFrequencies = e.probeFrequencies
        probeSpectral = e.probeSpectral
        probeDistribution = e.probeDistribution
        frequencyStep = e.grid.step
        frequencyCount = e.grid.count
        self.iterations = iterations
        self.residual = residual
        converged = selfConsistent && conservationResidual < iteration.conservationTolerance
    }

    /// ½(injected + extracted) lead current of one evaluation.
    static func leadCurrent(_ e: LatticeEvaluation, sample: LatticeSample) -> Double {
        let (n, w) = (sample.siteCount, sample.width)
        return 0.5 * (e.inflow[0..<w].reduce(0, +) - e.inflow[(n - w)..<n].reduce(0, +))
    }

    /// Sum of the bond currents from slice i to slice i + 1 (the current through that cross-section).
    public func sliceCurrent(_ i: Int) -> Double {
        let w = sample.width
        var total = 0.0
        for (b, bond) in sample.bonds.enumerated() where bond.from / w == i && bond.to / w == i + 1 {
            total += bondCurrents[b]
        }
        return total
    }

    /// Mean of a site field over one slice.
    public func sliceMean(_ values: [Double], slice i: Int) -> Double {
        let w = sample.width
        return values[(i * w)..<((i + 1) * w)].reduce(0, +) / Double(w)
    }

    /// Mean |Δ_r| over the sample (the switching indicator of the I–V loop).
    public var meanAbsoluteOrder: Double {
        orderParameter.reduce(0) { $0 + abs($1) } / Double(orderParameter.count)
    }

    /// Sample-averaged T_eff (HF Fig. 3b inset).
    public var meanEffectiveTemperature: Double {
        effectiveTemperature.reduce(0, +) / Double(effectiveTemperature.count)
    }
}
