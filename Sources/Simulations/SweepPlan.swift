import Discretization

/// What a sweep varies (the `[sweep]` table of a geometry file maps onto this).
public enum SweepQuantity: String, Sendable, CaseIterable {
    /// The total current I (A) injected by the driven electrode (a current source).
    case current
    /// The source voltage V_t (V) of a generator in series with a load resistor R:
    /// V_t = V_s + R I (HF SI Eq. 3). R = 0 is a pure potential drive (V_s = V_t).
    case sourceVoltage = "source_voltage"
}

/// A quasi-static drive sweep: `start → peak` (branch "up"), then `peak → end` (branch
/// "down"), `steps` equal increments per branch. Every step starts from the previous
/// state (fields and the per-cell phase memory φ), so the sweep follows a branch of the
/// hysteretic I–V characteristic instead of jumping to whatever the solver finds first.
///
/// A step that does not converge is retried with half the increment (bisection) down to
/// `minimumStepFraction` of the nominal increment; a step that produces a jump
/// (see `SweepEventCriteria`) is retried the same way `eventBisections` times, so a switching
/// point is located to 2^-eventBisections of the nominal increment and a steep but continuous
/// change is not mistaken for a switch.
public struct SweepPlan: Sendable, Equatable {
    public var quantity: SweepQuantity
    /// First drive value (A or V).
    public var start: Double
    /// Turning point (A or V).
    public var peak: Double
    /// Last drive value (A or V); default: back to `start`.
    public var end: Double
    /// Equal increments per branch (≥ 1).
    public var steps: Int
    /// Series load resistor R (Ω). For a voltage sweep, R > 0 makes the contact potential an
    /// unknown (I = (V_t − V_s)/R) and R = 0 holds the contact at V_t. For a current sweep it
    /// only enters the reported V_t = V_s + R I.
    public var loadResistance: Double
    /// Index of the driven electrode in the problem's electrode list.
    public var drivenElectrode: Int
    /// Bisections allowed for a failed step, as the smallest increment / nominal increment.
    public var minimumStepFraction: Double
    /// Halvings spent locating a jump.
    public var eventBisections: Int
    /// A step that changes some cell's metal fraction by more than this is halved (down to the
    /// smallest event step). With T_IMT > T_MIT a steady solve that moves the interface across
    /// several cells at once can freeze a smeared metal profile (cells between the thresholds
    /// keep any φ): the quasi-static path needs the interface to cross a cell in several steps.
    /// Measured on the 100-cell slab, T_IMT − T_MIT = 4 K, 100 steps: without it the up branch
    /// was 5.2 % off PH Eq. 11 after the onset; 400 plain steps gave 1.8 %.
    public var maximumCellMetalFractionChange: Double
    public var events: SweepEventCriteria

    public init(quantity: SweepQuantity, start: Double = 0, peak: Double, end: Double? = nil, steps: Int,
                loadResistance: Double = 0, drivenElectrode: Int = 1, minimumStepFraction: Double = 1.0 / 1024,
                eventBisections: Int = 8, maximumCellMetalFractionChange: Double = 0.3,
                events: SweepEventCriteria = SweepEventCriteria()) {
        self.quantity = quantity
        self.start = start
        self.peak = peak
        self.end = end ?? start
        self.steps = steps
        self.loadResistance = loadResistance
        self.drivenElectrode = drivenElectrode
        self.minimumStepFraction = minimumStepFraction
        self.eventBisections = eventBisections
        self.maximumCellMetalFractionChange = maximumCellMetalFractionChange
        self.events = events
    }

    /// Checks the plan before any solve.
    public func validate(electrodeCount: Int) throws {
        func fail(_ message: String) -> SweepError { .invalidPlan(message) }
        guard steps >= 1 else { throw fail("steps must be ≥ 1, got \(steps)") }
        guard start.isFinite, peak.isFinite, end.isFinite, peak != start else {
            throw fail("start, peak and end must be finite and peak ≠ start")
        }
        guard loadResistance >= 0, loadResistance.isFinite else { throw fail("load resistance must be ≥ 0 Ω, got \(loadResistance)") }
        guard (0..<electrodeCount).contains(drivenElectrode) else {
            throw fail("driven electrode \(drivenElectrode) does not exist (the problem has \(electrodeCount))")
        }
        guard minimumStepFraction > 0, minimumStepFraction < 1 else { throw fail("minimum step fraction must lie in (0, 1)") }
        guard eventBisections >= 0 else { throw fail("event bisections must be ≥ 0") }
    }

    /// The drive of the driven electrode at sweep value `u`.
    public func drive(at u: Double) -> ElectrodeDrive {
        switch quantity {
        case .current: return .current(u)
        case .sourceVoltage: return loadResistance > 0 ? .source(voltage: u, loadResistance: loadResistance) : .potential(u)
        }
    }

    /// The nominal drive values of one branch, without its first point.
    public func targets(_ branch: SweepBranch) -> [Double] {
        let (a, b) = branch == .up ? (start, peak) : (peak, end)
        return (1...steps).map { $0 == steps ? b : a + (b - a) * Double($0) / Double(steps) }
    }

    /// Drive values below this in magnitude count as zero (no chord resistance, no energy check).
    public var zeroDrive: Double { 1e-9 * max(abs(start), abs(peak), abs(end)) }

    /// Unit of the swept quantity.
    public var unit: String { quantity == .current ? "A" : "V" }
}

/// Which leg of the sweep a point belongs to.
public enum SweepBranch: String, Sendable {
    case up, down
}

/// When two consecutive converged points count as a switching event (a jump).
///
/// A jump is a change of the metallic volume fraction by more than `metalFraction`, or a
/// relative change of the chord resistance V_s/I by more than `relativeResponse`, that
/// survives `SweepPlan.eventBisections` halvings of the step without shrinking.
/// The first appearance of metal (φ: 0 → > 0) and its disappearance are reported as
/// `onset`/`vanish` events even when continuous.
public struct SweepEventCriteria: Sendable, Equatable {
    public var metalFraction: Double
    public var relativeResponse: Double
    /// At the smallest step, a change counts as a jump only if halving the step kept more
    /// than this fraction of it (a jump keeps ~1, a linear change 0.5, a √ cusp 0.71).
    public var persistence: Double

    public init(metalFraction: Double = 0.02, relativeResponse: Double = 0.03, persistence: Double = 0.85) {
        self.metalFraction = metalFraction
        self.relativeResponse = relativeResponse
        self.persistence = persistence
    }
}

/// Why a sweep stopped.
public enum SweepError: Error, CustomStringConvertible, Sendable {
    case invalidPlan(String)
    /// A step failed even at the smallest increment; `completed` holds the points reached.
    case stepFailed(drive: Double, lastError: String, completed: SweepResult)

    public var description: String {
        switch self {
        case let .invalidPlan(message): return "invalid sweep plan: \(message)"
        case let .stepFailed(drive, lastError, completed):
            return "sweep step to \(drive) failed at the smallest increment after \(completed.rows.count) points: \(lastError)"
        }
    }
}
