import Foundation
import Solvers

/// One converged point of a sweep (SI units).
public struct SweepRow: Sendable, Equatable {
    public var branch: SweepBranch
    /// The swept value at this point (A for a current sweep, V for a source-voltage sweep).
    public var drive: Double
    /// Current into the film through the driven electrode, I (A).
    public var current: Double
    /// Sample voltage V_s (V): driven electrode minus the grounded reference electrode.
    public var sampleVoltage: Double
    /// Source voltage V_t = V_s + R I (V) (HF SI Eq. 3).
    public var sourceVoltage: Double
    /// Metallic volume fraction of the film.
    public var metalFraction: Double
    public var maximumTemperature: Double
    public var fieldIterations: Int
    /// |P − Q_out|/P of the converged state.
    public var energyBalanceError: Double
    /// True for points the step control inserted between two nominal drive values.
    public var inserted: Bool
    /// The event detected on the step that led to this point, if any.
    public var event: SweepEvent.Kind?
    public var eventDirection: SweepEvent.Direction?

    /// R_s = V_s / I (Ω), the sample's chord resistance.
    public var resistance: Double { sampleVoltage / current }
}

/// A switching event between two consecutive converged points.
public struct SweepEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A discontinuity that survives every bisection of the step.
        case jump
        /// First appearance of metal (metal fraction leaves 0), continuous.
        case onset
        /// Metal disappears (metal fraction returns to 0), continuous.
        case vanish
    }
    public enum Direction: String, Sendable {
        case insulatorToMetal = "IMT"
        case metalToInsulator = "MIT"
    }
    public var kind: Kind
    public var direction: Direction
    public var branch: SweepBranch
    public var before: SweepRow
    public var after: SweepRow
}

/// A failed solve that the step control recovered from (or not).
public struct SweepStepFailure: Sendable, Equatable {
    public var drive: Double
    public var message: String
}

/// Everything a sweep produced.
public struct SweepResult: Sendable {
    public var plan: SweepPlan
    public var rows: [SweepRow] = []
    public var events: [SweepEvent] = []
    public var failures: [SweepStepFailure] = []
    /// Steady solves attempted (accepted, rejected as jumps, failed).
    public var solveCount = 0
    public var wallSeconds = 0.0
    /// CPU time of the process during the sweep (s).
    public var cpuSeconds = 0.0
    /// The last converged state (fields and phase memory), for a continued sweep.
    public var finalState: ElectrothermalState?

    public init(plan: SweepPlan) { self.plan = plan }

    public func rows(_ branch: SweepBranch) -> [SweepRow] { rows.filter { $0.branch == branch } }

    /// Area enclosed by the V_s–I path, |∮ V_s dI| (W), by the trapezoidal rule over all rows in
    /// sweep order (closed from the last row back to the first). Zero for a sweep that retraces
    /// its path: the hysteresis measure of the slab sweep study.
    public var loopArea: Double {
        guard rows.count > 2 else { return 0 }
        var sum = 0.0
        for k in 0..<rows.count {
            let a = rows[k], b = rows[(k + 1) % rows.count]
            sum += 0.5 * (a.sampleVoltage + b.sampleVoltage) * (b.current - a.current)
        }
        return abs(sum)
    }

    /// Largest |P − Q_out|/P over the points whose drive is at least `minimumDriveFraction` of the
    /// largest |drive|. Near zero drive P ∝ I² vanishes while the round-off of the heat out
    /// (conductances × temperature differences of ~1e-13 K) does not, so the relative error there
    /// measures nothing (film, I = 4.5e-7 A: 3e-7 relative of P ≈ 1e-10 W).
    public func worstEnergyBalanceError(minimumDriveFraction: Double = 0.01) -> Double {
        let scale = rows.map { abs($0.drive) }.max() ?? 0
        return rows.filter { abs($0.drive) >= minimumDriveFraction * scale }.map(\.energyBalanceError).max() ?? 0
    }

    /// Largest |P − Q_out|/P over points with drive ≥ 1 % of the largest.
    public var worstEnergyBalanceError: Double { worstEnergyBalanceError() }

    /// The I–V table as CSV, units in the header.
    public var csv: String {
        var s = "branch,drive_\(plan.unit),current_A,sample_voltage_V,source_voltage_V,load_resistance_Ohm,"
        s += "metal_fraction,T_max_K,field_iterations,energy_balance_rel,inserted,event,event_direction\n"
        for r in rows {
            s += "\(r.branch.rawValue),\(r.drive),\(r.current),\(r.sampleVoltage),\(r.sourceVoltage),\(plan.loadResistance),"
            s += "\(r.metalFraction),\(r.maximumTemperature),\(r.fieldIterations),\(r.energyBalanceError),"
            s += "\(r.inserted ? 1 : 0),\(r.event?.rawValue ?? ""),\(r.eventDirection?.rawValue ?? "")\n"
        }
        return s
    }

    /// The events as CSV (one line each: before and after the switch).
    public var eventsCSV: String {
        var s = "kind,direction,branch,drive_before_\(plan.unit),drive_after_\(plan.unit),source_voltage_before_V,source_voltage_after_V,"
        s += "sample_voltage_before_V,sample_voltage_after_V,current_before_A,current_after_A,metal_fraction_before,metal_fraction_after\n"
        for e in events {
            s += "\(e.kind.rawValue),\(e.direction.rawValue),\(e.branch.rawValue),\(e.before.drive),\(e.after.drive),"
            s += "\(e.before.sourceVoltage),\(e.after.sourceVoltage),\(e.before.sampleVoltage),\(e.after.sampleVoltage),"
            s += "\(e.before.current),\(e.after.current),\(e.before.metalFraction),\(e.after.metalFraction)\n"
        }
        return s
    }

    /// One line per event, for logs and reports.
    public var eventSummary: [String] {
        events.map { e in
            String(format: "%@ %@ on the %@ branch: V_t %.6g → %.6g V, V_s %.6g → %.6g V, I %.6g → %.6g A, metal fraction %.4f → %.4f",
                   e.kind.rawValue, e.direction.rawValue, e.branch.rawValue, e.before.sourceVoltage, e.after.sourceVoltage,
                   e.before.sampleVoltage, e.after.sampleVoltage, e.before.current, e.after.current,
                   e.before.metalFraction, e.after.metalFraction)
        }
    }
}
