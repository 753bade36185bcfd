import Foundation

/// Stability of a self-consistent solution of Δ = F(Δ): iterating Δ ← F(Δ) converges to it when
/// F'(Δ) < 1 (stable, the dots of HF Fig. 1a–b) and runs away when F'(Δ) > 1 (unstable).
public enum MeanFieldStability: String, Sendable, Codable {
    case stable
    case unstable
}

/// One self-consistent solution Δ* = F(Δ*; E, T_bath, Γ).
public struct MeanFieldSolution: Sendable {
    public let gap: Double
    /// F'(Δ*) from a central difference (or F(δ)/δ at Δ = 0, where F is odd in Δ).
    public let slope: Double
    public var stability: MeanFieldStability { slope < 1 ? .stable : .unstable }
}

/// Finds the solutions of Δ = F(Δ) (HF Fig. 1a–b). Roots are located by scanning F(Δ) − Δ for
/// sign changes on (0, U/2] (|F| ≤ U/2 because |n↑ − n↓| ≤ 1) and refined by the Illinois
/// variant of regula falsi; Δ = 0 is always a solution (F is odd in Δ). Roots closer than the
/// scan spacing can be missed; `branch` continuation follows a solution between fields instead.
public struct MeanFieldSolver: Sendable {
    public var lattice: DrivenHubbardLattice
    /// Scan points on (0, U/2].
    public var scanPoints: Int
    /// Absolute tolerance on Δ.
    public var tolerance: Double

    public init(lattice: DrivenHubbardLattice, scanPoints: Int = 24, tolerance: Double = 1e-7) {
        self.lattice = lattice
        self.scanPoints = scanPoints
        self.tolerance = tolerance
    }

    func residual(_ gap: Double) -> Double { lattice.meanFieldMap(gap: gap) - gap }

    /// All solutions, Δ = 0 first, then increasing Δ.
    public func solutions() -> [MeanFieldSolution] {
        let delta = MeanFieldSolver.smallGap
        let nearZero = residual(delta)
        var found = [MeanFieldSolution(gap: 0, slope: 1 + nearZero / delta)]
        let top = 0.5 * lattice.interaction
        var previous = (x: delta, g: nearZero)
        for i in 1...scanPoints {
            let x = top * Double(i) / Double(scanPoints)
            let g = residual(x)
            if previous.g * g < 0 {
                let root = refine(previous.x, previous.g, x, g)
                found.append(MeanFieldSolution(gap: root, slope: slope(at: root)))
            }
            previous = (x, g)
        }
        return found
    }

    /// F'(0) = lim F(δ)/δ.
    public func slopeAtZero() -> Double {
        lattice.meanFieldMap(gap: MeanFieldSolver.smallGap) / MeanFieldSolver.smallGap
    }

    /// Δ used for F'(0) ≈ F(δ)/δ (F is odd and smooth at 0 for Γ > 0).
    static let smallGap = 1e-4

    /// F'(Δ) by a central difference.
    public func slope(at gap: Double) -> Double {
        let h = 1e-4
        return (lattice.meanFieldMap(gap: gap + h) - lattice.meanFieldMap(gap: gap - h)) / (2 * h)
    }

    /// Illinois regula falsi on a bracket with g(a)·g(b) < 0.
    func refine(_ a0: Double, _ ga0: Double, _ b0: Double, _ gb0: Double) -> Double {
        var (a, ga, b, gb) = (a0, ga0, b0, gb0)
        for _ in 0..<60 {
            let c = (a * gb - b * ga) / (gb - ga)
            let gc = residual(c)
            if abs(b - a) < tolerance || gc == 0 { return c }
            if gc * gb < 0 {
                (a, ga) = (b, gb)
            } else {
                ga *= 0.5
            }
            (b, gb) = (c, gc)
            if abs(b - a) < tolerance { return b }
        }
        return b
    }

    /// Follows a non-zero solution from `guess` by the secant method; nil when it has disappeared
    /// (no convergence within the iteration budget or the iterate left (0, U/2]).
    public func continueSolution(from guess: Double, step: Double = 0.01) -> MeanFieldSolution? {
        var x0 = guess
        var g0 = residual(x0)
        var x1 = guess - step
        var g1 = residual(x1)
        for _ in 0..<30 {
            guard g1 != g0 else { break }
            let x2 = x1 - g1 * (x1 - x0) / (g1 - g0)
            guard x2 > 1e-3, x2 < 0.5 * lattice.interaction, abs(x2 - guess) < 0.5 else { return nil }
            (x0, g0) = (x1, g1)
            x1 = x2
            g1 = residual(x1)
            if abs(x1 - x0) < tolerance {
                // the last secant pair already gives F' = 1 + g' (unless it is too short)
                let slope = abs(x1 - x0) > 1e-9 ? 1 + (g1 - g0) / (x1 - x0) : slope(at: x1)
                return MeanFieldSolution(gap: x1, slope: slope)
            }
        }
        return nil
    }
}
