import XCTest
@testable import Kernels

/// Root finding of Δ = F(Δ) (HF Fig. 1b) and the Landau–Zener estimate (HF SI Eq. 11).
final class HartreeFockSolverTests: XCTestCase {
    private let coarse = SpectralResolution(stepPerDamping: 0.5, transverseNodes: 12, padding: 4)

    /// In the bistable window (Γ = 0.05, E = 0.3) the scan returns stable metal, unstable middle
    /// and stable insulator, each a true root of F(Δ) − Δ.
    func testBistableFieldHasThreeSolutions() {
        let lattice = DrivenHubbardLattice(interaction: 4, field: 0.3, direction: .diagonal,
                                           damping: 0.05, resolution: coarse)
        let solutions = MeanFieldSolver(lattice: lattice, scanPoints: 16).solutions()
        XCTAssertEqual(solutions.map(\.stability), [.stable, .unstable, .stable])
        for s in solutions.dropFirst() {
            XCTAssertEqual(lattice.meanFieldMap(gap: s.gap), s.gap, accuracy: 1e-6)
        }
        XCTAssertGreaterThan(solutions[2].gap, 1.2)
        // secant continuation from a nearby guess lands on the same insulating root
        let followed = MeanFieldSolver(lattice: lattice).continueSolution(from: solutions[2].gap + 0.02)
        XCTAssertEqual(followed?.gap ?? 0, solutions[2].gap, accuracy: 1e-6)
    }

    func testLandauZenerLimits() {
        let (field, damping) = (0.2, 0.001)
        // Δ → 0: every k tunnels, P = r/(r + Γ) with r = E/√2 (SI Eq. 11).
        let r = field / 2.0.squareRoot()
        XCTAssertEqual(LandauZener.excitationCount(gap: 1e-6, field: field, damping: damping),
                       r / (r + damping), accuracy: 1e-9)
        // Large Δ: P ≈ (r/Γ)(1/π) ∫ exp(−a/sin k) dk ≈ (r/Γ) e^{−a} √(2/(π a)) (Laplace), a = πΔ²/(2√2 E).
        let gap = 2.0
        let a = Double.pi * gap * gap / (2 * 2.0.squareRoot() * field)
        let laplace = r / damping * exp(-a) * (2 / (Double.pi * a)).squareRoot()
        XCTAssertEqual(LandauZener.excitationCount(gap: gap, field: field, damping: damping), laplace,
                       accuracy: 0.03 * laplace)
    }
}

/// Following the insulating branch through a sweep (no solver calls: hand-made solution sets).
final class HartreeFockBranchTrackingTests: XCTestCase {
    private func point(_ e: Double, _ roots: [(Double, Double)]) -> FieldSweepPoint {
        FieldSweepPoint(field: e, solutions: roots.map { MeanFieldSolution(gap: $0.0, slope: $0.1) })
    }

    func testWeaklyOrderedMetalIsNotTakenForTheInsulatorAndNoReentrance() {
        let points = [
            point(0.1, [(0, 1.5), (1.37, 0.4)]),
            point(0.2, [(0, 1.4), (0.06, 0.8), (0.9, 1.3), (1.10, 0.6)]),
            point(0.3, [(0, 1.6), (0.065, 0.7)]),           // AFI gone: only the small-Δ state
            point(0.4, [(0, 1.6), (0.07, 0.7), (1.0, 0.8)]),  // AFI island: not re-entered
        ]
        XCTAssertEqual(points[2].largestStableGap?.gap, 0.065)
        let branch = FieldSweep.insulatingBranch(points)
        XCTAssertEqual(branch.map { $0?.gap }, [1.37, 1.10, nil, nil])
    }
}
