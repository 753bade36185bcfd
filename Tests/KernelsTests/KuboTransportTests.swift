import XCTest
@testable import Kernels

final class KuboTransportTests: XCTestCase {
    /// At U = 0 and T ≪ Γ ≪ D the bubble gives the Drude form
    /// σ = (e²/ħa) Φ(0)/Γ (1 + O(Γ², T²)), Φ(0) = 2/(3π) for the Bethe lattice; checked also
    /// against an independent brute-force double integral of Φ(ε) A(ε, ω)².
    func testNonInteractingConductivityBethe() {
        let gamma = 0.02, t = 0.002
        let grid = RealFrequencyGrid(count: 8192, halfWidth: 2)
        let model = HubbardModel(interaction: 0, temperature: t, bathCoupling: gamma)
        let sol = RealAxisIPTSolver(grid: grid).solve(model)
        let c = KuboTransport(function: TransportFunction(lattice: .bethe)).coefficients(sol)
        let drude = (2 / (3 * Double.pi)) / gamma
        XCTAssertEqual(c.conductivity, drude, accuracy: 0.01 * drude)
        XCTAssertEqual(c.seebeck, 0, accuracy: 1e-6)
        // Brute force: 2π ∫dω(−f')∫dε Φ(ε) A², Φ = D(ε)(1−ε²)/3.
        var s = 0.0
        let nw = 400, ne = 40_000
        for i in 0..<nw {
            let w = -12 * t + 24 * t * (Double(i) + 0.5) / Double(nw)
            let e0 = exp(-abs(w) / t), mdf = e0 / (t * (1 + e0) * (1 + e0))
            var inner = 0.0
            for j in 0..<ne {
                let e = -1 + 2 * (Double(j) + 0.5) / Double(ne)
                let phi = 2 / Double.pi * pow(1 - e * e, 1.5) / 3
                let a = gamma / Double.pi / ((w - e) * (w - e) + gamma * gamma)
                inner += phi * a * a * 2 / Double(ne)
            }
            s += mdf * inner * 24 * t / Double(nw)
        }
        XCTAssertEqual(c.conductivity, 2 * Double.pi * s, accuracy: 2e-3 * c.conductivity)
    }

    /// Square lattice at U = 0: Φ(0) = 4t/π² = 1/π² (t = D/4) in closed form, so σ → (e²/ħa)/(π²Γ).
    func testNonInteractingConductivitySquare() {
        let gamma = 0.02, t = 0.002
        let sol = RealAxisIPTSolver(grid: RealFrequencyGrid(count: 8192, halfWidth: 2))
            .solve(HubbardModel(lattice: .square, interaction: 0, temperature: t, bathCoupling: gamma))
        let c = KuboTransport(function: TransportFunction(lattice: .square)).coefficients(sol)
        let drude = 1 / (Double.pi * Double.pi * gamma)
        XCTAssertEqual(c.conductivity, drude, accuracy: 0.02 * drude)
    }

    /// Gapped asymmetric DOS, D_V(ε) = c_V √(−Δ/2 − ε), D_C(ε) = c_C √(ε − Δ/2),
    /// constant τv² (Ξ ∝ D): S → (k_B/2e) ln(D̄_V/D̄_C) = ½ ln(c_V/c_C) (PH Eq. 27) at low T.
    func testSeebeckOfGappedAsymmetricDOSMatchesPHEq27() {
        let gap = 0.5, cv = 3.0, cc = 1.0
        let kubo = KuboTransport(function: TransportFunction(lattice: .bethe))
        let n = 20_001
        let w = (0..<n).map { -1 + 2 * Double($0) / Double(n - 1) }
        let dos = w.map { e -> Double in
            if e < -gap / 2 { return cv * (-gap / 2 - e).squareRoot() }
            if e > gap / 2 { return cc * (e - gap / 2).squareRoot() }
            return 0
        }
        let expected = 0.5 * log(cv / cc)
        for t in [0.01, 0.02] {
            let c = kubo.coefficients(omegas: w, density: dos, kernel: dos, temperature: t)
            XCTAssertEqual(c.seebeck, expected, accuracy: 0.05 * expected, "T = \(t): S = \(c.seebeck) k_B/e")
            XCTAssertEqual(c.chemicalPotential, t / 2 * log(cv / cc), accuracy: 0.05 * t * log(cv / cc))
        }
    }

    /// Sum rules of the transport functions: ∫Φ dε = ⟨v_x²⟩ = 2t² = 1/8 for the square lattice
    /// (t = D/4) and ∫D(ε)(1−ε²)/3 dε = 1/4 for the Bethe lattice; ∫D_λ dε = 1 for any tilt.
    func testTransportFunctionSumRules() {
        func integral(_ f: TransportFunction, _ y: [Double]) -> Double {
            TransportFunction.trapezoid(f.nodes, y)
        }
        let sq = TransportFunction(lattice: .square), be = TransportFunction(lattice: .bethe)
        XCTAssertEqual(integral(sq, sq.transport), 0.125, accuracy: 2e-3)
        XCTAssertEqual(integral(be, be.transport), 0.25, accuracy: 1e-3)
        let tilted = TransportFunction(lattice: .bethe, tilt: -3.5)
        XCTAssertEqual(integral(tilted, tilted.density), 1, accuracy: 1e-12)
        XCTAssertGreaterThan(tilted.density[200], tilted.density[56], "λ < 0 weights the top of the band")
    }
}
