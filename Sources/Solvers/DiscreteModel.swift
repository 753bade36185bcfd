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
    /// The 2N heat system of the two-temperature model (nil without it).
    public let twoTemperatureHeat: TwoTemperatureHeatOperator?
    /// Cells of the switching material (true) versus passive cells (false).
    public let film: [Bool]
    /// The materials of the device and the material index of every cell.
    public let materials: [DeviceMaterial]
    public let cellMaterial: [Int32]
    /// The cells of each material, in cell order.
    let cellsOfMaterial: [[Int]]

    public init(problem: ElectrothermalProblem) throws {
        try problem.validate()
        self.problem = problem
        var faces = InteriorFaces(grid: problem.grid)
        if problem.regionMap.cellRegion.count == problem.grid.cellCount {
            (faces.resistiveFaces, faces.boundaryResistance) = problem.regionMap.boundaryResistances(faces)
        }
        self.faces = faces
        do {
            boundary = try BoundaryFaces(grid: problem.grid, thermal: problem.thermalBoundaries,
                                         electrodes: problem.electrodes)
        } catch let error as BoundaryFaces.BuildError {
            throw SolverError.invalidProblem(error.description)
        }
        charge = ChargeOperator(grid: problem.grid, faces: faces, boundary: boundary, electrodes: problem.electrodes)
        heat = HeatOperator(grid: problem.grid, faces: faces)
        twoTemperatureHeat = problem.twoTemperature == nil ? nil : TwoTemperatureHeatOperator(heat: heat)
        let map = problem.regionMap
        guard map.cellMaterial.count == problem.grid.cellCount else {
            throw SolverError.invalidProblem("the region map has \(map.cellMaterial.count) cells, the grid \(problem.grid.cellCount)")
        }
        materials = map.materials
        cellMaterial = map.cellMaterial
        var lists = [[Int]](repeating: [], count: map.materials.count)
        for (c, k) in map.cellMaterial.enumerated() { lists[Int(k)].append(c) }
        cellsOfMaterial = lists
        film = map.cellMaterial.map { map.materials[Int($0)].isSwitching }
    }

    public var grid: RectilinearGrid { problem.grid }

    /// The switching material of cell `c` (its own T_IMT, T_MIT and phases: a device may hold
    /// several); the problem's material for a passive cell.
    @inlinable
    public func switchingMaterial(of c: Int) -> TwoPhaseMaterial {
        if case let .switching(m) = materials[Int(cellMaterial[c])] { return m }
        return problem.material
    }

    /// Volumetric heat capacity (J/(m³·K)) of cell `c`: φ C_M(T) + (1 − φ) C_I(T) for a
    /// switching material, C(T) for a passive one.
    public func heatCapacity(_ c: Int, metalFraction phi: Double, temperature t: Double) -> Double {
        switch materials[Int(cellMaterial[c])] {
        case let .switching(m): return phi * m.metal.heatCapacity(at: t) + (1 - phi) * m.insulator.heatCapacity(at: t)
        case let .passive(m): return m.transport.heatCapacity(at: t)
        }
    }
    public var electrodes: [Electrode] { problem.electrodes }

    /// Cell and face coefficients of a state. With a field channel σ and S are evaluated at
    /// each phase's T_eff(|E|, T) (`effectiveTemperatures(of:)`), κ at the lattice T.
    public func coefficients(of state: ElectrothermalState) -> (CellCoefficients, FaceCoefficients) {
        guard problem.fieldDrivenSwitching != nil else { return coefficients(of: state, transport: nil) }
        return effectiveTemperaturesAndCoefficients(of: state).coefficients
    }

    /// Coefficients with σ, S of each switching cell's phases at the given per-cell
    /// temperatures (nil: lattice T); passive cells at the lattice T.
    func coefficients(of state: ElectrothermalState, transport: EffectiveTemperatures?) -> (CellCoefficients, FaceCoefficients) {
        let n = state.temperature.count
        var cells = CellCoefficients(conductivity: [Double](repeating: 0, count: n), seebeck: [Double](repeating: 0, count: n),
                                     thermalConductivity: [Double](repeating: 0, count: n))
        // Material by material (each bound once, not once per cell).
        for (k, material) in materials.enumerated() {
            switch material {
            case let .switching(m):
                for c in cellsOfMaterial[k] {
                    let phi = state.metalFraction[c], t = state.temperature[c]
                    if let transport {
                        (cells.conductivity[c], cells.seebeck[c], cells.thermalConductivity[c])
                            = m.coefficients(metalFraction: phi, at: t, insulatorTransport: transport.insulator[c], metalTransport: transport.metal[c])
                    } else {
                        (cells.conductivity[c], cells.seebeck[c], cells.thermalConductivity[c]) = m.coefficients(metalFraction: phi, at: t)
                    }
                }
            case let .passive(m):
                for c in cellsOfMaterial[k] {
                    (cells.conductivity[c], cells.seebeck[c], cells.thermalConductivity[c]) = m.coefficients(at: state.temperature[c])
                }
            }
        }
        return (cells, FaceCoefficients(faces: faces, cells: cells))
    }

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

    /// Coefficients (σ, S, κ) of cell `c` at a metal fraction and temperature (passive cells
    /// ignore the fraction): the single-cell form of `coefficients(of:)`.
    public func cellCoefficients(_ c: Int, metalFraction phi: Double, temperature t: Double)
        -> (conductivity: Double, seebeck: Double, thermalConductivity: Double) {
        switch materials[Int(cellMaterial[c])] {
        case let .switching(m): return m.coefficients(metalFraction: phi, at: t)
        case let .passive(m): return m.coefficients(at: t)
        }
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
