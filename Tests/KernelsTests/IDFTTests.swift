import XCTest
@testable import Kernels

/// i-DFT spectral kernel (IDFT = Jacob, Stefanucci, Kurth, PRL 125, 216401 (2020)): exact
/// properties of the xc bias, Z̃(Z), the cubic lattice Green's function and the spectrum.
final class IDFTTests: XCTestCase {
    /// Eqs. 4, 7, 9 and 14: V_xc′(0) = V_xc″(0) = 0 and the third derivative fixed by Fermi-liquid
    /// theory, checked by finite differences of the implemented V_xc (metals on both lattices).
    func testXCBiasDerivativesAtZeroCurrent() {
        for (lattice, u) in [(IDFTLattice.bethe, 1.0), (.cubic, 0.8)] {
            let xc = XCBias(lattice: lattice, interaction: u)
            XCTAssertFalse(xc.isInsulating)
            let third = xc.fermiLiquidThirdDerivative
            XCTAssertLessThan(third, 0)
            XCTAssertEqual(xc.value(0), 0)
            for h in [1e-9, 1e-10] {
                // V ≈ V‴ h³/6, V′ ≈ V‴ h²/2, V″ ≈ V‴ h (so V′, V″ → 0 as h → 0)
                XCTAssertEqual(6 * xc.value(h) / (h * h * h) / third, 1, accuracy: 1e-3, "\(lattice)")
                let d1 = (xc.value(h) - xc.value(-h)) / (2 * h)
                XCTAssertLessThan(abs(d1), abs(third) * h * h, "\(lattice) V′")
                let d2 = (xc.value(2 * h) - 2 * xc.value(h) + xc.value(0)) / (h * h)
                XCTAssertLessThan(abs(d2), 2 * abs(third) * h, "\(lattice) V″")
                XCTAssertEqual(2 * xc.derivative(h) / (h * h) / third, 1, accuracy: 1e-3)
            }
            // Eq. 11: V̄_xc(±½) = ∓U/2, so V_xc(½) = −a(½) U/2 with a(½) close to 1
            XCTAssertEqual(xc.value(0.5) / (-xc.prefactor(0.5).a * u / 2), 1, accuracy: 1e-14)
            XCTAssertGreaterThan(xc.prefactor(0.5).a, 0.9)
            XCTAssertEqual(xc.value(-0.5), -xc.value(0.5))
        }
    }

    /// Eq. 17 (Bethe) and the supplement's Eq. S20 (cubic) from the general Eq. 10, and Eq. 10
    /// itself from its definition Z̃⁻¹ = 1 − Re Σ̃′(0) with a Fermi-liquid self-energy
    /// Σ = (1 − 1/Z)ω, for which Σ̃ = 1/G_s(ω) − 1/G_s(ω/Z) (finite differences of G_s).
    func testPseudoQuasiparticleWeight() throws {
        for z in [0.1, 0.4, 0.8, 1.0] {
            XCTAssertEqual(XCBias.pseudoWeight(z, ratio: IDFTLattice.bethe.lowEnergy.ratio), 2 * z / (1 + z), accuracy: 1e-14)
            XCTAssertEqual(XCBias.pseudoWeight(z, ratio: IDFTLattice.cubic.lowEnergy.ratio), 2.2 * z / (1.2 * z + 1), accuracy: 0.01)
        }
        for lattice in IDFTLattice.allCases {
            let z = 0.3, h = 1e-4
            func sigmaTilde(_ w: Double) throws -> Double {
                let a = try lattice.green(w), b = try lattice.green(w / z)
                let inv = { (g: Complex) in g.real / g.lengthSquared }  // Re(1/G)
                return inv(a) - inv(b)
            }
            let slope = (try sigmaTilde(h) - sigmaTilde(-h)) / (2 * h)
            XCTAssertEqual(1 / (1 - slope), XCBias.pseudoWeight(z, ratio: lattice.lowEnergy.ratio), accuracy: 1e-5, "\(lattice)")
        }
    }

    /// Cubic lattice: sum rules, the paper's G_0(0) ≈ −5.38i/W and G_0′(0) ≈ 13.24/W², and the
    /// large-ω expansion of G in the lattice's return-walk counts 1, 6, 90, 1860, 44730, 1172556.
    func testCubicLatticeGreenFunction() throws {
        let lattice = IDFTLattice.cubic
        XCTAssertEqual(lattice.cumulative(0.5), 0.5, accuracy: 2e-6)
        let n = 20000  // midpoint sums of ⟨ε²⟩ = 6t² and ⟨ε⁴⟩ = 90t⁴ (t = W/12)
        let mids = (0..<n).map { (Double($0) + 0.5) * 0.5 / Double(n) }
        let second = mids.reduce(0.0) { $0 + 2 * $1 * $1 * lattice.density($1) } * 0.5 / Double(n)
        let fourth = mids.reduce(0.0) { $0 + 2 * pow($1, 4) * lattice.density($1) } * 0.5 / Double(n)
        XCTAssertEqual(second * 144, 6, accuracy: 1e-3)
        XCTAssertEqual(fourth * pow(12, 4), 90, accuracy: 0.05)
        let (rho0, slope, ratio) = lattice.lowEnergy
        XCTAssertEqual(Double.pi * rho0, 5.38, accuracy: 0.01)
        XCTAssertEqual(slope, 13.24, accuracy: 0.02)
        XCTAssertEqual(ratio, -0.46, accuracy: 0.005)
        let w = 20.0
        let series = [1.0, 6, 90, 1860, 44730, 1172556].enumerated().reduce(0.0) { $0 + $1.element / pow(w, Double(2 * $1.offset + 1)) }
        let g = try CubicLatticeGreen.green(w)
        XCTAssertEqual(g.real, series, accuracy: 1e-9)
        XCTAssertEqual(g.imaginary, 0, accuracy: 1e-12)
        // inside the band: Im G = −πρ and the table interpolates the quadrature
        XCTAssertEqual(try CubicLatticeGreen.density(3.3) * 12, lattice.density(3.3 / 12) , accuracy: 1e-4)
    }

