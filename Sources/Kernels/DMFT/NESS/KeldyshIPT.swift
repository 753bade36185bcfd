import Foundation

/// Second-order (IPT) self-energy of the half-filled impurity out of equilibrium (DHM Eq. 10 and
/// App. B, Eqs. B2–B4), written with lesser and greater spectral densities.
///
/// For a Weiss function 𝒢_ab (retarded and Keldysh) let ρ = −Im 𝒢^R/π and
/// ρ^> = (ρ − Im 𝒢^K/2π)/2, ρ^< = (ρ + Im 𝒢^K/2π)/2 (i.e. ρ(1−f) and ρ f in equilibrium). The
/// contour expression Σ_ab^{αβ}(τ) = −αβ U² 𝒢_ab^{αβ}(τ)² 𝒢_ba^{βα}(−τ) becomes
///   σ^>(Ω) = U² ∫∫ ρ^>(ω₁) ρ^>(ω₂) ρ^<(ω₁ + ω₂ − Ω),   σ^<(Ω) = the same with > ↔ <,
///   Im Σ^R = −π(σ^> + σ^<),  Re Σ^R = Kramers–Kronig,  Σ^K = −2πi(σ^> − σ^<),
/// which reduces to B2–B3 for the Keldysh components and needs no particle–hole symmetry. In the
/// dimer the orbital components are 𝒢₁₁ = (𝒢_B + 𝒢_A)/2, 𝒢₁₂ = (𝒢_B − 𝒢_A)/2 and Σ_B/A = Σ₁₁ ± Σ₁₂
/// (DHM Eq. B4). Each double integral is one product of three FFTs on a zero-padded length 2N.
public final class KeldyshIPT: @unchecked Sendable {
    public let grid: RealFrequencyGrid
    private let fft: RealFFT
    private let convolver: RealAxisConvolver

    public init(grid: RealFrequencyGrid) {
        self.grid = grid
        fft = RealFFT(length: 2 * grid.count)
        convolver = RealAxisConvolver(grid: grid)
    }

    /// (a ∗ b ∗ c̃)(Ω_m) = h² Σ_{ijk} a_i b_j c_k δ(ω_i + ω_j − ω_k − Ω_m), c̃(ω) = c(−ω).
    func collision(_ a: [Double], _ b: [Double], _ c: [Double]) -> [Double] {
        let n = grid.count
        let cMirror = (0..<n).map { c[n - 1 - $0] }
        let fa = fft.forward(a), fb = a == b ? fa : fft.forward(b), fc = fft.forward(cMirror)
        let full = fft.inverse((0..<fa.count).map { fa[$0] * fb[$0] * fc[$0] })
        let h2 = grid.spacing * grid.spacing
        return (0..<n).map { full[$0 + n - 1] * h2 }
    }

    /// Σ_U of one orbital component ab from its Weiss function.
    public func selfEnergy(weiss: KeldyshFunction, interaction u: Double) -> KeldyshFunction {
        let n = grid.count, twoPi = 2 * Double.pi
        var greater = [Double](repeating: 0, count: n), lesser = greater
        for i in 0..<n {
            let rho = -weiss.retarded[i].imaginary / Double.pi
            greater[i] = 0.5 * (rho - weiss.keldysh[i] / twoPi)
            lesser[i] = 0.5 * (rho + weiss.keldysh[i] / twoPi)
        }
        let u2 = u * u
        let sg = collision(greater, greater, lesser).map { u2 * $0 }
        let sl = collision(lesser, lesser, greater).map { u2 * $0 }
        let total = zip(sg, sl).map { $0 + $1 }
        let re = convolver.hilbert(total)
        return KeldyshFunction(retarded: (0..<n).map { Complex(re[$0], -Double.pi * total[$0]) },
                               keldysh: (0..<n).map { -twoPi * (sg[$0] - sl[$0]) })
    }

    /// Σ_U,B and Σ_U,A from the band Weiss functions (DHM Eq. B4); one component for t⊥ = 0.
    public func bandSelfEnergies(bonding: KeldyshFunction, antibonding: KeldyshFunction?,
                                 interaction u: Double) -> (KeldyshFunction, KeldyshFunction?) {
        guard let anti = antibonding else { return (selfEnergy(weiss: bonding, interaction: u), nil) }
        func combine(_ s: Double) -> KeldyshFunction {
            KeldyshFunction(retarded: zip(bonding.retarded, anti.retarded).map { 0.5 * ($0 + s * $1) },
                            keldysh: zip(bonding.keldysh, anti.keldysh).map { 0.5 * ($0 + s * $1) })
        }
        let s11 = selfEnergy(weiss: combine(1), interaction: u)
        let s12 = selfEnergy(weiss: combine(-1), interaction: u)
        func band(_ s: Double) -> KeldyshFunction {
            KeldyshFunction(retarded: zip(s11.retarded, s12.retarded).map { $0 + s * $1 },
                            keldysh: zip(s11.keldysh, s12.keldysh).map { $0 + s * $1 })
        }
        return (band(1), band(-1))
    }
}
