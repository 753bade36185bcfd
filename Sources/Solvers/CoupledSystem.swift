import Mesh
import Materials
import Discretization
import SparseLinearAlgebra

/// The steady problem as one nonlinear system F(u) = 0 for the Newton coupling.
///
/// Unknowns u = (Φ_1…Φ_N, V_e of floating electrodes, T_1…T_N, φ_1…φ_N). Rows:
/// - charge conservation of every cell and floating electrode (A): the charge matrix times
///   (Φ, V_e) minus its right-hand side, both evaluated at the state (PH Eq. 3);
/// - heat balance of every cell (W): diffusion and sinks minus Joule and Peltier heat, the
///   energy-flux form of PH Eq. 7 (`ElectrothermalFluxes`);
/// - one phase row per cell, set by the caller. The active-set Newton iteration uses
///   T_c − T* = 0 for a cell whose metal fraction is free (T* = T_IMT or T_MIT, the
///   threshold it sits on) and δφ_c = 0 for a held one; the continuation uses the smoothed
///   threshold φ_c − φ(T_c) = 0 (`TwoPhaseMaterial.smoothedMetalFraction`).
///
/// Every coupling is between a cell and its six face neighbours, so the Jacobian of the
/// field rows is found by finite differences with 27 colours (i, j, k mod 3): columns of one
/// colour never touch the same row. The rows of floating electrodes sum over many contact
/// cells and are differentiated cell by cell instead.
struct CoupledSystem {
    let model: DiscreteModel
    let electrodes: [Electrode]
    let cellCount: Int
    /// Rows (and unknowns) of the charge block: cells, then floating electrodes.
    let chargeCount: Int
    let pattern: SparsityPattern
    let neighbors: [[Int]]
    let cellsByColour: [[Int]]
    /// Contact cells of floating electrodes: electrode row, electrode index, cell, its faces.
    let contacts: [(row: Int, electrode: Int, cell: Int, faces: [Int])]

    var temperatureOffset: Int { chargeCount }
    var fractionOffset: Int { chargeCount + cellCount }
    var dimension: Int { chargeCount + 2 * cellCount }
    var fieldRowCount: Int { chargeCount + cellCount }

    init(model: DiscreteModel, electrodes: [Electrode]) {
        self.model = model
        self.electrodes = electrodes
        let n = model.grid.cellCount
        cellCount = n
        chargeCount = model.charge.unknownCount
        var neighbors = [[Int]](repeating: [], count: n)
        for f in 0..<model.faces.count {
            neighbors[model.faces.owner[f]].append(model.faces.neighbor[f])
            neighbors[model.faces.neighbor[f]].append(model.faces.owner[f])
        }
        self.neighbors = neighbors
        var colours = [[Int]](repeating: [], count: 27)
        for c in 0..<n {
            let (i, j, k) = model.grid.ijk(c)
            colours[i % 3 + 3 * (j % 3) + 9 * (k % 3)].append(c)
        }
        cellsByColour = colours
        var grouped: [Int: (row: Int, electrode: Int, cell: Int, faces: [Int])] = [:]
        for b in 0..<model.boundary.count where model.boundary.electrode[b] >= 0 {
            let e = model.boundary.electrode[b]
            guard let row = model.charge.electrodeRow[e] else { continue }
            let key = e * n + model.boundary.cell[b]
            grouped[key, default: (row, e, model.boundary.cell[b], [])].faces.append(b)
        }
        contacts = grouped.keys.sorted().map { grouped[$0]! }
        pattern = Self.pattern(cellCount: n, chargeCount: chargeCount, neighbors: neighbors, contacts: contacts)
    }

    private static func pattern(cellCount n: Int, chargeCount: Int, neighbors: [[Int]],
                                contacts: [(row: Int, electrode: Int, cell: Int, faces: [Int])]) -> SparsityPattern {
        let t = chargeCount, f = chargeCount + n
        var entries: [(row: Int, col: Int)] = []
        entries.reserveCapacity(n * 50)
        for c in 0..<n {
            for q in [c] + neighbors[c] {
                for row in [c, t + c] { entries += [(row, q), (row, t + q), (row, f + q)] }
            }
            entries += [(f + c, f + c), (f + c, t + c)]
        }
        for contact in contacts {
            let (r, c) = (contact.row, contact.cell)
            entries += [(r, r), (r, c), (r, t + c), (r, f + c), (c, r), (t + c, r)]
        }
        for r in n..<chargeCount { entries.append((r, r)) }
        return SparsityPattern(dimension: chargeCount + 2 * n, entries: entries)
    }

    /// The state held by an unknown vector (electrodes holding a potential keep it).
    func state(_ u: [Double]) -> ElectrothermalState {
        let n = cellCount
        let potentials = electrodes.indices.map { e -> Double in
            if case let .potential(v) = electrodes[e].drive { return v }
            return u[model.charge.electrodeRow[e]!]
        }
        return ElectrothermalState(temperature: Array(u[temperatureOffset..<(temperatureOffset + n)]),
                                   potential: Array(u[0..<n]), electrodePotential: potentials,
                                   metalFraction: Array(u[fractionOffset..<(fractionOffset + n)]))
    }

    func unknowns(_ s: ElectrothermalState) -> [Double] {
        s.potential + s.electrodePotentialUnknowns(model) + s.temperature + s.metalFraction
    }

