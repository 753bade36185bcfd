import XCTest
@testable import Kernels

final class IPTTests: XCTestCase {
    /// At U = 0 the converged real-axis solution is the semicircle
    /// broadened by Γ, A(ω) = ∫dε D(ε)(Γ/π)/((ω−ε)² + Γ²), computed here by quadrature.
    func testNonInteractingSpectralFunctionBethe() {
        let solver = RealAxisIPTSolver(grid: RealFrequencyGrid(count: 4096, halfWidth: 3))
        let gamma = 0.05
        let sol = solver.solve(HubbardModel(interaction: 0, temperature: 0.02, bathCoupling: gamma))
        XCTAssertTrue(sol.report.converged)
        let a = sol.localDensity
        for i in stride(from: 100, to: 4000, by: 337) {
            let w = solver.grid.frequency(i)
            var exact = 0.0
            let n = 20_000
            for j in 0..<n {
                let e = -1 + (Double(j) + 0.5) * 2 / Double(n)
                exact += 2 / Double.pi * (1 - e * e).squareRoot() * gamma / Double.pi / ((w - e) * (w - e) + gamma * gamma) * 2 / Double(n)
            }
            XCTAssertEqual(a[i], exact, accuracy: 1e-4, "ω = \(w)")
        }
    }

    /// The same for the square lattice: ρ(ω) against the Γ-broadened square DOS.
    func testNonInteractingSpectralFunctionSquare() {
        let solver = RealAxisIPTSolver(grid: RealFrequencyGrid(count: 2048, halfWidth: 3))
        let gamma = 0.05
        let sol = solver.solve(HubbardModel(lattice: .square, interaction: 0, temperature: 0.02, bathCoupling: gamma))
        let a = sol.localDensity
        for i in stride(from: 150, to: 1900, by: 211) {
            let w = solver.grid.frequency(i)
            var exact = 0.0
            let n = 200_000
            for j in 0..<n {
                let e = -1 + (Double(j) + 0.5) * 2 / Double(n)
                exact += Lattice.square.density(e) * gamma / Double.pi / ((w - e) * (w - e) + gamma * gamma) * 2 / Double(n)
            }
            XCTAssertEqual(a[i], exact, accuracy: 2e-3 * max(exact, 0.1), "ω = \(w)")
        }
    }

    /// IPT in the dimer limit (DHM Eq. B11): Weiss fields 𝒢_B/A = 1/(iω ± t⊥) give
    /// Σ_B = (U²/16){[1 + 3 th²]/(iω − 3t⊥) + 3[1 − th²]/(iω + t⊥)}, th = tanh(t⊥/2T).
    func testMatsubaraIPTReproducesDimerLimitB11() {
        let t = 0.05, tp = 0.3, u = 1.0
        let solver = MatsubaraIPTSolver(count: 1024, temperature: t)
        let model = HubbardModel(interaction: u, interorbitalHopping: tp, temperature: t, bathCoupling: 0)
        // Δ = 0 makes 𝒢_m⁻¹ = iω − ε_m exactly.
        let sigma = solver.impuritySelfEnergy(model, [Complex](repeating: .zero, count: 1024))
        let th = tanh(tp / (2 * t)), pre = u * u / 16
        for n in [0, 3, 10, 100] {
            let z = Complex(0, solver.transforms.frequency(n))
            let exact = pre * ((1 + 3 * th * th) / (z - Complex(3 * tp)) + 3 * (1 - th * th) / (z + Complex(tp)))
            XCTAssertEqual((sigma.bonding[n] - exact).length, 0, accuracy: 2e-3 * exact.length, "n = \(n)")
        }
    }

