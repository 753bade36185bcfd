import Foundation

/// Everything one pass over the frequency grid yields for given densities and field: the new
/// densities (the Hartree–Fock map) and the site- and bond-resolved observables. Both spins,
/// particle currents, model units.
struct LatticeEvaluation {
    /// n_{r↑}, n_{r↓} from ∫ N_r(ω) dω (plus the analytic Lorentzian tail below the window).
    var densities: [[Double]]
    /// Particles per unit time flowing from the reservoir (or lead) of site r into the sample:
    /// Σ_σ 2Γ_r ∫ [A f0(ω − μ_r) − N] dω (minus HF SI Eq. 2).
    var inflow: [Double]
    /// Heat per unit time into the reservoir of site r: Σ_σ 2Γ_r ∫ (ω − μ_r)[N − A f0] dω.
    var heat: [Double]
    /// ∫ (ω − μ_r)[f_r(ω) − θ(μ_r − ω)] dω with f_r = Σ_σ N / Σ_σ A (HF SI Eq. 6, spin-averaged).
    var moment: [Double]
    /// Particle current on every bond (`LatticeSample.bonds` order, positive from → to).
    var bondCurrents: [Double]
    /// ω, Σ_σ A_r(ω)/2 and f_r(ω) at the probe sites.
    var probeFrequencies: [Double]
    var probeSpectral: [[Double]]
    var probeDistribution: [[Double]]
    var grid: LatticeFrequencyGrid
}

extension FiniteLatticeModel {
    /// Largest frequency grid a single pass may use (memory and time guard).
    static let maximumFrequencies = 4_000_000

    /// On-site energy of spin σ (0 = ↑, 1 = ↓) at site s: Δε_r + φ(r) + U(n_{r,−σ} − ½) (HF main text).
    func onsiteEnergies(spin: Int, field: Double, densities: [[Double]]) -> [Double] {
        (0..<sample.siteCount).map { s in
            siteEnergies[s] + potential(s, field: field) + interaction * (densities[1 - spin][s] - 0.5)
        }
    }

