import Foundation

/// Numerical resolution of the steady-state Green's functions.
public struct SpectralResolution: Sendable, Codable, Equatable {
    /// Frequency step as a fraction of the bath rate Γ (and of T_bath when that is smaller).
    public var stepPerDamping: Double
    /// Gauss–Legendre nodes for the transverse momentum on [0, π/2].
    public var transverseNodes: Int
    /// Frequency window beyond the band edge √(Δ² + 16), in units of t.
    public var padding: Double

    public init(stepPerDamping: Double = 0.5, transverseNodes: Int = 64, padding: Double = 5) {
        self.stepPerDamping = stepPerDamping
        self.transverseNodes = transverseNodes
        self.padding = padding
    }

    public static let standard = SpectralResolution()
}

/// The infinite, uniform half-filled Hubbard lattice in Hartree–Fock with antiferromagnetic
/// order Δ, every site coupled with rate Γ to a fermion bath at T_bath and at the local
/// electrostatic potential, in a DC field E (HF Eqs. 1–3, HF text after Eq. 3, SI §I). The steady
/// state is computed directly from retarded and lesser Green's functions (no time stepping) by the
/// Wannier–Stark chain recursion of `HartreeFock.accumulateChain`. Units: t = ħ = e = a = k_B = 1.
public struct DrivenHubbardLattice: Sendable {
    public var interaction: Double
    public var field: Double
    public var direction: FieldDirection
    public var bathTemperature: Double
    public var damping: Double
    public var resolution: SpectralResolution

    public init(interaction: Double, field: Double, direction: FieldDirection = .diagonal,
                bathTemperature: Double = 0, damping: Double = 0.01,
                resolution: SpectralResolution = .standard) {
        self.interaction = interaction
        self.field = field
        self.direction = direction
        self.bathTemperature = bathTemperature
        self.damping = damping
        self.resolution = resolution
    }

    /// Problems with the parameters, or nil. The recursion needs E > 0 (E = 0 is the equilibrium
    /// limit, `EquilibriumMeanField`) and Γ > 0.
    public var invalidReason: String? {
        if !(interaction > 0) { return "U must be > 0" }
        if !(field > 0) { return "E must be > 0 (use EquilibriumMeanField for E = 0)" }
        if !(damping > 0) { return "Γ must be > 0" }
        if !(bathTemperature >= 0) { return "T_bath must be ≥ 0" }
        if resolution.transverseNodes < 1 || !(resolution.stepPerDamping > 0) { return "bad resolution" }
        return nil
    }

    /// Frequency grid for gap Δ: step ≤ stepPerDamping·min(Γ, T_bath), commensurate with E·δr.
    func frequencyGrid(gap: Double) -> (HartreeFock.FrequencyGrid, stepsPerPotentialStep: Int) {
        let potentialStep = field * direction.potentialStepPerField
        var target = resolution.stepPerDamping * damping
        if bathTemperature > 0 { target = min(target, resolution.stepPerDamping * bathTemperature) }
        let m = max(1, Int((potentialStep / target).rounded(.up)))
        let step = potentialStep / Double(m)
        let edge = (gap * gap + 16).squareRoot() + resolution.padding + 4 * potentialStep
        let half = Int((edge / step).rounded(.up))
        return (HartreeFock.FrequencyGrid(step: step, firstIndex: -half, count: 2 * half + 1), m)
    }

    /// Transverse-averaged local spectra (spin ↑, A and B sites) for a given order parameter Δ.
    func localSpectra(gap: Double) -> (HartreeFock.LocalSpectra, HartreeFock.FrequencyGrid) {
        precondition(invalidReason == nil, invalidReason ?? "")
        let (grid, m) = frequencyGrid(gap: gap)
        let fermi = HartreeFock.FermiTable(grid: grid, temperature: bathTemperature, padding: 2 * m + 1)
        let rule = HartreeFock.GaussLegendre(count: resolution.transverseNodes, lower: 0, upper: Double.pi / 2)
        let potentialStep = field * direction.potentialStepPerField
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, rule.nodes.count, 8))
        var partial = [HartreeFock.LocalSpectra](repeating: .init(count: grid.count), count: workers)
        let (direction, damping) = (self.direction, self.damping)
        partial.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            // Transverse momenta are independent chains: each worker sums its own share.
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for i in stride(from: worker, to: rule.nodes.count, by: workers) {
                    let cell = HartreeFock.chainCell(direction: direction, gap: gap, momentum: rule.nodes[i],
                                                     potentialStep: potentialStep, stepsPerPotentialStep: m)
                    HartreeFock.accumulateChain(cell: cell, grid: grid, damping: damping, fermi: fermi,
                                                weight: rule.weights[i] / (Double.pi / 2), into: &slots[worker])
                }
            }
        }
        var spectra = partial[0]
        for other in partial.dropFirst() { spectra.add(other) }
        spectra.trimToCommonWindow()
        return (spectra, grid)
    }

    /// The mean-field map F(Δ; E, T_bath, Γ) = ½U⟨n↑ − n↓⟩_A = ½U(n↑_A − n↑_B) (HF Fig. 1a–b;
    /// spin ↓ on A equals spin ↑ on B by the translation-plus-potential-shift symmetry).
    public func meanFieldMap(gap: Double) -> Double {
        steadyState(gap: gap).meanField
    }

    /// All steady-state observables at a given Δ (self-consistent or not).
    public func steadyState(gap: Double) -> SteadyState {
        let (spectra, grid) = localSpectra(gap: gap)
        return SteadyState(gap: gap, interaction: interaction, field: field, damping: damping,
                           bathTemperature: bathTemperature, spectra: spectra, grid: grid)
    }
}