    /// Charge residuals (A) followed by heat residuals (W).
    func fieldResidual(_ s: ElectrothermalState) -> [Double] {
        let (cells, fc) = model.coefficients(of: s)
        let a = model.charge.matrix(faces: model.faces, faceCoefficients: fc, boundary: model.boundary, cells: cells, electrodes: electrodes)
        let b = model.charge.rightHandSide(temperature: s.temperature, faces: model.faces, faceCoefficients: fc,
                                           boundary: model.boundary, cells: cells, electrodes: electrodes)
        var r = a.multiply(s.potential + s.electrodePotentialUnknowns(model))
        for i in 0..<r.count { r[i] -= b[i] }
        let fluxes = model.fluxes(of: s, cells: cells, faceCoefficients: fc, electrodes: electrodes)
        let k = model.heat.diffusionMatrix(faces: model.faces, faceCoefficients: fc, boundary: model.boundary, cells: cells)
        let q = model.heat.rightHandSide(fluxes: fluxes, explicitPeltier: fluxes.peltierHeat, temperature: s.temperature,
                                         boundary: model.boundary, cells: cells)
        let kt = k.multiply(s.temperature)
        r.reserveCapacity(fieldRowCount)
        for c in 0..<cellCount { r.append(kt[c] - q[c]) }
        return r
    }

    /// Jacobian at `u` (whose field residual is `r0`). `free[c]` marks cells whose metal
    /// fraction is an unknown (its column is differentiated); `phaseRows[c]` holds the
    /// coefficients of δφ_c and δT_c in the phase row of cell c, set by the caller's phase law.
    func jacobian(at u: [Double], fieldResidual r0: [Double], free: [Bool],
                  phaseRows: [(fraction: Double, temperature: Double)]) -> SparseMatrix {
        var jac = SparseMatrix(pattern: pattern)
        let potentialScale = max(1e-3, u[0..<chargeCount].map(abs).max() ?? 0)
        for (block, offset) in [(0, 0), (1, temperatureOffset), (2, fractionOffset)] {
            for colour in cellsByColour {
                let columns = block == 2 ? colour.filter { free[$0] } : colour
                guard !columns.isEmpty else { continue }
                var shifted = u
                var steps = [Double](repeating: 0, count: columns.count)
                for (m, c) in columns.enumerated() {
                    let x = u[offset + c]
                    switch block {
                    case 0: steps[m] = 1e-7 * max(abs(x), potentialScale)
                    case 1: steps[m] = 1e-7 * abs(x)
                    default: steps[m] = x < 0.5 ? 1e-7 : -1e-7
                    }
                    shifted[offset + c] = x + steps[m]
                }
                let r1 = fieldResidual(state(shifted))
                for (m, c) in columns.enumerated() {
                    for q in [c] + neighbors[c] {
                        for row in [q, temperatureOffset + q] {
                            jac.values[pattern.slot(row: row, col: offset + c)!] = (r1[row] - r0[row]) / steps[m]
                        }
                    }
                }
            }
        }
        fillElectrodeColumns(&jac, at: u, fieldResidual: r0, potentialScale: potentialScale)
        fillContactRows(&jac, at: u, free: free)
        for c in 0..<cellCount {
            let row = fractionOffset + c
            jac.values[pattern.slot(row: row, col: row)!] = phaseRows[c].fraction
            jac.values[pattern.slot(row: row, col: temperatureOffset + c)!] = phaseRows[c].temperature
        }
        return jac
    }

    /// ∂F/∂V_e for each floating electrode, by one finite difference each.
    private func fillElectrodeColumns(_ jac: inout SparseMatrix, at u: [Double], fieldResidual r0: [Double], potentialScale: Double) {
        for row in cellCount..<chargeCount {
            var shifted = u
            let h = 1e-7 * max(abs(u[row]), potentialScale)
            shifted[row] += h
            let r1 = fieldResidual(state(shifted))
            for p in pattern.columnStarts[row]..<pattern.columnStarts[row + 1] where pattern.rowIndices[p] < fieldRowCount {
                let i = pattern.rowIndices[p]
                jac.values[p] = (r1[i] - r0[i]) / h
            }
        }
    }

    /// Rows of floating electrodes: F_e = Σ_b I_b + V_e/R − drive, differentiated with respect
    /// to each contact cell's Φ, T and φ through that cell's own contact currents.
    private func fillContactRows(_ jac: inout SparseMatrix, at u: [Double], free: [Bool]) {
        for contact in contacts {
            let c = contact.cell
            let phi = u[fractionOffset + c], t = u[temperatureOffset + c], ve = u[contact.row]
            func current(_ potential: Double, _ t: Double, _ phi: Double) -> Double {
                let (sigma, s, kappa) = model.cellCoefficients(c, metalFraction: phi, temperature: t)
                return contact.faces.reduce(0) { sum, b in
                    let g = sigma * model.boundary.area[b] / model.boundary.distance[b]
                    let tb = model.boundary.faceTemperature(b, cellTemperature: t, cellConductivity: kappa)
                    return sum + g * ((ve - potential) + s * (tb - t))
                }
            }
            let base = current(u[c], t, phi)
            let hT = 1e-7 * t, hPhi = phi < 0.5 ? 1e-7 : -1e-7
            let r = contact.row
            jac.values[pattern.slot(row: r, col: c)!] = current(u[c] + 1, t, phi) - base
            jac.values[pattern.slot(row: r, col: temperatureOffset + c)!] = (current(u[c], t + hT, phi) - base) / hT
            jac.values[pattern.slot(row: r, col: fractionOffset + c)!] = free[c] ? (current(u[c], t, phi + hPhi) - base) / hPhi : 0
        }
    }
}
