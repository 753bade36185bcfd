import Mesh
import Materials
import Discretization
import SparseLinearAlgebra

/// Everything that defines a device run: geometry, material, boundaries, drive, numerics.
public struct ElectrothermalProblem: Sendable {
    public var grid: RectilinearGrid
    public var material: TwoPhaseMaterial
    public var thermalBoundaries: [ThermalBoundary]
    public var electrodes: [Electrode]
    /// Temperature (K) the film starts from (all insulating unless a state is given).
    public var initialTemperature: Double
    /// Optional non-switching layer under the film (cells with z below its thickness).
    public var substrate: SubstrateLayer?
    /// Optional field-driven channel: phases follow T_eff(|E|, T) instead of T.
    public var fieldDrivenSwitching: (any EffectiveTemperatureModel)?
    /// Per-cell materials of a device assembled from regions. nil: `material` everywhere but
    /// in the `substrate` layer. With regions, every switching cell uses its own region's
    /// material (thresholds and phases); `material` is then only a scale for tolerances.
    public var regions: RegionMap?
    /// Optional start of the first solve: per-cell temperature and metal fraction (a seeded
    /// filament or a transverse perturbation) instead of `initialTemperature`, all insulating.
    public var initialSeed: InitialSeed?
    /// Optional electron–lattice two-temperature model (PH Eqs. 5–6); nil: one temperature.
    public var twoTemperature: TwoTemperatureModel?
    public var settings: SolverSettings

    public init(grid: RectilinearGrid, material: TwoPhaseMaterial, thermalBoundaries: [ThermalBoundary],
                electrodes: [Electrode], initialTemperature: Double, substrate: SubstrateLayer? = nil,
                settings: SolverSettings = SolverSettings()) {
        self.grid = grid
        self.substrate = substrate
        self.material = material
        self.thermalBoundaries = thermalBoundaries
        self.electrodes = electrodes
        self.initialTemperature = initialTemperature
        self.settings = settings
    }

    /// Checks what would make the linear systems singular or the run meaningless.
    public func validate() throws {
        guard electrodes.count >= 2 else {
            throw SolverError.invalidProblem("a device needs at least two electrodes, found \(electrodes.count)")
        }
        guard electrodes.contains(where: { $0.drive.holdsPotential }) else {
            throw SolverError.invalidProblem("at least one electrode must hold a potential (ground), otherwise the potential is undetermined")
        }
        let sinks = thermalBoundaries.contains { boundary in
            if case .adiabatic = boundary.condition { return false }
            return true
        }
        guard sinks else {
            throw SolverError.invalidProblem("no thermal boundary removes heat (all adiabatic): the steady temperature is undetermined")
        }
        if let two = twoTemperature {
            guard two.coupling > 0, two.coupling.isFinite, two.electronFraction > 0, two.electronFraction < 1 else {
                throw SolverError.invalidProblem("two-temperature model: the coupling must be finite and > 0 W/(m^3*K) (got \(two.coupling)) and the electron fraction of κ in (0, 1) (got \(two.electronFraction))")
            }
            guard settings.phaseCoupling == .alternating else {
                throw SolverError.invalidProblem("the two-temperature model is solved with phase_coupling = \"alternating\" only")
            }
        }
        for e in electrodes {
            if case let .source(_, r) = e.drive, !(r > 0) {
                throw SolverError.invalidProblem("electrode '\(e.name)': load resistance must be > 0 Ω, got \(r)")
            }
        }
    }
}

/// A passive layer below the film: it conducts heat, (almost) no current, and never switches.
/// It occupies the cells whose centres lie below `thickness` (m) in z.
public struct SubstrateLayer: Sendable, Equatable {
    public var thickness: Double
    /// W/(m·K)
    public var thermalConductivity: Double
    /// S/m; default 1e-9 S/m (an insulating substrate; nonzero keeps the charge matrix regular).
    public var electricalConductivity: Double
    /// J/(m³·K), for transient runs.
    public var heatCapacity: Double

