import XCTest
@testable import Kernels

/// The slice recursion against a dense inversion of the whole lattice (an independent solver):
/// G = (ω + iΓ − H)⁻¹ and G^< = G Σ^< G† by plain complex Gauss–Jordan elimination.
final class FiniteLatticeRecursionTests: XCTestCase {
    private struct Dense {
        var re: [[Double]]
        var im: [[Double]]
    }

    /// (ω + iΓ − H)⁻¹ by Gauss–Jordan with partial pivoting.
    private func denseResolvent(_ h: HartreeFock.SpinHamiltonian, omega: Double) -> Dense {
        let n = h.sample.siteCount
        var ar = [[Double]](repeating: [Double](repeating: 0, count: 2 * n), count: n)
        var ai = ar
        for s in 0..<n {
            ar[s][s] = omega - h.onsite[s]
            ai[s][s] = h.rates[s]
            ar[s][n + s] = 1
        }
        for bond in h.sample.bonds {
            ar[bond.from][bond.to] += 1
            ar[bond.to][bond.from] += 1
        }
        for col in 0..<n {
            var p = col
            for row in col..<n where hypot(ar[row][col], ai[row][col]) > hypot(ar[p][col], ai[p][col]) { p = row }
            ar.swapAt(col, p)
            ai.swapAt(col, p)
            let d = ar[col][col] * ar[col][col] + ai[col][col] * ai[col][col]
            let (ir, ii) = (ar[col][col] / d, -ai[col][col] / d)
            for k in 0..<(2 * n) {
                let (r, i) = (ar[col][k], ai[col][k])
                ar[col][k] = r * ir - i * ii
                ai[col][k] = r * ii + i * ir
            }
            for row in 0..<n where row != col {
                let (fr, fi) = (ar[row][col], ai[row][col])
                if fr == 0 && fi == 0 { continue }
                for k in 0..<(2 * n) {
                    ar[row][k] -= fr * ar[col][k] - fi * ai[col][k]
                    ai[row][k] -= fr * ai[col][k] + fi * ar[col][k]
                }
            }
        }
        return Dense(re: ar.map { Array($0[n...]) }, im: ai.map { Array($0[n...]) })
    }

    private func hamiltonian(cut: FieldDirection, length: Int, width: Int, periodic: Bool) throws -> HartreeFock.SpinHamiltonian {
        let sample = try LatticeSample(cut: cut, length: length, width: width, periodic: periodic)
        let n = sample.siteCount
        let onsite = (0..<n).map { (s: Int) -> Double in 0.3 * sin(Double(3 * s + 1)) - 0.2 * sample.position(s).y }
        let rates = (0..<n).map { (s: Int) -> Double in
            let slice = s / width
            return slice == 0 || slice == length - 1 ? 1.0 : 0.05 + 0.01 * Double(s % 3)
        }
        let mus = (0..<n).map { -0.2 * sample.position($0).y }
        return HartreeFock.SpinHamiltonian(sample: sample, onsite: onsite, rates: rates, chemicalPotentials: mus)
    }

    private func check(cut: FieldDirection, length: Int, width: Int, periodic: Bool) throws {
        let h = try hamiltonian(cut: cut, length: length, width: width, periodic: periodic)
        let omega = 0.137
        let fermi: (Int) -> Double = { s in SteadyState.fermi(omega - h.chemicalPotentials[s], 0.05) }
        let slice = HartreeFock.solveFrequency(h, omega: omega, fermi: fermi, lesserNeeded: true)
        let g = denseResolvent(h, omega: omega)
        let n = h.sample.siteCount
        // G^<_{ab} = Σ_s G_as 2iΓ_s f_s conj(G_bs)
        func lesser(_ a: Int, _ b: Int) -> (Double, Double) {
            var re = 0.0, im = 0.0
            for s in 0..<n {
                let w = 2 * h.rates[s] * fermi(s)
                let (xr, xi) = (g.re[a][s], g.im[a][s])
                let (yr, yi) = (g.re[b][s], -g.im[b][s])
                let (pr, pi) = (xr * yr - xi * yi, xr * yi + xi * yr)
                re += -w * pi
                im += w * pr
            }
            return (re, im)
        }
        for s in 0..<n {
            XCTAssertEqual(slice.spectral[s], -g.im[s][s] / Double.pi, accuracy: 1e-11, "A at site \(s)")
            XCTAssertEqual(slice.occupied[s], lesser(s, s).1 / (2 * Double.pi), accuracy: 1e-11, "N at site \(s)")
        }
        for (b, bond) in h.sample.bonds.enumerated() {
            // I_{a→b} = 2h Re G^<_{ba}/2π with h = −1
            XCTAssertEqual(slice.bondCurrents[b], -lesser(bond.to, bond.from).0 / Double.pi, accuracy: 1e-11,
                           "bond \(bond.from)→\(bond.to)")
        }
    }

    func testDiagonalCutMatchesDenseInversion() throws {
        try check(cut: .diagonal, length: 6, width: 3, periodic: false)
        try check(cut: .diagonal, length: 5, width: 4, periodic: true)
    }

    func testAxialCutMatchesDenseInversion() throws {
        try check(cut: .axial, length: 5, width: 3, periodic: false)
        try check(cut: .axial, length: 4, width: 4, periodic: true)
    }

    func testFilledFrequencyShortcutGivesTheSameSpectrum() throws {
        let h = try hamiltonian(cut: .axial, length: 4, width: 3, periodic: false)
        let full = HartreeFock.solveFrequency(h, omega: -3, fermi: { _ in 1 }, lesserNeeded: true)
        let cheap = HartreeFock.solveFrequency(h, omega: -3, fermi: { _ in 1 }, lesserNeeded: false)
        for s in 0..<h.sample.siteCount {
            XCTAssertEqual(cheap.spectral[s], full.spectral[s], accuracy: 1e-13)
            XCTAssertEqual(cheap.occupied[s], full.occupied[s], accuracy: 1e-11)
        }
        XCTAssertLessThan(full.bondCurrents.map(abs).max()!, 1e-11)
    }

    func testSampleGeometry() throws {
        let d = try LatticeSample(cut: .diagonal, length: 80, width: 15)
        XCTAssertEqual(d.siteCount, 1200)
        // every site of the (11) cut sits on one sublattice per diagonal, neighbours differ by 1 in n_x + n_y
        for bond in d.bonds {
            let (a, b) = (d.latticeCoordinates(bond.from), d.latticeCoordinates(bond.to))
            XCTAssertEqual(abs(a.nx - b.nx) + abs(a.ny - b.ny), 1)
        }
        let p = try LatticeSample(cut: .axial, length: 4, width: 6, periodic: true)
        XCTAssertEqual(p.bonds.count, 4 * 6 + 3 * 6)
        XCTAssertThrowsError(try LatticeSample(cut: .axial, length: 4, width: 5, periodic: true))
        XCTAssertThrowsError(try LatticeSample(cut: .axial, length: 1, width: 5))
    }
}
