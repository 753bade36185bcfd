/// The residual b − A x of the charge system evaluated in flux form: each face's current is
/// formed from the difference of its two potentials before it is multiplied by the face
/// conductance, so that the currents through a part of the device (a metal pad and its
/// electrode) sum to its net current to round-off of that current. A matrix product instead
/// sums G·Φ terms that cancel: across a gold pad on an insulator each is 1e8 times the net
/// current, and its round-off alone leaves the pad's charge balance wrong by 1e-7 of the
/// current. A correction solve with this residual (iterative refinement) restores it.
extension ChargeOperator {
    /// b − A x for the unknowns x (cell potentials, then floating electrode potentials): per
    /// cell the net current flowing in (A), per floating electrode its drive minus the current
    /// it delivers.
    public func fluxResidual(_ x: [Double], temperature t: [Double], faces: InteriorFaces, faceCoefficients fc: FaceCoefficients,
                             boundary: BoundaryFaces, cells: CellCoefficients, electrodes: [Electrode]) -> [Double] {
        var r = [Double](repeating: 0, count: unknownCount)
        for f in 0..<faces.count {
            let p = faces.owner[f], q = faces.neighbor[f]
            let i = fc.conductance[f] * ((x[p] - x[q]) + fc.seebeck[f] * (t[p] - t[q]))
            r[p] -= i
            r[q] += i
        }
        for b in 0..<boundary.count where boundary.electrode[b] >= 0 {
            let p = boundary.cell[b], e = boundary.electrode[b]
            let g = Self.contactConductance(b, boundary: boundary, cells: cells)
            let tb = boundary.faceTemperature(b, cellTemperature: t[p], cellConductivity: cells.thermalConductivity[p])
            let ve: Double
            if case let .potential(v) = electrodes[e].drive { ve = v } else { ve = x[electrodeRow[e]!] }
            let inflow = g * ((ve - x[p]) + cells.seebeck[p] * (tb - t[p]))
            r[p] += inflow
            if let row = electrodeRow[e] { r[row] -= inflow }
        }
        for (e, electrode) in electrodes.enumerated() {
            switch electrode.drive {
            case .potential: break
            case let .current(i): r[electrodeRow[e]!] += i
            case let .source(v, resistance): r[electrodeRow[e]!] += (v - x[electrodeRow[e]!]) / resistance
            }
        }
        return r
    }
}
