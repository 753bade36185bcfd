import Foundation

/// How the sample is biased: a fixed field E (sample voltage E·L), or the circuit of HF SI Eq. 3,
/// a generator V_t in series with a resistor R, V_t = V_s + R I, with I the lead-to-lead current.
public enum LatticeBias: Sendable, Equatable {
    case field(Double)
    case circuit(totalVoltage: Double, resistance: Double)
}

/// Controls of the Hartree–Fock iteration.
public struct LatticeIteration: Sendable {
    /// Converged when max_r |n_new − n| < tolerance (and |E_new − E| < tolerance in a circuit).
    public var tolerance: Double
    public var maximumIterations: Int
    public var mixing: Mixing
    /// Largest allowed violation of current conservation at any site, relative to max(|I|, 1e-12·…).
    public var conservationTolerance: Double

    public init(tolerance: Double = 1e-6, maximumIterations: Int = 200, mixing: Mixing = .anderson(depth: 5, weight: 0.4),
                conservationTolerance: Double = 1e-8) {
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
        self.mixing = mixing
        self.conservationTolerance = conservationTolerance
    }
}

extension FiniteLatticeModel {
    /// Occupations n_{rσ} of a uniform Néel state with order parameter Δ: n_{r,↑/↓} = ½ ± s_r Δ/U.
    public func neelDensities(gap: Double) -> [[Double]] {
        let shift = interaction > 0 ? gap / interaction : 0
        let up = (0..<sample.siteCount).map { 0.5 + sample.staggeredSign($0) * shift }
        return [up, up.map { 1 - $0 }]
    }

    /// The self-consistent steady state (HF main text: (i) G^R, (ii) G^<, (iii) ⟨Δn_{rσ}⟩ and I,
    /// (iv) V_s = V_t − R I and E, repeated until nothing changes), started from `densities`
    /// (and `field` in a circuit). The reservoir chemical potentials stay at μ_r = φ(r); the
    /// particle flow into the bulk reservoirs this leaves is reported, not removed.
    /// `progress` receives (iteration, residual) after every pass.
    public func solve(bias: LatticeBias, start densities: [[Double]], startField: Double = 0,
                      iteration: LatticeIteration = LatticeIteration(), probes: [Int] = [],
                      progress: ((Int, Double) -> Void)? = nil) throws -> LatticeSteadyState {
        if let reason = invalidReason { throw FiniteLatticeError.invalid(reason) }
        let n = sample.siteCount
        guard densities.count == 2, densities.allSatisfy({ $0.count == n }) else {
            throw FiniteLatticeError.invalid("start densities: need 2 × \(n) values")
        }
        guard probes.allSatisfy({ (0..<n).contains($0) }) else {
            throw FiniteLatticeError.invalid("probe sites must be in 0..<\(n)")
        }
        var fixedField = 0.0
        var circuit: (voltage: Double, resistance: Double)? = nil
        switch bias {
        case .field(let e):
            guard e.isFinite, abs(e) <= 10 else { throw FiniteLatticeError.invalid("field E must be in [−10, 10], got \(e)") }
            fixedField = e
        case .circuit(let v, let r):
            guard v.isFinite, abs(v) <= 1e4 else { throw FiniteLatticeError.invalid("V_t must be in [−1e4, 1e4], got \(v)") }
            guard r.isFinite, r >= 0, r <= 1e6 else { throw FiniteLatticeError.invalid("R must be in [0, 1e6], got \(r)") }
            circuit = (v, r)
        }
        var x = densities[0] + densities[1]
        if circuit != nil { x.append(startField) }
        var failure: Error? = nil
        var last: LatticeEvaluation? = nil
        var count = 0
        let length = effectiveLength
        let result = iterateToFixedPoint(start: x, convergence: Convergence(tolerance: iteration.tolerance,
                                                                           maximumIterations: iteration.maximumIterations,
                                                                           mixing: iteration.mixing),
                                         project: { v in for k in 0..<(2 * n) { v[k] = min(1, max(0, v[k])) } }) { v in
            if failure != nil { return v }
            let field = circuit == nil ? fixedField : v[2 * n]
            let dens = [Array(v[0..<n]), Array(v[n..<(2 * n)])]
            do {
                let e = try evaluate(field: field, densities: dens)
                last = e
                var out = e.densities[0] + e.densities[1]
                if let c = circuit {
                    let current = LatticeSteadyState.leadCurrent(e, sample: sample)
                    out.append((c.voltage - c.resistance * current) / length)
                }
                count += 1
                progress?(count, zip(out, v).map { abs($0 - $1) }.max() ?? 0)
                return out
            } catch {
                failure = error
                return v
            }
        }
        if let failure { throw failure }
        let field = circuit == nil ? fixedField : result.x[2 * n]
        let finalDensities = [Array(result.x[0..<n]), Array(result.x[n..<(2 * n)])]
        // Observables of the last pass (its input is within the tolerance of the returned
        // densities); one more pass when spectra at probe sites are wanted.
        let e = try (probes.isEmpty ? last : nil) ?? evaluate(field: field, densities: finalDensities, probes: probes)
        return LatticeSteadyState(model: self, field: field, evaluation: e, start: finalDensities,
                                  iterations: result.report.iterations, residual: result.report.residual,
                                  selfConsistent: result.report.converged, iteration: iteration, circuit: circuit)
    }
}
