import Mesh

extension ElectrothermalFluxes {
    /// Cell-centred current density (A/m²), components [x, y, z][cell].
    ///
    /// Along each axis it is the mean of the normal current densities I/A on the cell's two
    /// faces normal to that axis (contact currents on electrode faces, zero on other outer
    /// faces), so on a uniform column it reproduces the total current over a cross-section.
    public func cellCurrentDensity(faces: InteriorFaces, boundary: BoundaryFaces, cellCount n: Int) -> [[Double]] {
        var j = [[Double]](repeating: [Double](repeating: 0, count: n), count: 3)
        for f in 0..<faces.count {
            let a = faces.axis[f].rawValue
            let density = faceCurrent[f] / faces.area[f]
            j[a][faces.owner[f]] += 0.5 * density
            j[a][faces.neighbor[f]] += 0.5 * density
        }
        for k in 0..<boundary.count where boundary.electrode[k] >= 0 {
            let inward = contactCurrent[k] / boundary.area[k]
            let face = boundary.face[k]
            j[face.axis.rawValue][boundary.cell[k]] += 0.5 * (face.isUpper ? -inward : inward)
        }
        return j
    }
}

extension ElectrothermalFluxes {
    /// Magnitude of the local field |E| = |j|/σ per cell (V/m), from `cellCurrentDensity`.
    public func cellFieldMagnitude(faces: InteriorFaces, boundary: BoundaryFaces, cells: CellCoefficients) -> [Double] {
        let n = cells.conductivity.count
        let j = cellCurrentDensity(faces: faces, boundary: boundary, cellCount: n)
        var field = [Double](repeating: 0, count: n)
        for c in 0..<n {
            let (x, y, z) = (j[0][c], j[1][c], j[2][c])
            let magnitude: Double = (x * x + y * y + z * z).squareRoot()
            field[c] = magnitude / cells.conductivity[c]
        }
        return field
    }
}
