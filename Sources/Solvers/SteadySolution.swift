import Mesh
import Materials
import Discretization

/// A converged steady state with everything needed to report on it.
public struct SteadySolution: Sendable {
    public let model: DiscreteModel
    public let state: ElectrothermalState
    public let fieldIterations: Int
    public let phaseIterations: Int
    /// Largest distance (K) of any cell beyond its switching threshold at the end.
    public let maxThresholdViolation: Double
    public let lastFieldChange: Double
    /// The electrodes with the drives this state was solved for.
    public let electrodes: [Electrode]
    public let cells: CellCoefficients
    public let faceCoefficients: FaceCoefficients
    public let fluxes: ElectrothermalFluxes

    public init(model: DiscreteModel, state: ElectrothermalState, fieldIterations: Int, phaseIterations: Int,
                maxThresholdViolation: Double, lastFieldChange: Double, electrodes: [Electrode]? = nil) {
        self.model = model
        self.state = state
        self.fieldIterations = fieldIterations
        self.phaseIterations = phaseIterations
        self.maxThresholdViolation = maxThresholdViolation
        self.lastFieldChange = lastFieldChange
        self.electrodes = electrodes ?? model.electrodes
        let (cells, fc) = model.coefficients(of: state)
        self.cells = cells
        self.faceCoefficients = fc
        self.fluxes = model.fluxes(of: state, cells: cells, faceCoefficients: fc)
    }

    public var grid: RectilinearGrid { model.grid }

    /// Current into the film through each electrode (A).
    public var electrodeCurrents: [Double] {
        fluxes.electrodeCurrents(boundary: model.boundary, electrodeCount: model.electrodes.count)
    }

    /// The drive current (A): the total current entering the film through all electrodes.
    public var current: Double { electrodeCurrents.filter { $0 > 0 }.reduce(0, +) }

    /// Voltage across the device (V): highest minus lowest electrode potential.
    public var voltage: Double {
        (state.electrodePotential.max() ?? 0) - (state.electrodePotential.min() ?? 0)
    }

    /// Electrical power delivered by the electrodes, Σ V_e I_e (W).
    ///
    /// Each current is taken where it is known most precisely. A floating electrode's is its
    /// drive: I for a current drive, (V_t − V_e)/R through the load resistor of a source.
    /// Summed over the contact faces instead, it carries the round-off of the potentials: a
    /// face of conductance G between cells near potential Φ resolves currents only to
    /// G·ulp(Φ), and a 0.2 µm gold pad at 10 V (G ≈ 2e3 S per cell) resolves 4e-12 A of a
    /// 4e-5 A bridge current, a 1e-7 error in P. For the same reason the potentials enter
    /// relative to the held electrode of largest |V| (Σ I_e = 0 makes the shift exact), so
    /// that a potential drive against ground is measured at the ground, whose cells lie near
    /// 0 V where round-off is smallest.
    public var electricalPower: Double {
        var currents = electrodeCurrents
        var reference = 0.0
        for (e, electrode) in electrodes.enumerated() {
            switch electrode.drive {
            case let .current(i): currents[e] = i
            case let .source(v, r): currents[e] = (v - state.electrodePotential[e]) / r
            case let .potential(v): if abs(v) > abs(reference) { reference = v }
            }
        }
        return zip(state.electrodePotential, currents).reduce(0) { $0 + ($1.0 - reference) * $1.1 }
    }

    /// Peltier heat carried into the film by the leads, Σ T_b S_e I_in (W); zero when S_e = 0.
    public var leadPeltierInflow: Double {
        var sum = 0.0
        let b = model.boundary
        for f in 0..<b.count where b.electrode[f] >= 0 {
            sum += fluxes.boundaryFaceTemperature[f] * electrodes[b.electrode[f]].seebeck * fluxes.contactCurrent[f]
        }
        return sum
    }

    /// Heat leaving through each thermal boundary of the problem (W), in problem order.
    public var thermalBoundaryHeatOut: [Double] {
        var out = [Double](repeating: 0, count: model.problem.thermalBoundaries.count)
        let b = model.boundary
        if model.problem.twoTemperature != nil {
            let heat = model.twoTemperatureBoundaryHeat(of: state, cells: cells)
            for f in 0..<b.count where b.thermalOwner[f] >= 0 { out[b.thermalOwner[f]] += heat[f] }
            return out
        }
        for f in 0..<b.count {
            let p = b.cell[f]
            guard let link = b.thermalLink(f, cellConductivity: cells.thermalConductivity[p]), b.thermalOwner[f] >= 0 else { continue }
            out[b.thermalOwner[f]] += link.conductance * (state.temperature[p] - link.outside)
        }
        return out
    }

