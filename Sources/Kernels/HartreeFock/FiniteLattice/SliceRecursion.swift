import Foundation

extension HartreeFock {
    /// The mean-field Hamiltonian of one spin on a `LatticeSample`, with its reservoirs, ready for
    /// the slice recursion: on-site energies ε_r (Δε_r + φ(r) + U⟨Δn_{r,−σ}⟩, HF main text), hopping
    /// −t = −1 on the bonds, reservoir rates Γ_r and chemical potentials μ_r.
    struct SpinHamiltonian {
        let sample: LatticeSample
        let onsite: [Double]
        let rates: [Double]
        let chemicalPotentials: [Double]
    }

    /// What one frequency contributes, per spin: A_r(ω) = −Im G^R_rr/π, N_r(ω) = Im G^<_rr/2π and
    /// the bond particle currents per unit ω (bond order of `LatticeSample.bonds`).
    struct FrequencySlice {
        var spectral: [Double]
        var occupied: [Double]
        var bondCurrents: [Double]
    }

    /// Recursive Green's functions slice by slice (left and right connected blocks, then the exact
    /// diagonal blocks), for one spin at one real frequency ω:
    ///   gR_i = [ω + iΓ_i − H_i − T_i gR_{i+1} T_i†]⁻¹,  gR<_i = gR_i [S_i + T_i gR<_{i+1} T_i†] gR_i†,
    ///   gL_i = [ω + iΓ_i − H_i − T_{i−1}† gL_{i−1} T_{i−1}]⁻¹ (and gL<_i likewise),
    ///   G_ii = [ω + iΓ_i − H_i − T_{i−1}† gL_{i−1} T_{i−1} − T_i gR_{i+1} T_i†]⁻¹,
    ///   G<_ii = G_ii [S_i + T_{i−1}† gL<_{i−1} T_{i−1} + T_i gR<_{i+1} T_i†] G_ii†,
    ///   G<_{i+1,i} = gR_{i+1} T_i† G<_ii + gR<_{i+1} T_i† G^A_ii,
    /// with S_i = diag 2iΓ_r f0(ω − μ_r) the reservoirs' lesser self-energy (HF main text; SI
    /// Eq. 7 is G^< = G^R Σ^< G^A written out). The particle current a → b on a bond with hopping
    /// h = −1 is 2h Re G^<_{ba}/2π per unit ω (HF SI Eq. 1). Cost per slice: three inversions and
    /// six products of width × width blocks (the couplings T are sparse and applied directly).
    /// When every reservoir is filled at ω (`lesserNeeded` false) only G^R is computed and
    /// G^< = G^A − G^R, i.e. N = A and no current.
    static func solveFrequency(_ h: SpinHamiltonian, omega: Double, fermi: (Int) -> Double,
                               lesserNeeded: Bool) -> FrequencySlice {
        let sample = h.sample
        let (length, width) = (sample.length, sample.width)
        var out = FrequencySlice(spectral: [Double](repeating: 0, count: sample.siteCount),
                                 occupied: [Double](repeating: 0, count: sample.siteCount),
                                 bondCurrents: [])
        out.bondCurrents.reserveCapacity(sample.siteCount * 3)
        func resolventBase(_ i: Int) -> ComplexMatrix {
            var m = ComplexMatrix(zeros: width)
            for j in 0..<width {
                let s = i * width + j
                m.add(j, j, re: omega - h.onsite[s], im: h.rates[s])
            }
            for p in sample.intraSlice[i] {
                m.add(p.a, p.b, re: 1)
                m.add(p.b, p.a, re: 1)
            }
            return m
        }
        func bathLesser(_ i: Int) -> ComplexMatrix {
            var m = ComplexMatrix(zeros: width)
            for j in 0..<width {
                let s = i * width + j
                m.add(j, j, re: 0, im: 2 * h.rates[s] * fermi(s))
            }
            return m
        }
        // Right-connected blocks, stored for every slice.
        var right = [ComplexMatrix](repeating: ComplexMatrix(zeros: 0), count: length)
        var rightLesser = right
        for i in stride(from: length - 1, through: 0, by: -1) {
            var a = resolventBase(i)
            if i + 1 < length { a = a - fromNext(right[i + 1], sample.interSlice[i], width) }
            right[i] = a.inverse()!
            if lesserNeeded {
                var s = bathLesser(i)
                if i + 1 < length { s = s + fromNext(rightLesser[i + 1], sample.interSlice[i], width) }
                rightLesser[i] = ComplexMatrix.congruence(right[i], s)
            }
        }
        // Left sweep with the full diagonal blocks and the bond currents.
        var leftG: ComplexMatrix? = nil, leftL: ComplexMatrix? = nil
        for i in 0..<length {
            let base = resolventBase(i)
            var a = base
            if let g = leftG { a = a - fromPrevious(g, sample.interSlice[i - 1], width) }
            var full = a
            if i + 1 < length { full = full - fromNext(right[i + 1], sample.interSlice[i], width) }
            let gii = full.inverse()!
            for j in 0..<width { out.spectral[i * width + j] = -gii.imaginary(j, j) / Double.pi }
            if lesserNeeded {
                var sLeft = bathLesser(i)
                if let l = leftL { sLeft = sLeft + fromPrevious(l, sample.interSlice[i - 1], width) }
                var sFull = sLeft
                if i + 1 < length { sFull = sFull + fromNext(rightLesser[i + 1], sample.interSlice[i], width) }
                let lii = ComplexMatrix.congruence(gii, sFull)
                for j in 0..<width { out.occupied[i * width + j] = lii.imaginary(j, j) / (2 * Double.pi) }
                for p in sample.intraSlice[i] { out.bondCurrents.append(-lii.real(p.b, p.a) / Double.pi) }
                if i + 1 < length {
                    appendInterSliceCurrents(&out.bondCurrents, gii: gii, lii: lii, right: right[i + 1],
                                             rightLesser: rightLesser[i + 1], pairs: sample.interSlice[i], width: width)
                }
                let gl = a.inverse()!
                leftG = gl
                leftL = ComplexMatrix.congruence(gl, sLeft)
            } else {
                for j in 0..<width { out.occupied[i * width + j] = out.spectral[i * width + j] }
                let bondsHere = sample.intraSlice[i].count + (i + 1 < length ? sample.interSlice[i].count : 0)
                out.bondCurrents.append(contentsOf: repeatElement(0, count: bondsHere))
                leftG = a.inverse()!
            }
        }
        return out
    }

