import Foundation

extension HartreeFock {
    /// Uniform real-frequency grid ω_j = (firstIndex + j)·step, j = 0..<count. The potential step
    /// between layers is an integer number of grid steps, so the Wannier–Stark shift ω → ω + s maps
    /// grid points onto grid points and ω = 0 (every local chemical potential) is a grid point.
    struct FrequencyGrid: Sendable {
        let step: Double
        let firstIndex: Int
        let count: Int

        @inline(__always) func omega(_ j: Int) -> Double { Double(firstIndex + j) * step }
        /// Index of ω = 0.
        var zeroIndex: Int { -firstIndex }
    }

    /// Bath Fermi function f0 on the grid, padded so that f0(ω_j − μ) can be read for the local
    /// chemical potentials μ of the orbitals (multiples of the grid step). f0(0) = ½ at T = 0.
    struct FermiTable {
        private let values: [Double]
        private let padding: Int

        init(grid: FrequencyGrid, temperature: Double, padding: Int) {
            self.padding = padding
            values = (-padding..<(grid.count + padding)).map { j in
                let w = grid.omega(j)
                if temperature <= 0 { return w < 0 ? 1 : (w > 0 ? 0 : 0.5) }
                return 1 / (1 + exp(w / temperature))
            }
        }

        /// f0(ω_j − μ) with μ = steps·dω.
        @inline(__always) func value(_ j: Int, minusSteps steps: Int) -> Double {
            values[j - steps + padding]
        }
    }

    /// Transverse-momentum-averaged local spectra of the A and B sites (each in its own local
    /// frame ω − μ_site), per spin ↑: spectral function A(ω) = −Im G^R/π and occupied density
    /// N(ω) = Im G^</2π (HF SI Eqs. 6–8), plus the bond particle current per unit length.
    struct LocalSpectra {
        var spectralA: [Double]
        var spectralB: [Double]
        var occupiedA: [Double]
        var occupiedB: [Double]
        var current = 0.0
        /// First index where both local frames (A and the shifted B) are covered by the grid.
        var commonLowerIndex = 0

        /// Zeroes both sites below `commonLowerIndex`, so that A and B integrate over the same
        /// local window (otherwise the window edge breaks the A ↔ B symmetry at Δ = 0).
        mutating func trimToCommonWindow() {
            for j in 0..<min(commonLowerIndex, spectralA.count) {
                spectralA[j] = 0; spectralB[j] = 0; occupiedA[j] = 0; occupiedB[j] = 0
            }
        }

        /// Adds another partial sum (same grid).
        mutating func add(_ other: LocalSpectra) {
            for j in spectralA.indices {
                spectralA[j] += other.spectralA[j]
                spectralB[j] += other.spectralB[j]
                occupiedA[j] += other.occupiedA[j]
                occupiedB[j] += other.occupiedB[j]
            }
            current += other.current
            commonLowerIndex = max(commonLowerIndex, other.commonLowerIndex)
        }

        init(count: Int) {
            spectralA = [Double](repeating: 0, count: count)
            spectralB = spectralA
            occupiedA = spectralA
            occupiedB = spectralA
        }
    }

