import Mesh
import Materials
import Discretization
import SparseLinearAlgebra

/// The parts of a problem that never change during a run: face lists, boundary faces and
/// the sparsity patterns of the two operators. Built once per problem.
public struct DiscreteModel: Sendable {
    public let problem: ElectrothermalProblem
    public let faces: InteriorFaces
    public let boundary: BoundaryFaces
    public let charge: ChargeOperator
    public let heat: HeatOperator
    /// Film cells (true) versus substrate cells (false).
    public let film: [Bool]

    public init(problem: ElectrothermalProblem) throws {
        try problem.validate()
        self.problem = problem
        faces = InteriorFaces(grid: problem.grid)
        do {
            boundary = try BoundaryFaces(grid: problem.grid, thermal: problem.thermalBoundaries,
                                         electrodes: problem.electrodes)
        } catch let error as BoundaryFaces.BuildError {
            throw SolverError.invalidProblem(error.description)
        }
        charge = ChargeOperator(grid: problem.grid, faces: faces, boundary: boundary, electrodes: problem.electrodes)
        heat = HeatOperator(grid: problem.grid, faces: faces)
        film = problem.filmMask
    }

    public var grid: RectilinearGrid { problem.grid }
    public var electrodes: [Electrode] { problem.electrodes }

    /// Cell and face coefficients of a state. With a field channel σ and S are evaluated at
    /// each phase's T_eff(|E|, T) (`effectiveTemperatures(of:)`), κ at the lattice T.
    public func coefficients(of state: ElectrothermalState) -> (CellCoefficients, FaceCoefficients) {
        guard problem.fieldDrivenSwitching != nil else { return coefficients(of: state, transport: nil) }
        return effectiveTemperaturesAndCoefficients(of: state).coefficients
    }

    /// Coefficients with σ, S of each phase at the given per-cell temperatures (nil: lattice T).
    func coefficients(of state: ElectrothermalState, transport: EffectiveTemperatures?) -> (CellCoefficients, FaceCoefficients) {
        var cells: CellCoefficients
        if let transport {
            cells = CellCoefficients(material: problem.material, metalFraction: state.metalFraction, temperature: state.temperature,
                                     insulatorTransport: transport.insulator, metalTransport: transport.metal)
        } else {
            cells = CellCoefficients(material: problem.material, metalFraction: state.metalFraction, temperature: state.temperature)
        }
        if let layer = problem.substrate {
            for c in 0..<film.count where !film[c] {
                cells.conductivity[c] = layer.electricalConductivity
                cells.seebeck[c] = 0
                cells.thermalConductivity[c] = layer.thermalConductivity
            }
        }
        return (cells, FaceCoefficients(faces: faces, cells: cells))
    }

    /// Coefficients (σ, S, κ) of cell `c` at a metal fraction and temperature (substrate cells
    /// take the layer's values): the single-cell form of `coefficients(of:)`.
    /// The field channel's T_eff per cell and phase, and the coefficients evaluated with them.
    /// |E| = |j|/σ is taken from the state's potential with the coefficients of the previous
    /// pass (the first at lattice T); two passes make |E| consistent with σ(T_eff) to second
    /// order in the change of S, and the Picard iteration converges the rest.
    public func effectiveTemperaturesAndCoefficients(of state: ElectrothermalState)
        -> (temperatures: EffectiveTemperatures, coefficients: (CellCoefficients, FaceCoefficients)) {
        var coefficients = coefficients(of: state, transport: nil)
        var teff = EffectiveTemperatures(field: [], insulator: state.temperature, metal: state.temperature)
        guard let channel = problem.fieldDrivenSwitching else { return (teff, coefficients) }
        for _ in 0..<2 {
            let (cells, fc) = coefficients
            teff.field = fluxes(of: state, cells: cells, faceCoefficients: fc).cellFieldMagnitude(faces: faces, boundary: boundary, cells: cells)
            for c in 0..<film.count where film[c] {
                teff.insulator[c] = channel.heldEffectiveTemperature(phase: .insulator, field: teff.field[c], temperature: state.temperature[c])
                teff.metal[c] = channel.heldEffectiveTemperature(phase: .metal, field: teff.field[c], temperature: state.temperature[c])
            }
            coefficients = self.coefficients(of: state, transport: teff)
        }
        return (teff, coefficients)
    }

    /// The field channel's |E| and T_eff per cell (without a channel: the lattice T, no field).
    public func effectiveTemperatures(of state: ElectrothermalState) -> EffectiveTemperatures {
        guard problem.fieldDrivenSwitching != nil else {
            return EffectiveTemperatures(field: Array(repeating: 0, count: state.temperature.count),
                                         insulator: state.temperature, metal: state.temperature)
        }
        return effectiveTemperaturesAndCoefficients(of: state).temperatures
    }

    public func cellCoefficients(_ c: Int, metalFraction phi: Double, temperature t: Double)
        -> (conductivity: Double, seebeck: Double, thermalConductivity: Double) {
        if !film[c], let layer = problem.substrate { return (layer.electricalConductivity, 0, layer.thermalConductivity) }
        return problem.material.coefficients(metalFraction: phi, at: t)
    }

    /// Currents and heat sources of a state.
    public func fluxes(of state: ElectrothermalState, cells: CellCoefficients, faceCoefficients fc: FaceCoefficients,
                       electrodes: [Electrode]? = nil) -> ElectrothermalFluxes {
        ElectrothermalFluxes(potential: state.potential, electrodePotential: state.electrodePotential,
                             temperature: state.temperature, faces: faces, faceCoefficients: fc,
                             boundary: boundary, cells: cells, electrodes: electrodes ?? problem.electrodes)
    }
}

/// The field channel's state per cell: |E| (V/m) and T_eff (K) of the insulating and the
/// metallic phase (both equal the lattice T without a channel and in substrate cells).
public struct EffectiveTemperatures: Sendable, Equatable {
    public var field: [Double]
    public var insulator: [Double]
    public var metal: [Double]

    /// Largest |ΔT_eff| (K) between two evaluations, over both phases.
    public func largestChange(from other: EffectiveTemperatures) -> Double {
        var d = 0.0
        for c in insulator.indices {
            d = max(d, abs(insulator[c] - other.insulator[c]), abs(metal[c] - other.metal[c]))
        }
        return d
    }
}