    public init(thickness: Double, thermalConductivity: Double, electricalConductivity: Double = 1e-9,
                heatCapacity: Double = 2e6) {
        self.thickness = thickness
        self.thermalConductivity = thermalConductivity
        self.electricalConductivity = electricalConductivity
        self.heatCapacity = heatCapacity
    }
}

extension ElectrothermalProblem {
    /// The material of every cell: the region map, or the film on its substrate.
    public var regionMap: RegionMap {
        regions ?? RegionMap.filmOnSubstrate(grid: grid, material: material, substrate: substrate)
    }

    /// True for cells of a switching material, false for passive cells (substrate, contacts).
    public var filmMask: [Bool] {
        if let regions { return regions.cellMaterial.map { regions.materials[Int($0)].isSwitching } }
        guard let layer = substrate else { return Array(repeating: true, count: grid.cellCount) }
        return (0..<grid.cellCount).map { grid.center($0).2 >= layer.thickness }
    }
}

/// Numerical controls of the steady solver. Defaults are what the validations use.
public struct SolverSettings: Sendable, Equatable {
    /// Library for the symmetric positive definite operators (charge; heat with lagged Peltier).
    public var symmetricSolver: DirectSolverKind = .cholmod
    /// How the symmetric systems are solved: a reused factorisation (default) or multigrid
    /// CG on the grid's cells (`SymmetricSolverStrategy`; the factorisation library above is
    /// then only the fallback).
    public var symmetricStrategy: SymmetricSolverStrategy = .reusedFactorization
    public var peltierCoupling: PeltierCoupling = .lagged
    /// Fields are converged when max |T_{k+1} − T_k| ≤ fieldTolerance × max T (relative).
    public var fieldTolerance: Double = 1e-12
    /// Inexact Picard steps: while the fields still move by ΔT per step, a charge or heat
    /// solve that reuses an older factorisation may stop once its estimated error (the
    /// preconditioned residual, max norm) is below `linearSolveForcing` × ΔT, relative to the
    /// solution's scale. A solve far more accurate than the step it feeds is wasted work. The
    /// last steps, on which convergence is judged, are exact (relative residual 1e-13), so the
    /// converged state does not depend on this beyond the field tolerance's own reach. 0 (the
    /// default): every solve exact; the Fig. 2 benchmark uses 0.01. Where the phase map is
    /// path dependent (a hysteresis band) the stopping points of the solves are part of the
    /// path, so runs meant to be bitwise mirror images keep 0.
    public var linearSolveForcing: Double = 0
    /// While the phase map is still changing the inner iteration stops at this (K).
    public var phaseSearchTolerance: Double = 1e-3
    /// Alternating coupling: between phase updates the fields are settled until a Picard step
    /// moves T by less than this fraction of the largest threshold violation (at most 0.1 K,
    /// at least `phaseSearchTolerance`). The phase map only needs the fields to a fraction of
    /// how far it is from consistent; the Fig. 2 benchmark uses 0.1 (docs/validation.md, Speed).
    public var phaseSettleFraction: Double = 0.02
    /// Upper bound on field steps (charge + heat solve) in one steady solve.
    public var maxFieldIterations: Int = 1000
    /// The phase map is revisited at least every this many field steps.
    public var fieldStepsPerPhaseUpdate: Int = 4
    /// Anderson acceleration depth (0 = plain Picard).
    public var andersonDepth: Int = 5
    /// The phase map is converged when no cell lies more than this (K) beyond its
    /// switching threshold (T > T_IMT while not fully metallic, T < T_MIT while not fully
    /// insulating).
    public var phaseTolerance: Double = 1e-2
    /// Alternating coupling: a phase update on settled fields moves only the cells whose
    /// violation is at least this fraction of the largest one (0: every cell beyond
    /// `phaseTolerance`). Moving the worst cells first (0.5) stops neighbouring interface
    /// cells from switching together and overshooting, where the front is steep.
    public var phaseUpdateCutoff: Double = 0
    /// Alternating coupling: the largest per-cell gain of a phase update (metal fraction per K
    /// of violation). 1 switches a whole cell on a 1 K violation; smaller limits stop the
    /// partly metallic cells along a filament's flank from passing a Peltier-heat bump on
    /// from cell to cell (docs/validation.md, Speed).
    public var phaseGainLimit: Double = 1
    /// Keep the initial metal fraction fixed (a prescribed, "trial" phase boundary as in PH
    /// Fig. 2a): only the fields are solved; threshold violations are still measured and
    /// reported as the inconsistency of the prescribed map.
    public var frozenPhases = false
    /// How phases and fields are iterated together (see `PhaseCoupling`).
    public var phaseCoupling: PhaseCoupling = .alternating
    /// Joint coupling: metal fraction gained per kelvin of threshold violation per step (1/K).
    public var phaseGain: Double = 1
    /// Newton coupling: upper bound on Newton iterations in one steady solve.
    public var maxNewtonIterations: Int = 200
    /// Continuation coupling: width (K) of the window over which a cell's metal fraction
    /// rises from 0 to 1 around its threshold (`TwoPhaseMaterial.smoothedMetalFraction`).
    public var transitionWidth: Double = 1

