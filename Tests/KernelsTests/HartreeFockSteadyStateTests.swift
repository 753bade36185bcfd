import XCTest
@testable import Kernels

/// The driven steady state (HF SI §I, IV) against closed forms and conservation laws.
final class HartreeFockSteadyStateTests: XCTestCase {
    private let coarse = SpectralResolution(stepPerDamping: 0.5, transverseNodes: 16, padding: 4)

    private func lattice(_ field: Double, _ direction: FieldDirection, gamma: Double) -> DrivenHubbardLattice {
        DrivenHubbardLattice(interaction: 4, field: field, direction: direction, bathTemperature: 0,
                             damping: gamma, resolution: coarse)
    }

    /// E → 0 limit: equilibrium with Lorentzian broadening Γ at T = 0, where per band
    /// n(−E) − n(E) = (2/π) arctan(E/Γ), so F(Δ) = U Δ ∫_0^4 ρ(ε) (2/π) arctan(E/Γ)/E dε.
    func testWeakFieldMeanFieldMapMatchesBroadenedEquilibrium() {
        let (gap, gamma) = (0.5, 0.1)
        let closed = 4 * gap * HartreeFock.integrateOverHalfBand { eps in
            let e = (eps * eps + gap * gap).squareRoot()
            return 2 / Double.pi * atan(e / gamma) / e
        }
        for direction in FieldDirection.allCases {
            let f = lattice(0.004, direction, gamma: gamma).meanFieldMap(gap: gap)
            // window truncation (Lorentzian tails beyond ±8.5) and O((E/Γ)²) field corrections
            XCTAssertEqual(f, closed, accuracy: 3e-3 * closed, "\(direction)")
        }
    }

    /// Linear response of the metal: J/E equals the Kubo bubble with Lorentzian spectral functions,
    /// σ = 2π ⟨v_E² A_k(0)²⟩_BZ (both spins), A_k(0) = (Γ/π)/(ε_k² + Γ²); isotropic by symmetry.
    func testMetallicLinearResponseMatchesKuboBubble() {
        let gamma = 0.2, n = 400
        var sum = 0.0
        for i in 0..<n {
            let kx = (Double(i) + 0.5) * 2 * Double.pi / Double(n)
            for j in 0..<n {
                let ky = (Double(j) + 0.5) * 2 * Double.pi / Double(n)
                let eps = -2 * (cos(kx) + cos(ky))
                let a = gamma / Double.pi / (eps * eps + gamma * gamma)
                let vx = 2 * sin(kx)
                sum += vx * vx * a * a
            }
        }
        let sigma = 2 * Double.pi * sum / Double(n * n)
        for direction in FieldDirection.allCases {
            let field = 0.002
            let j = lattice(field, direction, gamma: gamma).steadyState(gap: 0).currentDensity
            XCTAssertEqual(j / field, sigma, accuracy: 1e-3 * sigma, "\(direction)")
        }
    }

    /// Uniform steady state: no net particle flow into the baths, Joule power j·E equals the
    /// energy the baths absorb, half filling, and F is odd in Δ (F(0) = 0).
    func testConservationLawsInMetalAndInsulator() {
        for direction in FieldDirection.allCases {
            for gap in [0.0, 1.2] {
                let s = lattice(0.3, direction, gamma: 0.05).steadyState(gap: gap)
                XCTAssertEqual(s.particleLeak, 0, accuracy: 1e-12)
                XCTAssertEqual(s.jouleHeating, s.bathHeating, accuracy: 1e-6 * abs(s.jouleHeating) + 1e-14)
                XCTAssertGreaterThan(s.currentDensity, 0)
                // occupied Lorentzian tails below the window: ≈ 2Γ/(π·8.5) for A + B together
                XCTAssertEqual(s.densityA + s.densityB, 1, accuracy: 0.01)
                if gap == 0 { XCTAssertEqual(s.meanField, 0, accuracy: 1e-5) }
            }
        }
    }

    /// At T_bath = 0 and E = 0 nothing sits above μ; a field creates excitations, fewer for a
    /// larger gap (HF Fig. 1d), and T_eff of the metal grows linearly at weak field (SI Eq. 12).
    func testExcitationsAndEffectiveTemperatureGrowWithField() {
        let weak = lattice(0.001, .diagonal, gamma: 0.1).steadyState(gap: 0)
        let twice = lattice(0.002, .diagonal, gamma: 0.1).steadyState(gap: 0)
        XCTAssertEqual(twice.effectiveTemperature / weak.effectiveTemperature, 2, accuracy: 0.03)
        let small = lattice(0.3, .diagonal, gamma: 0.05).steadyState(gap: 0.6).excitationCount
        let large = lattice(0.3, .diagonal, gamma: 0.05).steadyState(gap: 1.2).excitationCount
        XCTAssertGreaterThan(small, 10 * large)
        XCTAssertGreaterThan(large, 0)
    }
}
