import Foundation

/// The driven-dissipative Hubbard model of HF (Li, Aron, Kotliar, Han, Nano Lett. 17, 2994 (2017),
/// main text Eqs. 1–3) on a finite `LatticeSample` between two leads, in Hartree–Fock:
/// every site r couples with rate Γ to a fermion reservoir at the local chemical potential
/// μ_r = φ(r) = −E·y (y along the field, measured from the sample centre); the sites of the first
/// and last slice couple instead with Γ_lead to the two leads, held at the same local potential.
/// Δε_r are site energies (islands, impurities). Units: t = ħ = e = a = k_B = 1.
public struct FiniteLatticeModel: Sendable {
    public var sample: LatticeSample
    public var interaction: Double
    public var damping: Double
    public var leadCoupling: Double
    public var bathTemperature: Double
    /// Δε_r per site (slice-major order, `LatticeSample` site index).
    public var siteEnergies: [Double]
    public var resolution: LatticeResolution

    public init(sample: LatticeSample, interaction: Double = 4, damping: Double = 0.01, leadCoupling: Double = 1,
                bathTemperature: Double = 0, siteEnergies: [Double]? = nil, resolution: LatticeResolution = .standard) {
        self.sample = sample
        self.interaction = interaction
        self.damping = damping
        self.leadCoupling = leadCoupling
        self.bathTemperature = bathTemperature
        self.siteEnergies = siteEnergies ?? [Double](repeating: 0, count: sample.siteCount)
        self.resolution = resolution
    }

    /// Problems with the parameters (naming the parameter and the allowed range), or nil.
    public var invalidReason: String? {
        if !(interaction >= 0 && interaction <= 50) { return "U must be in [0, 50], got \(interaction)" }
        if !(damping > 0 && damping <= 10) { return "Γ must be in (0, 10], got \(damping)" }
        if !(leadCoupling > 0 && leadCoupling <= 100) { return "Γ_lead must be in (0, 100], got \(leadCoupling)" }
        if !(bathTemperature >= 0 && bathTemperature <= 10) { return "T_bath must be in [0, 10], got \(bathTemperature)" }
        if siteEnergies.count != sample.siteCount { return "site energies: need \(sample.siteCount) values, got \(siteEnergies.count)" }
        if let bad = siteEnergies.first(where: { !$0.isFinite || abs($0) > 50 }) { return "site energy \(bad) outside [−50, 50]" }
        return resolution.invalidReason
    }

    /// Reservoir rate of site s: Γ_lead on the first and last slice, Γ elsewhere.
    public func rate(_ s: Int) -> Double {
        let slice = s / sample.width
        return slice == 0 || slice == sample.length - 1 ? leadCoupling : damping
    }

    /// Electrostatic potential φ(r) = −E·y of site s, which is also its reservoir's μ_r.
    public func potential(_ s: Int, field: Double) -> Double { -field * sample.position(s).y }

    /// Sample voltage V_s = φ(first slice) − φ(last slice) = E·(length − 1)·δ.
    public func sampleVoltage(field: Double) -> Double { field * effectiveLength }

    /// Distance between the first and last slice along the field, (length − 1)·δ.
    public var effectiveLength: Double { Double(sample.length - 1) * sample.sliceSpacing }

    /// Frequency grid for field E and the given on-site energies: step ≤ stepPerDamping·min(Γ,
    /// T_bath), commensurate with half the slice potential step so that every μ_r is a grid point;
    /// from min ε − 4t − padding up to max μ + 25 T_bath (above, every reservoir is empty to
    /// e^{−25} and nothing contributes).
    func frequencyGrid(field: Double, onsite: [Double]) -> LatticeFrequencyGrid {
        var target = resolution.stepPerDamping * damping
        if bathTemperature > 0 { target = min(target, resolution.stepPerDamping * bathTemperature) }
        var step = target
        let half = 0.5 * abs(field) * sample.sliceSpacing
        if half > 0 { step = half / (half / target).rounded(.up) }
        let mus = (0..<sample.siteCount).map { potential($0, field: field) }
        let tail = 25 * bathTemperature
        let low = (onsite.min() ?? 0) - 4 - resolution.padding
        let first = Int((low / step).rounded(.down))
        let last = Int(((mus.max() ?? 0) + tail) / step + 1e-9)
        let filled = Int((((mus.min() ?? 0) - tail) / step - 1e-9).rounded(.up))
        return LatticeFrequencyGrid(step: step, firstIndex: first, lastIndex: max(last, first),
                                    firstPartialIndex: max(first, min(filled, last)))
    }
}

/// Frequency resolution of the finite-lattice Green's functions.
public struct LatticeResolution: Sendable, Equatable {
    /// Frequency step as a fraction of Γ (and of T_bath when that is smaller). The rectangle rule
    /// integrates a Lorentzian of half-width Γ with error ~2e^{−2πΓ/step}: 0.5 gives ~1e-5.
    public var stepPerDamping: Double
    /// Window below the lowest on-site energy minus the half bandwidth 4t (the Lorentzian tails
    /// beyond it are added analytically).
    public var padding: Double
    /// Worker threads for the frequency loop (0: one per core).
    public var threads: Int

    public init(stepPerDamping: Double = 0.5, padding: Double = 5, threads: Int = 0) {
        self.stepPerDamping = stepPerDamping
        self.padding = padding
        self.threads = threads
    }

    public static let standard = LatticeResolution()

    var invalidReason: String? {
        if !(stepPerDamping > 0 && stepPerDamping <= 5) { return "frequency step per Γ must be in (0, 5], got \(stepPerDamping)" }
        if !(padding >= 0 && padding <= 100) { return "frequency padding must be in [0, 100], got \(padding)" }
        if threads < 0 || threads > 256 { return "threads must be in 0...256, got \(threads)" }
        return nil
    }
}

/// ω_k = k·step for k in firstIndex...lastIndex; below `firstPartialIndex` every reservoir is
/// filled (f0 = 1), so G^< = G^A − G^R there and no lesser recursion is needed.
struct LatticeFrequencyGrid {
    let step: Double
    let firstIndex: Int
    let lastIndex: Int
    let firstPartialIndex: Int
    var count: Int { lastIndex - firstIndex + 1 }
}