    public init() {}
}

extension SolverSettings {
    /// The solver for the charge or heat system on `grid` (cells first, x fastest).
    public func makeSymmetricSolver(grid: RectilinearGrid) -> SymmetricSystemSolver {
        symmetricStrategy.makeSolver(cells: (grid.nx, grid.ny, grid.nz), direct: symmetricSolver)
    }
}

/// The unknowns of the electrothermal problem plus the phase memory.
public struct ElectrothermalState: Sendable, Equatable {
    /// Temperature per cell (K).
    public var temperature: [Double]
    /// Electrochemical potential per cell (V).
    public var potential: [Double]
    /// Potential of every electrode (V), fixed or solved for.
    public var electrodePotential: [Double]
    /// Metallic volume fraction φ of every cell (the first-order phase memory): 0 for an
    /// insulating cell, 1 for a metallic one, in between only where the phase boundary
    /// crosses the cell.
    public var metalFraction: [Double]
    /// Lattice temperature T_l per cell (K) with the two-temperature model, else nil; then
    /// `temperature` is the electron temperature.
    public var latticeTemperature: [Double]?

    public init(temperature: [Double], potential: [Double], electrodePotential: [Double], metalFraction: [Double],
                latticeTemperature: [Double]? = nil) {
        self.temperature = temperature
        self.potential = potential
        self.electrodePotential = electrodePotential
        self.metalFraction = metalFraction
        self.latticeTemperature = latticeTemperature
    }

    /// Uniform temperature, zero potential, one phase everywhere — or, for the insulating start
    /// of a problem with an `initialSeed`, the seed's temperature and metal fraction.
    public init(problem: ElectrothermalProblem, phase: Phase = .insulator) {
        let n = problem.grid.cellCount
        self.init(temperature: Array(repeating: problem.initialTemperature, count: n),
                  potential: Array(repeating: 0, count: n),
                  electrodePotential: Array(repeating: 0, count: problem.electrodes.count),
                  metalFraction: Array(repeating: phase == .metal ? 1 : 0, count: n),
                  latticeTemperature: problem.twoTemperature == nil ? nil : Array(repeating: problem.initialTemperature, count: n))
        if phase == .insulator, let seed = problem.initialSeed, seed.temperature.count == n, seed.metalFraction.count == n {
            temperature = seed.temperature
            metalFraction = seed.metalFraction
            if latticeTemperature != nil { latticeTemperature = seed.temperature }
        }
    }

    /// The majority phase of every cell.
    public var phase: [Phase] { metalFraction.map { $0 >= 0.5 ? .metal : .insulator } }
}

extension ElectrothermalState {
    /// This state moved to the target grid of `transfer` (grid sequencing): temperature and
    /// potential interpolated trilinearly, the metal fraction (phase memory) injected cell by
    /// cell, electrode potentials kept.
    public func transferred(by transfer: GridTransfer) -> ElectrothermalState {
        ElectrothermalState(temperature: transfer.interpolated(temperature), potential: transfer.interpolated(potential),
                            electrodePotential: electrodePotential, metalFraction: transfer.injected(metalFraction),
                            latticeTemperature: latticeTemperature.map { transfer.interpolated($0) })
    }
}