    /// T X T† with T = H_{i,i+1} (hopping −1 on the pairs (a, b)): [a, a'] = Σ X[b, b'].
    static func fromNext(_ x: ComplexMatrix, _ pairs: [(a: Int, b: Int)], _ width: Int) -> ComplexMatrix {
        var m = ComplexMatrix(zeros: width)
        for p in pairs {
            for q in pairs { m.add(p.a, q.a, re: x.real(p.b, q.b), im: x.imaginary(p.b, q.b)) }
        }
        return m
    }

    /// T† X T: [b, b'] = Σ X[a, a'].
    static func fromPrevious(_ x: ComplexMatrix, _ pairs: [(a: Int, b: Int)], _ width: Int) -> ComplexMatrix {
        var m = ComplexMatrix(zeros: width)
        for p in pairs {
            for q in pairs { m.add(p.b, q.b, re: x.real(p.a, q.a), im: x.imaginary(p.a, q.a)) }
        }
        return m
    }

    /// Currents a → b on the bonds from slice i to i + 1 from G<_{i+1,i}[b, a].
    private static func appendInterSliceCurrents(_ currents: inout [Double], gii: ComplexMatrix, lii: ComplexMatrix,
                                                 right: ComplexMatrix, rightLesser: ComplexMatrix,
                                                 pairs: [(a: Int, b: Int)], width: Int) {
        // X = T† G<_ii and Y = T† G^A_ii, rows indexed by sites of slice i + 1 (T entries −1).
        var x = ComplexMatrix(zeros: width), y = ComplexMatrix(zeros: width)
        for p in pairs {
            for col in 0..<width {
                x.add(p.b, col, re: -lii.real(p.a, col), im: -lii.imaginary(p.a, col))
                y.add(p.b, col, re: -gii.real(col, p.a), im: gii.imaginary(col, p.a))
            }
        }
        for p in pairs {
            var re = 0.0
            for c in 0..<width {
                re += right.real(p.b, c) * x.real(c, p.a) - right.imaginary(p.b, c) * x.imaginary(c, p.a)
                re += rightLesser.real(p.b, c) * y.real(c, p.a) - rightLesser.imaginary(p.b, c) * y.imaginary(c, p.a)
            }
            currents.append(-re / Double.pi)
        }
    }
}
