import Foundation

/// Direction of the uniform DC field on the square lattice. The field enters through the
/// electrostatic potential φ(r) = −E·r of every lattice site and of its bath (HF Eq. 3; the bath
/// chemical potential is μ_r = φ(r), HF text after Eq. 3).
public enum FieldDirection: String, Sendable, CaseIterable, Codable {
    /// E ∥ (1,0): the lattice is cut into columns n_x = const (layers), one potential step E per layer.
    case axial = "10"
    /// E ∥ (1,1)/√2: the lattice is cut into diagonals n_x + n_y = const, potential step E/√2.
    case diagonal = "11"

    /// Unit vector of the field.
    public var unitVector: (x: Double, y: Double) {
        switch self {
        case .axial: return (1, 0)
        case .diagonal: return (1 / 2.0.squareRoot(), 1 / 2.0.squareRoot())
        }
    }

    /// Potential drop between neighbouring lines of sites perpendicular to E, per unit field
    /// (the Wannier–Stark step E·δr): 1 for (1,0), 1/√2 for (1,1).
    public var potentialStepPerField: Double {
        switch self {
        case .axial: return 1
        case .diagonal: return 1 / 2.0.squareRoot()
        }
    }
}

extension HartreeFock {
    /// One repeating block ("layer") of the field-driven lattice for a conserved transverse momentum,
    /// together with what is needed to read sites and bond currents out of it.
    ///
    /// The chain Hamiltonian is H = Σ_n [c_n† h_n c_n + (c_n† V c_{n+1} + h.c.)] with
    /// h_{n+1} = P h_n P − s (P a parity that flips the staggered potential, s the potential drop
    /// per layer). Every orbital also couples with rate Γ to a bath at its own local chemical
    /// potential, so the surface Green's functions obey g(ω) on layer n+1 = P g(ω + s) P on layer n.
    struct ChainCell {
        /// h_0 (without the −iΓ of the bath).
        var onsite: Matrix2
        /// Inter-layer hopping V (layer n → n+1).
        var hopping: Matrix2
        /// Whether P = σ_z (flips the off-diagonal elements) rather than the identity.
        var parityFlipsOffDiagonal: Bool
        /// The sparsity of V, used for the fast products V g V† and V† g V.
        var coupling: Coupling
        /// Potential drop per layer s, in frequency-grid steps.
        var shiftSteps: Int
        /// Local bath chemical potentials of the two orbitals of layer 0, in grid steps.
        var chemicalPotentialSteps: (Int, Int)
        /// Weight matrices W with site value = Tr(W G) for the A and B sites of layer 0.
        var siteA: Matrix2
        var siteB: Matrix2
        /// Local chemical potential of the B site, in grid steps (its local frame is shifted).
        var siteBChemicalPotentialSteps: Int
        /// Hopping inside the layer between successive lines along E (c_0† W c_1 part of h_0),
        /// zero when a layer is a single line.
        var intraHopping: Matrix2
        /// Factor converting the summed bond currents of this block to a spin-summed current per
        /// unit length perpendicular to E. Spin ↓ on a bond equals spin ↑ on the next bond, so the
        /// spin sum is the sum over the bonds of one period (1 or 2 bonds per layer).
        var currentScale: Double
    }

    /// Builds the layer block for spin ↑ (which sees the staggered potential −Δ on sublattice A,
    /// HF Eq. 1 in Hartree–Fock) at transverse momentum `momentum`.
    ///
    /// - (1,0): a layer is a column; in the basis (k_y, k_y + π) h_0 = [[ε_y, −Δ], [−Δ, −ε_y]],
    ///   ε_y = −2cos k_y, V = −1, P = σ_z, one potential step E per layer. Site values at
    ///   (0, 0) and (0, 1): ½(G_11 + G_22 ± (G_12 + G_21)).
    /// - (1,1): a layer is two neighbouring diagonals (A then B); each site on a diagonal hops to
    ///   two sites on the next one, giving τ = −2cos q, h_0 = [[−Δ, τ], [τ, Δ − E/√2]],
    ///   V = [[0, 0], [τ, 0]], P = 1, two potential steps per layer.
    /// Current scales: (1,0) ½ from the (k_y, k_y + π) pairing times 2 spins; (1,1) 1/√2, the
    /// length of a diagonal per site.
    /// `potentialStep` is E·δr between neighbouring lines (= `m` frequency-grid steps).
    static func chainCell(direction: FieldDirection, gap: Double, momentum: Double,
                          potentialStep: Double, stepsPerPotentialStep m: Int) -> ChainCell {
        switch direction {
        case .axial:
            let ey = -2 * cos(momentum)
            return ChainCell(
                onsite: Matrix2(ey, -gap, -gap, -ey), hopping: Matrix2(-1, 0, 0, -1),
                parityFlipsOffDiagonal: true, coupling: .scalar(-1), shiftSteps: m, chemicalPotentialSteps: (0, 0),
                siteA: Matrix2(0.5, 0.5, 0.5, 0.5), siteB: Matrix2(0.5, -0.5, -0.5, 0.5),
                siteBChemicalPotentialSteps: 0, intraHopping: .zero, currentScale: 2 * 0.5)
        case .diagonal:
            let tau = -2 * cos(momentum)
            return ChainCell(
                onsite: Matrix2(-gap, tau, tau, gap - potentialStep), hopping: Matrix2(0, 0, tau, 0),
                parityFlipsOffDiagonal: false, coupling: .lowerLeft(tau), shiftSteps: 2 * m, chemicalPotentialSteps: (0, -m),
                siteA: Matrix2(1, 0, 0, 0), siteB: Matrix2(0, 0, 0, 1),
                siteBChemicalPotentialSteps: -m, intraHopping: Matrix2(0, tau, 0, 0),
                currentScale: 1 / 2.0.squareRoot())
        }
    }
}

extension HartreeFock {
    /// The two inter-layer hoppings that occur: V = v·1 ((1,0) columns) and V = [[0, 0], [τ, 0]]
    /// ((1,1) pairs of diagonals).
    enum Coupling {
        case scalar(Double)
        case lowerLeft(Double)
    }
}

extension HartreeFock.ChainCell {
    typealias Matrix2 = HartreeFock.Matrix2

    /// P M P.
    @inline(__always) func parityConjugate(_ m: Matrix2) -> Matrix2 {
        guard parityFlipsOffDiagonal else { return m }
        return Matrix2(a: m.a, b: Complex.zero - m.b, c: Complex.zero - m.c, d: m.d)
    }

    /// V M V† (what layer 0 sees of layer 1).
    @inline(__always) func fromNext(_ m: Matrix2) -> Matrix2 {
        switch coupling {
        case .scalar(let v): return (v * v) * m
        case .lowerLeft(let t): return Matrix2(a: .zero, b: .zero, c: .zero, d: (t * t) * m.a)
        }
    }

    /// V† M V (what layer 0 sees of layer −1).
    @inline(__always) func fromPrevious(_ m: Matrix2) -> Matrix2 {
        switch coupling {
        case .scalar(let v): return (v * v) * m
        case .lowerLeft(let t): return Matrix2(a: (t * t) * m.d, b: .zero, c: .zero, d: .zero)
        }
    }
}