    /// One pass of the slice recursion over the frequency grid (both spins), in parallel over ω.
    func evaluate(field: Double, densities: [[Double]], probes: [Int] = []) throws -> LatticeEvaluation {
        let n = sample.siteCount
        let hamiltonians = (0..<2).map { spin in
            HartreeFock.SpinHamiltonian(sample: sample, onsite: onsiteEnergies(spin: spin, field: field, densities: densities),
                                        rates: (0..<n).map(rate), chemicalPotentials: (0..<n).map { potential($0, field: field) })
        }
        let grid = frequencyGrid(field: field, onsite: hamiltonians[0].onsite + hamiltonians[1].onsite)
        guard grid.count <= FiniteLatticeModel.maximumFrequencies else {
            throw FiniteLatticeError.unresolvable("the frequency grid would need \(grid.count) points (> \(FiniteLatticeModel.maximumFrequencies)): raise the frequency step or Γ, or lower the field × length")
        }
        let bondCount = sample.bonds.count
        let workers = resolution.threads > 0 ? resolution.threads
            : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16))
        HartreeFock.ComplexMatrix.useSingleThreadedBLAS()
        var partials = [LatticeEvaluation](repeating: LatticeEvaluation.zero(sites: n, bonds: bondCount, probes: probes.count,
                                                                               frequencies: grid.count, grid: grid),
                                           count: workers)
        let model = self
        partials.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for k in stride(from: grid.firstIndex + worker, through: grid.lastIndex, by: workers) {
                    model.accumulate(frequencyIndex: k, grid: grid, hamiltonians: hamiltonians, probes: probes,
                                     into: &slots[worker])
                }
            }
        }
        var total = partials[0]
        for other in partials.dropFirst() { total.add(other) }
        addLowerTails(&total, hamiltonians: hamiltonians, grid: grid)
        for (p, _) in probes.enumerated() {
            for k in 0..<grid.count where total.probeSpectral[p][k] > 0 {
                total.probeDistribution[p][k] /= total.probeSpectral[p][k]
                total.probeSpectral[p][k] *= 0.5
            }
        }
        return total
    }

    /// Adds frequency ω_k of both spins to `acc`.
    private func accumulate(frequencyIndex k: Int, grid: LatticeFrequencyGrid, hamiltonians: [HartreeFock.SpinHamiltonian],
                            probes: [Int], into acc: inout LatticeEvaluation) {
        let omega = Double(k) * grid.step
        let dw = grid.step
        let partial = k >= grid.firstPartialIndex
        let mus = hamiltonians[0].chemicalPotentials
        let fermi: (Int) -> Double = { s in SteadyState.fermi(omega - mus[s], self.bathTemperature) }
        let slices = hamiltonians.map { HartreeFock.solveFrequency($0, omega: omega, fermi: fermi, lesserNeeded: partial) }
        for s in 0..<sample.siteCount {
            var a = 0.0, occ = 0.0
            for spin in 0..<2 {
                acc.densities[spin][s] += slices[spin].occupied[s] * dw
                a += slices[spin].spectral[s]
                occ += slices[spin].occupied[s]
            }
            guard partial else { continue }
            let f0 = fermi(s)
            let excess = occ - a * f0
            let gamma = hamiltonians[0].rates[s]
            acc.inflow[s] -= 2 * gamma * excess * dw
            acc.heat[s] += 2 * gamma * (omega - mus[s]) * excess * dw
            if a > 1e-300 {
                let step = omega < mus[s] ? 1.0 : (omega > mus[s] ? 0.0 : 0.5)
                acc.moment[s] += (omega - mus[s]) * (occ / a - step) * dw
            }
        }
        if partial {
            for b in acc.bondCurrents.indices {
                acc.bondCurrents[b] += (slices[0].bondCurrents[b] + slices[1].bondCurrents[b]) * dw
            }
        }
        let j = k - grid.firstIndex
        for (p, s) in probes.enumerated() {
            acc.probeSpectral[p][j] = slices[0].spectral[s] + slices[1].spectral[s]
            acc.probeDistribution[p][j] = slices[0].occupied[s] + slices[1].occupied[s]
        }
    }

    /// Below the window every reservoir is filled and G_rr(ω) = 1/(ω − h) + z_r/(ω − h)³ + …
    /// (h = ε_r − iΓ_r, z_r neighbours with hopping 1), so each spin adds
    /// −(1/π) Im ∫_{−∞}^{ω_low} G_rr dω = ½ + arctan((ω_low − ε_r)/Γ_r)/π + z_r Im[(ω_low − h)^{−2}]/(2π).
    private func addLowerTails(_ total: inout LatticeEvaluation, hamiltonians: [HartreeFock.SpinHamiltonian],
                               grid: LatticeFrequencyGrid) {
        let low = (Double(grid.firstIndex) - 0.5) * grid.step
        let neighbours = sample.coordination
        for spin in 0..<2 {
            for s in 0..<sample.siteCount {
                let h = hamiltonians[spin]
                let (x, g) = (low - h.onsite[s], h.rates[s])
                let lorentzian = 0.5 + atan(x / g) / Double.pi
                // Im (x + iΓ)^{−2} = −2xΓ/(x² + Γ²)²
                let hopping = Double(neighbours[s]) * (-2 * x * g) / pow(x * x + g * g, 2) / (2 * Double.pi)
                total.densities[spin][s] += lorentzian + hopping
            }
        }
    }
}

extension LatticeEvaluation {
    static func zero(sites: Int, bonds: Int, probes: Int, frequencies: Int, grid: LatticeFrequencyGrid) -> LatticeEvaluation {
        let z = [Double](repeating: 0, count: sites)
        let perProbe = [[Double]](repeating: [Double](repeating: 0, count: frequencies), count: probes)
        return LatticeEvaluation(densities: [z, z], inflow: z, heat: z, moment: z,
                                 bondCurrents: [Double](repeating: 0, count: bonds),
                                 probeFrequencies: (0..<frequencies).map { Double(grid.firstIndex + $0) * grid.step },
                                 probeSpectral: perProbe, probeDistribution: perProbe, grid: grid)
    }

    mutating func add(_ o: LatticeEvaluation) {
        for spin in 0..<2 { for s in densities[spin].indices { densities[spin][s] += o.densities[spin][s] } }
        for s in inflow.indices {
            inflow[s] += o.inflow[s]
            heat[s] += o.heat[s]
            moment[s] += o.moment[s]
        }
        for b in bondCurrents.indices { bondCurrents[b] += o.bondCurrents[b] }
        for p in probeSpectral.indices {
            for k in probeSpectral[p].indices {
                probeSpectral[p][k] += o.probeSpectral[p][k]
                probeDistribution[p][k] += o.probeDistribution[p][k]
            }
        }
    }
}

public enum FiniteLatticeError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    case unresolvable(String)
    public var description: String {
        switch self {
        case .invalid(let s): return s
        case .unresolvable(let s): return s
        }
    }
}
