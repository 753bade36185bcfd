import Foundation
import Mesh
import Solvers

/// The PH Fig. 2 study as a set of runs on one film, each reported side by side with what the
/// paper shows (PH Fig. 2a–e and the text after it).
///
/// The material is fixed by the Fig. 2a groups (ρ_I I_a²/(κ L² T0) = 0.2, I_a ΔS/(κ L) = −0.2,
/// I_a = 7.746 mA with ρ_I = 10 Ω·cm, κ = 1e-3 W/(cm·K), L = 1 mm, T0 = 300 K). PH call I_a
/// "I ∼ 10 mA", so their 5, 10, 25 mA of Fig. 2e are run here as 0.5, 1 and 2.5 I_a.
public struct Fig2Suite: Sendable {
    /// Cells along x, y, z for W = L (y is halved for W = L/2; keep it odd so y = W/2 is a
    /// cell centre).
    public var cells = (x: 20, y: 21, z: 5)
    /// Electrode half width across y (m). PH's electrodes are lines; a one-cell line has no
    /// steady state at full drive on these meshes (see docs/validation.md §4).
    public var electrodeHalfWidth: Double? = 1e-4
    /// Extent of the stand-in for PH's trial phase boundary beyond the negative electrode (m).
    public var trialReach = 2e-4
    public var settings = SolverSettings()
    public var rampSteps = 8
    /// Window (K) of the smoothed threshold for the continuation retry. 4 K: on 20×11×5 the
    /// 1 K window leaves interface cells whose own metal heats them by more than the window
    /// (no stable partial fraction, a pseudo-time limit cycle); see docs/validation.md §4.
    public var continuationWidth = 4.0

    public init() {}

    public struct Case: Sendable {
        public var name: String
        public var summary: String
        public var study: Fig2Study
        /// Prescribed (frozen) metal map of this reach instead of a self-consistent one.
        public var trialReach: Double?
    }

    /// A study at `currentRatio` × I_a with the Fig. 2a material.
    func study(currentRatio: Double, widthRatio: Double, peltierAtFig2a: Double = -0.2, polarity: Double = 1) -> Fig2Study {
        var s = Fig2Study()
        s.film.cells = widthRatio < 1 ? (cells.x, cells.y / 2 | 1, cells.z) : cells
        s.film.widthOverLength = widthRatio
        s.film.electrodeHalfWidth = electrodeHalfWidth
        s.film.settings = settings
        s.jouleStrength = 0.2 * currentRatio * currentRatio
        s.peltierStrength = peltierAtFig2a * currentRatio
        s.polarity = polarity
        s.rampSteps = rampSteps
        return s
    }

    public var cases: [Case] {
        [
            Case(name: "fig2a", summary: "Fig. 2a–b: W = L, I ΔS/(κL) = −0.2, self-consistent phases",
                 study: study(currentRatio: 1, widthRatio: 1)),
            Case(name: "fig2a-reversed", summary: "Fig. 2a at −I (reversal)",
                 study: study(currentRatio: 1, widthRatio: 1, polarity: -1)),
            Case(name: "fig2a-trial", summary: "Fig. 2a fields for a prescribed metal region reaching x = 0.3 L (PH's trial boundary)",
                 study: study(currentRatio: 1, widthRatio: 1), trialReach: trialReach),
            Case(name: "fig2c", summary: "Fig. 2c: weak Seebeck, I ΔS/(κL) = −0.02",
                 study: study(currentRatio: 1, widthRatio: 1, peltierAtFig2a: -0.02)),
            Case(name: "fig2e-0.5", summary: "Fig. 2d–e: W = L/2, I = 0.5 I_a (PH: 5 mA)",
                 study: study(currentRatio: 0.5, widthRatio: 0.5)),
            Case(name: "fig2e-1.0", summary: "Fig. 2d–e: W = L/2, I = I_a (PH: 10 mA)",
                 study: study(currentRatio: 1, widthRatio: 0.5)),
            Case(name: "fig2e-2.5", summary: "Fig. 2d–e: W = L/2, I = 2.5 I_a (PH: 25 mA)",
                 study: study(currentRatio: 2.5, widthRatio: 0.5)),
        ]
    }

    public struct Row: Sendable {
        public var name: String
        public var summary: String
        public var result: Fig2Study.Result?
        public var error: String?
        /// Top-row reach of T ≥ T_IMT from the negative electrode (x/L), for the trial map.
        public var hotReach: Double
        public var seconds: Double
        /// The phase coupling that produced the result (after retries).
        public var coupling: String = ""
    }

    public func run(_ c: Case, progress: ProgressReporter) -> Row {
        let start = Date()
        progress.report("Fig. 2 case \(c.name): \(c.summary)")
        do {
            let (r, coupling) = try solve(c, progress: progress)
            let hot = Fig2Study.hotReach(r.solution, threshold: c.study.film.insulatorToMetalTemperature,
                                         fromLowerX: c.study.polarity > 0)
            return Row(name: c.name, summary: c.summary, result: r, error: nil, hotReach: hot,
                       seconds: Date().timeIntervalSince(start), coupling: coupling)
        } catch {
            return Row(name: c.name, summary: c.summary, result: nil, error: "\(error)", hotReach: .nan,
                       seconds: Date().timeIntervalSince(start))
        }
    }

    /// Runs a case with its own coupling; a failed alternating run is retried with the joint
    /// (T, φ) iteration, then with the pseudo-transient continuation on a smoothed threshold
    /// (a current step from the cold film, as in a transient: DriveRamp refines it on failure).
    func solve(_ c: Case, progress: ProgressReporter) throws -> (Fig2Study.Result, String) {
        if let reach = c.trialReach { return (try c.study.runTrialBoundary(reach: reach, progress: progress), "frozen") }
        let own = c.study.film.settings.phaseCoupling
        do { return (try c.study.run(progress: progress), own.rawValue) } catch where own == .alternating {
            progress.report("\(c.name): alternating phase iteration failed (\(error)); retrying with joint coupling")
            var joint = c.study
            joint.film.settings.phaseCoupling = .joint
            joint.film.settings.phaseGain = 0.05
            do { return (try joint.run(progress: progress), "joint") } catch {
                progress.report("\(c.name): joint coupling failed (\(error)); retrying with continuation, window \(continuationWidth) K")
                var continued = c.study
                continued.film.settings.phaseCoupling = .continuation
                continued.film.settings.transitionWidth = continuationWidth
                continued.rampSteps = 1
                return (try continued.run(progress: progress), String(format: "continuation (%g K)", continuationWidth))
            }
        }
    }

    /// Largest |T(x, y, z) − T_reversed(L − x, y, z)| (K): the mirror test of the reversal.
    public static func mirrorMismatch(_ a: SteadySolution, _ b: SteadySolution) -> Double {
        let g = a.grid
        var worst = 0.0
        for k in 0..<g.nz { for j in 0..<g.ny { for i in 0..<g.nx {
            worst = max(worst, abs(a.state.temperature[g.index(i, j, k)] - b.state.temperature[g.index(g.nx - 1 - i, j, k)]))
        } } }
        return worst
    }
}