    /// Solves one transverse-momentum chain in the steady state and adds `weight` × its local
    /// spectra to `out`.
    ///
    /// Right/left surface Green's functions follow the Wannier–Stark functional recursion
    ///   g_R(ω) = [ω + iΓ − h_0 − V P g_R(ω + s) P V†]⁻¹,
    ///   g_L(ω) = [ω + iΓ − h_0 − V† P g_L(ω − s) P V]⁻¹,
    /// and their lesser parts g^< = g [Σ^<_0 + V P g^<(ω ± s) P V†] g† with the bath term
    /// Σ^<_0 = 2iΓ f0(ω − μ) (HF text after Eq. 3 and SI Eq. 8: G^< = G^R Σ^< G^A summed over all
    /// sites). Because the shift s is a whole number of grid steps, each recursion costs O(grid).
    /// The bond lesser function is G^<_{10} = g_1 V† G^<_{00} + g_1^< V† G^A_{00} and the particle
    /// current from layer 0 to 1 is 2 Re ∫ Tr[V G^<_{10}] dω/2π (HF SI Eq. 1); a bond inside the
    /// layer adds 2 Re ∫ Tr[W G^<_{00}] dω/2π.
    static func accumulateChain(cell: ChainCell, grid: FrequencyGrid, damping: Double,
                                fermi: FermiTable, weight: Double, into out: inout LocalSpectra) {
        let n = grid.count
        let s = cell.shiftSteps
        let v = cell.hopping
        let vDag = v.adjoint
        func resolvent(_ j: Int, _ selfEnergy: Matrix2) -> Matrix2 {
            let w = Complex(grid.omega(j), damping)
            return (Matrix2.diagonal(w, w) - cell.onsite - selfEnergy).inverse
        }
        func bathLesser(_ j: Int) -> Matrix2 {
            let (m0, m1) = cell.chemicalPotentialSteps
            return Matrix2.diagonal(Complex(0, 2 * damping * fermi.value(j, minusSteps: m0)),
                                    Complex(0, 2 * damping * fermi.value(j, minusSteps: m1)))
        }
        var right = [Matrix2](repeating: .zero, count: n)
        var rightLesser = right
        for j in stride(from: n - 1, through: 0, by: -1) {
            var sigma = Matrix2.zero
            var sigmaLesser = Matrix2.zero
            if j + s < n {
                sigma = cell.fromNext(cell.parityConjugate(right[j + s]))
                sigmaLesser = cell.fromNext(cell.parityConjugate(rightLesser[j + s]))
            }
            let g = resolvent(j, sigma)
            right[j] = g
            rightLesser[j] = g * (bathLesser(j) + sigmaLesser) * g.adjoint
        }
        var left = [Matrix2](repeating: .zero, count: n)
        var leftLesser = left
        for j in 0..<n {
            var sigma = Matrix2.zero
            var sigmaLesser = Matrix2.zero
            if j - s >= 0 {
                sigma = cell.fromPrevious(cell.parityConjugate(left[j - s]))
                sigmaLesser = cell.fromPrevious(cell.parityConjugate(leftLesser[j - s]))
            }
            let g = resolvent(j, sigma)
            left[j] = g
            leftLesser[j] = g * (bathLesser(j) + sigmaLesser) * g.adjoint
        }
        let toDensity = weight / (2 * Double.pi)
        let toSpectral = weight / Double.pi
        var current = 0.0
        for j in 0..<n {
            var g1 = Matrix2.zero, g1Lesser = Matrix2.zero
            var l1 = Matrix2.zero, l1Lesser = Matrix2.zero
            if j + s < n {
                g1 = cell.parityConjugate(right[j + s])
                g1Lesser = cell.parityConjugate(rightLesser[j + s])
            }
            if j - s >= 0 {
                l1 = cell.parityConjugate(left[j - s])
                l1Lesser = cell.parityConjugate(leftLesser[j - s])
            }
            let g = resolvent(j, cell.fromNext(g1) + cell.fromPrevious(l1))
            let gAdv = g.adjoint
            let lesser = g * (bathLesser(j) + cell.fromNext(g1Lesser) + cell.fromPrevious(l1Lesser)) * gAdv
            let bondLesser = g1 * vDag * lesser + g1Lesser * vDag * gAdv
            current += 2 * ((v * bondLesser).trace.real + (cell.intraHopping * lesser).trace.real)
            out.spectralA[j] -= toSpectral * g.weightedTrace(cell.siteA).imaginary
            out.occupiedA[j] += toDensity * lesser.weightedTrace(cell.siteA).imaginary
            let jb = j - cell.siteBChemicalPotentialSteps
            if jb >= 0 && jb < n {
                out.spectralB[jb] -= toSpectral * g.weightedTrace(cell.siteB).imaginary
                out.occupiedB[jb] += toDensity * lesser.weightedTrace(cell.siteB).imaginary
            }
        }
        out.commonLowerIndex = max(out.commonLowerIndex, -cell.siteBChemicalPotentialSteps)
        out.current += weight * cell.currentScale * current * grid.step / (2 * Double.pi)
    }
}
