import Foundation

/// One converged point of an I–V loop.
public struct LatticeIVPoint: Sendable {
    public enum Leg: String, Sendable { case up, down }
    public let leg: Leg
    public let totalVoltage: Double
    public let current: Double
    public let sampleVoltage: Double
    public let field: Double
    public let meanAbsoluteOrder: Double
    public let meanEffectiveTemperature: Double
    public let iterations: Int
    /// Added by the bisection that locates a switching event.
    public let refinement: Bool
}

/// A discontinuity of the loop: between `lowerVoltage` (still on the old branch) and
/// `upperVoltage` (switched), with mean |Δ| before and after.
public struct LatticeSwitchingEvent: Sendable {
    public let leg: LatticeIVPoint.Leg
    public let lastOldVoltage: Double
    public let firstNewVoltage: Double
    public let orderBefore: Double
    public let orderAfter: Double
    public let currentBefore: Double
    public let currentAfter: Double
}

/// A V_t step whose Hartree–Fock iteration did not converge (the loop goes on from the last
/// converged state).
public struct LatticeIVFailure: Sendable {
    public let leg: LatticeIVPoint.Leg
    public let totalVoltage: Double
    public let reason: String
}

/// The I–V loop of HF Fig. 3 / SI §II: V_t is ramped up then down through the circuit
/// V_t = V_s + R I (HF SI Eq. 3), each step seeded by the previous converged solution. A step
/// where the sample-averaged |Δ| jumps by more than `switchThreshold` is a switching event; it is
/// located by `refinements` bisections in V_t, each started from the last state on the old branch.
public struct LatticeVoltageLoop {
    public var model: FiniteLatticeModel
    public var resistance: Double
    public var iteration: LatticeIteration
    public var switchThreshold: Double
    public var refinements: Int

    public init(model: FiniteLatticeModel, resistance: Double, iteration: LatticeIteration = LatticeIteration(),
                switchThreshold: Double = 0.1, refinements: Int = 3) {
        self.model = model
        self.resistance = resistance
        self.iteration = iteration
        self.switchThreshold = switchThreshold
        self.refinements = refinements
    }

    public struct Result: Sendable {
        public var points: [LatticeIVPoint] = []
        public var events: [LatticeSwitchingEvent] = []
        public var failures: [LatticeIVFailure] = []
        public init() {}
    }

    /// Runs the loop over `voltages` (increasing) up and back down. `visit` sees every converged
    /// state of the main ramp (for maps); `progress` gets (steps done, steps total).
    public func run(voltages: [Double], start: [[Double]],
                    visit: (LatticeIVPoint, LatticeSteadyState) -> Void = { _, _ in },
                    progress: (Int, Int) -> Void = { _, _ in }) throws -> Result {
        guard !voltages.isEmpty, zip(voltages, voltages.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw FiniteLatticeError.invalid("V_t values must be strictly increasing (at least one)")
        }
        let steps = voltages.map { (LatticeIVPoint.Leg.up, $0) } + voltages.reversed().dropFirst().map { (LatticeIVPoint.Leg.down, $0) }
        var result = Result()
        var previous: LatticeSteadyState? = nil
        var seed = (densities: start, field: 0.0)
        for (k, (leg, vt)) in steps.enumerated() {
            progress(k, steps.count)
            let state: LatticeSteadyState
            do {
                state = try solve(vt, seed: seed)
            } catch {
                result.failures.append(LatticeIVFailure(leg: leg, totalVoltage: vt, reason: "\(error)"))
                continue
            }
            guard state.converged else {
                result.failures.append(LatticeIVFailure(leg: leg, totalVoltage: vt, reason: String(
                    format: "not converged after %d iterations (residual %.2e, conservation %.2e)",
                    state.iterations, state.residual, state.conservationResidual)))
                continue
            }
            if let old = previous, abs(state.meanAbsoluteOrder - old.meanAbsoluteOrder) > switchThreshold {
                let event = try locateSwitch(leg: leg, from: old, to: state, into: &result)
                result.events.append(event)
            }
            let point = summary(state, leg: leg, refinement: false)
            result.points.append(point)
            visit(point, state)
            previous = state
            seed = (state.densities, state.field)
        }
        progress(steps.count, steps.count)
        return result
    }

    private func solve(_ vt: Double, seed: (densities: [[Double]], field: Double)) throws -> LatticeSteadyState {
        try model.solve(bias: .circuit(totalVoltage: vt, resistance: resistance), start: seed.densities,
                        startField: seed.field, iteration: iteration)
    }

    /// Bisection in V_t between the last old-branch state and the switched one.
    private func locateSwitch(leg: LatticeIVPoint.Leg, from old: LatticeSteadyState, to new: LatticeSteadyState,
                              into result: inout Result) throws -> LatticeSwitchingEvent {
        var (lower, upper) = (old, new)
        for _ in 0..<max(0, refinements) {
            guard let a = lower.totalVoltage, let b = upper.totalVoltage else { break }
            let mid = 0.5 * (a + b)
            guard let trial = try? solve(mid, seed: (lower.densities, lower.field)), trial.converged else {
                result.failures.append(LatticeIVFailure(leg: leg, totalVoltage: mid, reason: "refinement step not converged"))
                break
            }
            result.points.append(summary(trial, leg: leg, refinement: true))
            if abs(trial.meanAbsoluteOrder - old.meanAbsoluteOrder) > switchThreshold { upper = trial } else { lower = trial }
        }
        return LatticeSwitchingEvent(leg: leg, lastOldVoltage: lower.totalVoltage ?? 0, firstNewVoltage: upper.totalVoltage ?? 0,
                                     orderBefore: lower.meanAbsoluteOrder, orderAfter: upper.meanAbsoluteOrder,
                                     currentBefore: lower.current, currentAfter: upper.current)
    }

    private func summary(_ s: LatticeSteadyState, leg: LatticeIVPoint.Leg, refinement: Bool) -> LatticeIVPoint {
        LatticeIVPoint(leg: leg, totalVoltage: s.totalVoltage ?? 0, current: s.current, sampleVoltage: s.sampleVoltage,
                       field: s.field, meanAbsoluteOrder: s.meanAbsoluteOrder,
                       meanEffectiveTemperature: s.meanEffectiveTemperature, iterations: s.iterations,
                       refinement: refinement)
    }
}
