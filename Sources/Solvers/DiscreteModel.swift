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

    /// Cell and face coefficients of a state.
    public func coefficients(of state: ElectrothermalState) -> (CellCoefficients, FaceCoefficients) {
        var cells = CellCoefficients(material: problem.material, metalFraction: state.metalFraction, temperature: state.temperature)
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
