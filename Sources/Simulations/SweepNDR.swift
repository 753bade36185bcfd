import Foundation
import Discretization
import Solvers

/// Measures R_min of HF SI Eq. 5 on a device with an N-shaped V(I) (single-valued in I).
///
/// HF SI Eq. 5: 1/R_min = min |dI/dV_s| over the NDR branch, i.e. R_min is the largest
/// |dV_s/dI| where dV_s/dI < 0. A load resistor R > R_min makes the load line
/// (V_t − V_s)/R = I (HF SI Eq. 4) cut the characteristic once for every V_t, so a V_t sweep
/// traces the NDR branch without a jump.
///
/// Method: current-driven steady solves (unique on this branch when T_IMT = T_MIT) on
/// `initialPoints` uniform intervals, each seeded by the state of its lower neighbour; R_min is
/// the steepest negative secant slope; the NDR region is then sampled twice as finely and the
/// slope measured again (both reported: the discrete characteristic has tiny steps where the
/// interface enters a new cell, so an ever finer sampling would not converge).
///
/// The parallel-current slab has a cusp at the onset I_cr (PH Eq. 11: dV/dI ∝ −1/√(I − I_cr),
/// PH Fig. 1b), so the supremum over the whole branch is infinite; the discrete model even has
/// a small voltage step there (a partially metallic top cell). The slope is therefore measured
/// on the branch beyond I ≥ (1 + `onsetExclusion`) × I_peak, and the voltage step at the onset
/// is measured separately by bisecting the interval after the peak `onsetBisections` times.
public struct NDRMeasurement: Sendable {
    public var lowerCurrent: Double
    public var upperCurrent: Double
    public var initialPoints: Int
    public var drivenElectrode: Int
    public var onsetExclusion = 0.02
    public var onsetBisections = 24
    public var progress: ProgressReporter

    public init(lowerCurrent: Double, upperCurrent: Double, initialPoints: Int = 210,
                drivenElectrode: Int = 1, progress: ProgressReporter = ProgressReporter(quiet: true)) {
        self.lowerCurrent = lowerCurrent
        self.upperCurrent = upperCurrent
        self.initialPoints = initialPoints
        self.drivenElectrode = drivenElectrode
        self.progress = progress
    }

    public struct Point: Sendable { public var current: Double; public var voltage: Double; var state: ElectrothermalState }

    public struct Result: Sendable {
        /// Sampled characteristic, sorted by current.
        public var points: [Point]
        /// R_min = max(−dV_s/dI) (Ω) over secants of the finest sampling, and the current interval where it occurs.
        public var minimumLoadResistance: Double
        /// The same at twice the sampling interval (a convergence check).
        public var coarseMinimumLoadResistance: Double
        public var steepestInterval: ClosedRange<Double>
        /// Current and voltage at the end of the NDR branch (minimum of V_s beyond the peak).
        public var valley: (current: Double, voltage: Double)
        public var peak: (current: Double, voltage: Double)
        /// Drop of V_s across the onset, over a current interval of `onsetStepWidth` (A).
        public var onsetVoltageStep: Double
        public var onsetStepWidth: Double
        public var solves: Int
    }

    public func run(problem: ElectrothermalProblem) throws -> Result {
        var p = problem
        p.electrodes[drivenElectrode].drive = .current(lowerCurrent)
        let solver = try SteadyStateSolver(problem: p)
        var drives = p.electrodes.map(\.drive)
        let reference = p.electrodes.indices.first { $0 != drivenElectrode && p.electrodes[$0].drive.holdsPotential }!
        var solves = 0
        func point(_ i: Double, from state: ElectrothermalState?) throws -> Point {
            drives[drivenElectrode] = .current(i)
            try solver.setDrives(drives)
            solves += 1
            let s: SteadySolution
            if let state { s = try solver.solve(from: state) } else { s = try DriveRamp(steps: 8).solve(solver) }
            return Point(current: i, voltage: s.state.electrodePotential[drivenElectrode] - s.state.electrodePotential[reference], state: s.state)
        }
        var points: [Point] = []
        for k in 0...initialPoints {
            let i = lowerCurrent + (upperCurrent - lowerCurrent) * Double(k) / Double(initialPoints)
            points.append(try point(i, from: points.last?.state))
        }
        var peakCurrent = points.max { $0.voltage < $1.voltage }!.current
        func steepest() -> (slope: Double, index: Int) {
            var best = (0.0, 0)
            for k in 0..<(points.count - 1) where points[k].current >= (1 + onsetExclusion) * peakCurrent {
                let s = -(points[k + 1].voltage - points[k].voltage) / (points[k + 1].current - points[k].current)
                if s > best.0 { best = (s, k) }
            }
            return best
        }
        let coarse = steepest().slope
        // one uniform refinement of the NDR region: R_min at half the resolution
        let valleyCurrent = points.filter { $0.current > peakCurrent }.min { $0.voltage < $1.voltage }?.current ?? upperCurrent
        var k = 0
        while k + 1 < points.count {
            if points[k].current >= peakCurrent && points[k].current < valleyCurrent {
                let mid = 0.5 * (points[k].current + points[k + 1].current)
                points.insert(try point(mid, from: points[k].state), at: k + 1)
                k += 2
            } else {
                k += 1
            }
        }
        let (slope, index) = steepest()
        progress.report(String(format: "R_min: %.6g Ω at ΔI = %.4g A, %.6g Ω at ΔI/2", coarse,
                               (upperCurrent - lowerCurrent) / Double(initialPoints), slope))
        let interval = points[index].current...points[index + 1].current
        var peakIndex = points.indices.max { points[$0].voltage < points[$1].voltage }!
        for _ in 0..<onsetBisections where peakIndex + 1 < points.count {
            let mid = 0.5 * (points[peakIndex].current + points[peakIndex + 1].current)
            points.insert(try point(mid, from: points[peakIndex].state), at: peakIndex + 1)
            peakIndex = points.indices.max { points[$0].voltage < points[$1].voltage }!
        }
        peakCurrent = points[peakIndex].current
        let step = points[peakIndex].voltage - points[peakIndex + 1].voltage
        let width = points[peakIndex + 1].current - points[peakIndex].current
        let valleyIndex = points[peakIndex...].indices.min { points[$0].voltage < points[$1].voltage }!
        return Result(points: points, minimumLoadResistance: slope, coarseMinimumLoadResistance: coarse, steepestInterval: interval,
                      valley: (points[valleyIndex].current, points[valleyIndex].voltage),
                      peak: (points[peakIndex].current, points[peakIndex].voltage),
                      onsetVoltageStep: step, onsetStepWidth: width, solves: solves)
    }
}