    /// Net heat leaving the film (W): through thermal boundaries, minus Peltier heat brought
    /// in by the leads. Equals the electrical power in a steady state.
    public var heatOut: Double { thermalBoundaryHeatOut.reduce(0, +) - leadPeltierInflow }

    /// |P_electrical − Q_out| / |P_electrical|.
    public var energyBalanceRelativeError: Double {
        let p = electricalPower
        return abs(p - heatOut) / max(abs(p), .leastNormalMagnitude)
    }

    /// With the field-driven channel: film cells that are metallic (φ ≥ 0.5) although their
    /// lattice temperature is below T_IMT, i.e. switched because T_eff crossed the threshold
    /// while T did not (nil without the channel); the largest T_eff − T (K) of a cell's majority
    /// phase, and the largest |E| (V/m) in the film.
    public var fieldSwitching: (cells: Int, maxExcess: Double, maxField: Double)? {
        guard model.problem.fieldDrivenSwitching != nil else { return nil }
        let teff = model.effectiveTemperatures(of: state)
        var count = 0, excess = 0.0, field = 0.0
        for c in 0..<grid.cellCount where model.film[c] {
            let metal = state.metalFraction[c] >= 0.5
            excess = max(excess, (metal ? teff.metal[c] : teff.insulator[c]) - state.temperature[c])
            field = max(field, teff.field[c])
            if metal && state.temperature[c] < model.switchingMaterial(of: c).insulatorToMetalTemperature { count += 1 }
        }
        return (count, excess, field)
    }

    /// Metallic volume fraction of the switching cells (passive cells excluded; 0 without any).
    public var metalFraction: Double {
        var metal = 0.0, total = 0.0
        for c in 0..<grid.cellCount where model.film[c] {
            let v = grid.volume(c)
            metal += state.metalFraction[c] * v
            total += v
        }
        return total > 0 ? metal / total : 0
    }

    public var maximumTemperature: Double { state.temperature.max() ?? .nan }

    public var meanTemperature: Double {
        CellField(name: "T", unit: "K", values: state.temperature).volumeMean(on: grid)
    }

    /// Temperature on each cell face of an outer face (K), in `boundaryCellFaces(on:)` order.
    /// Sink faces use their boundary condition; adiabatic faces are extrapolated with zero
    /// normal gradient through the first two cell centres (exact for a quadratic profile).
    public func surfaceTemperature(on face: BoundaryFace) -> [Double] {
        SurfaceTemperature.values(on: face, grid: grid, temperature: state.temperature,
                                  boundary: model.boundary, conductivity: cells.thermalConductivity)
    }

    /// Area-weighted mean temperature of an outer face (K).
    public func meanSurfaceTemperature(on face: BoundaryFace) -> Double {
        let faces = grid.boundaryCellFaces(on: face)
        let t = surfaceTemperature(on: face)
        var sum = 0.0, area = 0.0
        for (f, value) in zip(faces, t) { sum += f.area * value; area += f.area }
        return sum / area
    }
}

/// Face temperatures on the outer surfaces.
enum SurfaceTemperature {
    static func values(on face: BoundaryFace, grid: RectilinearGrid, temperature t: [Double],
                       boundary: BoundaryFaces, conductivity: [Double]) -> [Double] {
        var sinkFace: [Int: Int] = [:]
        for b in 0..<boundary.count where boundary.face[b] == face { sinkFace[boundary.cell[b]] = b }
        let normal = grid.spacing(face.axis)
        let n = normal.cellCount
        let step = face.axis == .x ? 1 : (face.axis == .y ? grid.nx : grid.nx * grid.ny)
        return grid.boundaryCellFaces(on: face).map { f in
            let p = f.cell
            if let b = sinkFace[p], boundary.thermal[b] != .adiabatic {
                return boundary.faceTemperature(b, cellTemperature: t[p], cellConductivity: conductivity[p])
            }
            guard n >= 2 else { return t[p] }
            let inner = face.isUpper ? p - step : p + step
            let d1 = face.isUpper ? normal.edges[n] - normal.center(n - 1) : normal.center(0) - normal.edges[0]
            let d2 = face.isUpper ? normal.edges[n] - normal.center(n - 2) : normal.center(1) - normal.edges[0]
            let curvature = (t[p] - t[inner]) / (d2 * d2 - d1 * d1)
            return t[p] + curvature * d1 * d1
        }
    }
}