    /// The real-axis IPT, continued to iω_n, agrees with the Matsubara IPT (metal, U = 2).
    func testRealAxisAgreesWithMatsubaraInTheMetal() {
        let model = HubbardModel(interaction: 2, temperature: 0.05, bathCoupling: 0.01)
        let real = RealAxisIPTSolver(grid: RealFrequencyGrid(count: 4096, halfWidth: 6)).solve(model)
        let mats = MatsubaraIPTSolver(count: 256, temperature: 0.05).solve(model)
        XCTAssertTrue(real.report.converged && mats.report.converged)
        let c = compareAxes(real, mats, frequencies: 16)
        XCTAssertLessThan(c.maximumDeviation, 2e-3, "max |ΔG(iω_n)| = \(c.maximumDeviation)")
    }

    /// Coexistence at T = 0.02 (Bethe, Γ = 0): two solutions at U = 2.8, only the metal at U = 2.2.
    func testCoexistenceOfMetalAndInsulator() {
        let sweep = InteractionSweep(template: HubbardModel(interaction: 2, temperature: 0.02, bathCoupling: 0), cutoff: 30)
        let us = [2.2, 2.5, 2.8]
        let metal = sweep.follow(.metal, over: us).map { $0.0.imaginaryGreen }
        let insulator = sweep.follow(.insulator, over: us).map { $0.0.imaginaryGreen }
        XCTAssertEqual(metal[0], insulator[0], accuracy: 1e-5, "U = 2.2 lies below U_c1")
        XCTAssertLessThan(metal[2], -1.0, "metal at U = 2.8: |Im G(iω₀)| large")
        XCTAssertGreaterThan(insulator[2], -0.2, "insulator at U = 2.8: |Im G(iω₀)| small")
    }
}

final class DimerTests: XCTestCase {
    /// The real-axis dimer IPT (off-diagonal Σ₁₂ included), continued to iω_n, agrees with the
    /// Matsubara dimer IPT in the insulator: an independent check of the Σ₁₂ sign and symmetry.
    func testRealAxisDimerInsulatorAgreesWithMatsubara() {
        let model = HubbardModel(interaction: 3, interorbitalHopping: 0.3, temperature: 0.02, bathCoupling: 0.01)
        let rs = RealAxisIPTSolver(grid: RealFrequencyGrid(count: 4096, halfWidth: 6))
        let real = rs.solve(model, seed: rs.insulatingSeed(for: model))
        let ms = MatsubaraIPTSolver(count: 256, temperature: 0.02)
        let mats = ms.solve(model, seed: ms.insulatingSeed(for: model))
        XCTAssertTrue(real.report.converged && mats.report.converged)
        XCTAssertGreaterThan(mats.imaginaryGreenAtFirstFrequency, -0.2, "insulating solution")
        let c = compareAxes(real, mats, frequencies: 16)
        XCTAssertLessThan(c.maximumDeviation, 3e-3, "max |ΔG(iω_n)| = \(c.maximumDeviation)")
    }

    /// DHM Fig. 1b: the dimer insulator at U = 2.5 (square lattice, t⊥ = 0.3) is lost on heating
    /// between T = 0.02 and 0.025 (DHM: T_IMT = 0.023), while the metal survives.
    func testDimerInsulatorTurnsMetallicOnHeating() {
        let m = HubbardModel(lattice: .square, interaction: 2.5, interorbitalHopping: 0.3, temperature: 0.015, bathCoupling: 7.5e-4)
        let sweep = TemperatureSweep(template: m, cutoff: 20)
        let ts = [0.015, 0.02, 0.025]
        let ins = sweep.follow(.insulator, over: ts, heating: true).map { $0.imaginaryGreenAtFirstFrequency }
        let met = sweep.follow(.metal, over: ts, heating: true).map { $0.imaginaryGreenAtFirstFrequency }
        XCTAssertGreaterThan(ins[1], -0.2, "insulator at T = 0.02")
        XCTAssertLessThan(met[1], -1.0, "metal at T = 0.02")
        XCTAssertEqual(ins[2], met[2], accuracy: 1e-4, "only the metal at T = 0.025")
    }
}
