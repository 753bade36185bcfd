import Mesh
import Materials
import Discretization
import SparseLinearAlgebra

/// The coefficients of the two-temperature heat balance of one state (PH Eqs. 5–6): κ_e = f κ(T)
/// and κ_l = (1 − f) κ(T_l) per cell, their face conductances, the exchange conductance
/// γ_el V per cell (less the half cells behind linked boundary faces) and the link of every boundary face (`CarrierLink`).
public struct TwoTemperatureTerms: Sendable {
    public let electronConductivity: [Double]
    public let latticeConductivity: [Double]
    public let electronFaceConductance: [Double]
    public let latticeFaceConductance: [Double]
    /// γ_el V_P (W/K).
    public let exchange: [Double]
    public let links: [CarrierLink]
}

extension DiscreteModel {
    /// The two-temperature terms of `state` (whose `temperature` is the electron temperature);
    /// `cells` holds κ(T) of the state. Requires `problem.twoTemperature` and a lattice field.
    public func twoTemperatureTerms(of state: ElectrothermalState, cells: CellCoefficients) -> TwoTemperatureTerms {
        let model = problem.twoTemperature!
        let f = model.electronFraction
        let tl = state.latticeTemperature!
        let n = grid.cellCount
        let ke = cells.thermalConductivity.map { f * $0 }
        let kl = (0..<n).map { c in
            (1 - f) * cellCoefficients(c, metalFraction: state.metalFraction[c], temperature: tl[c]).thermalConductivity
        }
        func faceConductances(_ kappa: [Double]) -> [Double] {
            (0..<faces.count).map { face in
                let a = faces.area[face]
                let kP = kappa[faces.owner[face]] * a / faces.ownerDistance[face]
                let kN = kappa[faces.neighbor[face]] * a / faces.neighborDistance[face]
                return 1 / (1 / kP + 1 / kN)
            }
        }
        let links = (0..<boundary.count).map { b -> CarrierLink in
            let c = boundary.cell[b]
            return CarrierLink(condition: boundary.thermal[b], held: boundary.heldCarrier(b), electronConductivity: ke[c],
                               latticeConductivity: kl[c], coupling: model.coupling, area: boundary.area[b],
                               distance: boundary.distance[b])
        }
        // The half cell behind a linked face exchanges its heat inside the link; the cell's own
        // exchange covers the rest of its volume.
        var exchangeVolume = (0..<n).map { grid.volume($0) }
        for b in 0..<boundary.count where boundary.thermal[b] != .adiabatic {
            exchangeVolume[boundary.cell[b]] -= boundary.area[b] * boundary.distance[b]
        }
        return TwoTemperatureTerms(electronConductivity: ke, latticeConductivity: kl,
                                   electronFaceConductance: faceConductances(ke), latticeFaceConductance: faceConductances(kl),
                                   exchange: exchangeVolume.map { model.coupling * max(0, $0) }, links: links)
    }

    /// Heat (W) leaving through each listed boundary face with the two-temperature links.
    public func twoTemperatureBoundaryHeat(of state: ElectrothermalState, cells: CellCoefficients) -> [Double] {
        let terms = twoTemperatureTerms(of: state, cells: cells)
        return (0..<boundary.count).map { b in
            let c = boundary.cell[b]
            return terms.links[b].totalHeat(state.temperature[c], state.latticeTemperature![c])
        }
    }
}

extension SteadyStateSolver {
    /// The heat half of a Picard step with the two-temperature model: electron and lattice
    /// temperatures from one linear solve of the 2N system, the Joule and Peltier heat of
    /// `fluxes` in the electron balance (Peltier lagged or implicit as for one temperature).
    func twoTemperatureHeatStep(_ state: ElectrothermalState, next: inout ElectrothermalState, cells: CellCoefficients,
                                faceCoefficients fc: FaceCoefficients, fluxes: ElectrothermalFluxes) throws {
        let system = model.twoTemperatureHeat!
        let terms = model.twoTemperatureTerms(of: state, cells: cells)
        let heat = model.heat
        let conduction = heat.conductionMatrix(faces: model.faces, thermalConductance: terms.electronFaceConductance)
        var source = fluxes.jouleHeat
        let electron: SparseMatrix
        switch settings.peltierCoupling {
        case .lagged:
            let split = heat.laggedPeltierSplit(fluxes: fluxes, temperature: state.temperature, faces: model.faces,
                                                faceCoefficients: fc, boundary: model.boundary, cells: cells)
            for c in 0..<source.count { source[c] += split.explicit[c] }
            electron = heat.addingDiagonal(split.diagonal, to: conduction)
        case .implicit:
            electron = heat.implicitPeltierMatrix(diffusion: conduction, faces: model.faces, faceCoefficients: fc,
                                                  boundary: model.boundary, cells: cells, fluxes: fluxes)
            heat.addContactPeltierFixedPart(fluxes: fluxes, temperature: state.temperature, boundary: model.boundary,
                                            cells: cells, to: &source)
        }
        let lattice = heat.conductionMatrix(faces: model.faces, thermalConductance: terms.latticeFaceConductance)
        let a = system.matrix(electron: electron, lattice: lattice, exchange: terms.exchange,
                              boundary: model.boundary, links: terms.links)
        let rhs = system.rightHandSide(electronSource: source, boundary: model.boundary, links: terms.links)
        let factorization = UMFPACKFactorization()
        try factorization.factorize(a)
        let x = try factorization.solve(rhs)
        (next.temperature, next.latticeTemperature) = system.temperatures(x)
    }
}