    /// Eq. 2 solved self-consistently against the explicit parametrisation V(Ĩ) = N⁻¹(Ĩ) − V_xc(Ĩ),
    /// Eq. 3 against the finite-difference dĨ/dV of Eq. 1, and the sum rule ∫ρ = 1.
    func testSpectrumSelfConsistencyAndSumRule() throws {
        for (lattice, u) in [(IDFTLattice.bethe, 1.0), (.bethe, 2.0), (.cubic, 0.8), (.cubic, 1.6)] {
            let s = IDFTSpectrum(lattice: lattice, interaction: u)
            for i in [0.05, 0.2, 0.45] {
                let (v, rho) = try s.parametricPoint(current: i)
                let p = try s.point(bias: v)
                XCTAssertEqual(p.current, i, accuracy: 1e-10, "\(lattice) U=\(u)")
                XCTAssertEqual(p.density, rho, accuracy: 1e-8 * max(1, rho))
                let h = 1e-6
                let fd = (try s.point(bias: v + h).current - s.point(bias: v - h).current) / (2 * h)
                XCTAssertEqual(fd, p.density, accuracy: 1e-5 * max(1, rho), "Eq. 1 vs Eq. 3")
            }
            // ∫ρ dω = 2 Ĩ(∞) = 1 by the trapezoid rule on Eq. 3's ρ
            let n = 4000, top = s.supportHalfWidth * 1.01
            let rhos = try s.density(at: (0...n).map { top * Double($0) / Double(n) })
            let integral = 2 * top / Double(n) * (rhos.reduce(0, +) - 0.5 * (rhos[0] + rhos[n]))
            XCTAssertEqual(integral, 1, accuracy: 3e-3, "\(lattice) U=\(u)")
            XCTAssertEqual(try s.point(bias: top).density, 0)
        }
    }

    /// Metal: ρ(0) = ρ_s(0) (Friedel) and the curvature A″(0) of the pseudo-quasiparticle peak
    /// (supplement Eq. S9) that λ_K was built to give. Insulator: a gap of width U_xc.
    func testMetalAndInsulator() throws {
        let metal = IDFTSpectrum(lattice: .bethe, interaction: 1.0)
        XCTAssertEqual(try metal.point(bias: 0).density, 4 / Double.pi, accuracy: 1e-12)
        XCTAssertEqual(try metal.point(bias: 1e-4).density, 4 / Double.pi, accuracy: 1e-3)
        // A = 2πρ; the difference quotient carries a √h error from the |Ĩ|^{7/2} term of V_xc,
        // removed by one Richardson step in √h (h and 4h).
        let zt = metal.xc.pseudoWeight
        func quotient(_ h: Double) throws -> Double { 4 * Double.pi * (try metal.point(bias: h).density - 4 / Double.pi) / (h * h) }
        let curvature = 2 * (try quotient(2.5e-4)) - (try quotient(1e-3))
        let s9 = 32 - 256 * pow(1 / zt - 0.5, 2)  // Γ0 = ½, Γ0″ = −2, Λ0′ = ½ (W = 1)
        XCTAssertEqual(curvature / s9, 1, accuracy: 0.01)
        for (lattice, u) in [(IDFTLattice.bethe, 1.6), (.cubic, 1.3)] {
            let s = IDFTSpectrum(lattice: lattice, interaction: u)
            XCTAssertTrue(s.xc.isInsulating)
            let edge = s.gapHalfWidth
            XCTAssertEqual(edge, s.xc.stepHeight / 2)
            XCTAssertEqual(try s.point(bias: 0.999 * edge).density, 0)
            XCTAssertGreaterThan(try s.point(bias: edge + 0.02).density, 0)
        }
        XCTAssertFalse(IDFTSpectrum(lattice: .bethe, interaction: 1.46).xc.isInsulating)
        XCTAssertFalse(IDFTSpectrum(lattice: .cubic, interaction: 1.16).xc.isInsulating)
    }

    func testGSLEllipticKAgainstArithmeticGeometricMean() throws {
        for k in [0.0, 0.3, 0.9, 0.999] {
            var (a, b) = (1.0, (1 - k * k).squareRoot())
            for _ in 0..<30 { (a, b) = ((a + b) / 2, (a * b).squareRoot()) }
            XCTAssertEqual(try GSL.ellipticK(k), Double.pi / (2 * a), accuracy: 1e-13)
        }
        XCTAssertThrowsError(try GSL.ellipticK(1.5))
    }
}
