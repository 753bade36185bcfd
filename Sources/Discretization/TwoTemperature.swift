import Foundation
import Mesh

/// Electron–lattice two-temperature heat balance (G. Chiriacò and A. J. Millis, "Polarity
/// dependent heating at the phase interface in metal–insulator transitions", PH Eqs. 5–6):
///   electrons: 0 = ρ j² − T j·∇S + ∇·(κ_e ∇T) − γ_el (T − T_l)        (PH Eq. 5)
///   lattice:   0 = γ_el (T − T_l) + ∇·(κ_l ∇T_l)                      (PH Eq. 6)
/// with γ_el = Γ D(μ)² (PH Eq. 25). The thermal conductivity κ of every material is split as
/// κ_e = f κ(T), κ_l = (1 − f) κ(T_l); the sum of the two equations is the single-temperature
/// balance of PH Eq. 7, and the electron–lattice length is 1/α = √(κ_e κ_l / (γ_el κ)).
public struct TwoTemperatureModel: Sendable, Equatable {
    /// γ_el in W/(m³·K), > 0.
    public var coupling: Double
    /// f = κ_e / κ, in (0, 1).
    public var electronFraction: Double

    public init(coupling: Double, electronFraction: Double) {
        self.coupling = coupling
        self.electronFraction = electronFraction
    }

    /// 1/α (m) for a total conductivity κ (W/(m·K)).
    public func coolingLength(thermalConductivity kappa: Double) -> Double {
        let ke = electronFraction * kappa, kl = (1 - electronFraction) * kappa
        return (ke * kl / (coupling * kappa)).squareRoot()
    }
}

/// Which carrier a thermal boundary face is attached to. The substrate and every other
/// thermal boundary hold the lattice; electrode contacts hold the electrons (the metal lead
/// is an electron reservoir). The other carrier sees an adiabatic face there.
public enum HeldCarrier: Sendable, Equatable {
    case electrons, lattice
}

/// Heat (W) leaving a cell through one boundary face, per carrier, as a linear function of
/// the cell's two temperatures: F_e = a_ee T_e + a_el T_l + b_e, F_l = a_le T_e + a_ll T_l + b_l.
///
/// The half cell between the cell centre and the face is solved exactly for the source-free
/// two-temperature equations: Ψ = κ_e T + κ_l T_l is linear (the total flux is constant) and
/// θ = T_free − T_held obeys θ'' = α² θ. The held carrier takes the face's condition (fixed
/// temperature or heat transfer), the free carrier has zero flux through the face; the
/// fluxes at the cell centre follow. For α d → 0 the link becomes the lattice-only half-cell
/// conductance κ_held A/d; for α d → ∞ the single-temperature link κ A/d of the total κ, so
/// γ_el → ∞ recovers the single-temperature discretisation exactly. The 2 × 2 conductance
/// block is symmetric and a uniform temperature gives no flux, so the exchange conserves energy.
public struct CarrierLink: Sendable, Equatable {
    public var electronElectron = 0.0, electronLattice = 0.0, electronConstant = 0.0
    public var latticeElectron = 0.0, latticeLattice = 0.0, latticeConstant = 0.0

    /// No heat crosses the face.
    public static let adiabatic = CarrierLink()

    public func electronHeat(_ te: Double, _ tl: Double) -> Double { electronElectron * te + electronLattice * tl + electronConstant }
    public func latticeHeat(_ te: Double, _ tl: Double) -> Double { latticeElectron * te + latticeLattice * tl + latticeConstant }
    /// Heat leaving through the face (W).
    public func totalHeat(_ te: Double, _ tl: Double) -> Double { electronHeat(te, tl) + latticeHeat(te, tl) }

    /// The link of a face of area `area` at distance `distance` from the cell centre.
    public init(condition: ThermalBoundaryCondition, held: HeldCarrier, electronConductivity ke: Double,
                latticeConductivity kl: Double, coupling gamma: Double, area: Double, distance d: Double) {
        let (kHeld, kFree) = held == .lattice ? (kl, ke) : (ke, kl)
        // Fluxes per unit area (free, held) leaving the cell centre for centre values aF, aH
        // and face temperature tB of the held carrier.
        let kappa = kHeld + kFree
        let alpha = (gamma * kappa / (kHeld * kFree)).squareRoot()
        let x = alpha * d
        let t = tanh(x), sech = 1 / cosh(x)
        let denominator = kHeld * x + kFree * t
        func fluxes(_ aF: Double, _ aH: Double, _ tB: Double) -> (free: Double, held: Double) {
            let p = aF - aH, excess = kFree * aF + kHeld * aH - kappa * tB
            let slope = -kHeld * alpha * (excess - p * kFree * sech) / denominator
            let q = (excess * sech - p * (kHeld * x * t + kFree)) / denominator
            let free = -kFree * (slope + kHeld * alpha * q) / kappa
            return (free, -slope - free)
        }
        let f1 = fluxes(1, 0, 0), h1 = fluxes(0, 1, 0), b1 = fluxes(0, 0, 1)
        // Coefficients of (aF, aH) and the outside temperature, per unit area.
        var free = (f1.free, h1.free, 0.0), heldRow = (f1.held, h1.held, 0.0)
        switch condition {
        case .adiabatic:
            return
        case let .fixedTemperature(tOut):
            free.2 = b1.free * tOut
            heldRow.2 = b1.held * tOut
        case let .heatTransfer(h, sink):
            // Face temperature from h (t_B − T_sink) = total flux.
            let cF = f1.free + f1.held, cH = h1.free + h1.held, cB = b1.free + b1.held
            let w = 1 / (h - cB)
            let (wF, wH, wS) = (cF * w, cH * w, h * sink * w)
            free = (f1.free + b1.free * wF, h1.free + b1.free * wH, b1.free * wS)
            heldRow = (f1.held + b1.held * wF, h1.held + b1.held * wH, b1.held * wS)
        }
        let a = area
        if held == .lattice {
            (electronElectron, electronLattice, electronConstant) = (a * free.0, a * free.1, a * free.2)
            (latticeElectron, latticeLattice, latticeConstant) = (a * heldRow.0, a * heldRow.1, a * heldRow.2)
        } else {
            (electronElectron, electronLattice, electronConstant) = (a * heldRow.1, a * heldRow.0, a * heldRow.2)
            (latticeElectron, latticeLattice, latticeConstant) = (a * free.1, a * free.0, a * free.2)
        }
    }

    init() {}
}

extension BoundaryFaces {
    /// The carrier face `b` holds: electrons on an electrode contact, the lattice elsewhere.
    public func heldCarrier(_ b: Int) -> HeldCarrier { electrode[b] >= 0 ? .electrons : .lattice }
}
