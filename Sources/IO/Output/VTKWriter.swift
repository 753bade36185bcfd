import Foundation
import Mesh

/// The one VTK writer of Filament: cell data on a `RectilinearGrid`, written either as a VTK
/// XML RectilinearGrid (`.vtr`, compact, for ParaView) or as an UnstructuredGrid of hexahedra
/// (`.vtu`, which ParaView, meshio and pyvista all read), plus `.pvd` collections for series.
/// A cloud of points (the sites of a lattice kernel) is written as an UnstructuredGrid of
/// VTK_VERTEX cells, one per point, carrying the same kind of cell arrays.
///
/// Both layouts carry the same arrays under the same names, each name ending in its unit
/// ("T [K]"). Cells are in the solver's x-fastest order; coordinates are in m. Arrays are
/// inline binary: base64 of a UInt64 byte count followed by little-endian values (the
/// encoding of VTK's own writer, uncompressed). Global numbers (current, voltage, time) go in
/// `FieldData`, one tuple each; `TIME` is the field ParaView reads as the time of a dataset.
public struct VTKWriter {
    public enum Layout: Sendable {
        case rectilinearGrid
        case unstructuredGrid

        public var fileExtension: String { self == .rectilinearGrid ? "vtr" : "vtu" }
    }

    public enum Values: Sendable {
        case float64([Double])
        case int32([Int32])
        case int64([Int64])
        case uint8([UInt8])
    }

    public struct DataArray: Sendable {
        public var name: String
        public var components: Int
        public var values: Values
    }

    /// The mesh, or nil for a point cloud.
    public let grid: RectilinearGrid?
    private let points: [SIMD3<Double>]
    private let pointUnit: String
    /// Cells of the mesh, or points of the cloud: the length of every cell array.
    public let cellCount: Int
    public var cellArrays: [DataArray] = []
    public var fieldData: [(name: String, value: Double)] = []
    /// The cell array ParaView colours by when the file is opened.
    public var activeScalars: String?

    public init(grid: RectilinearGrid) {
        self.grid = grid; points = []; pointUnit = "m"; cellCount = grid.cellCount
    }

    /// A point cloud; `unit` names the length unit of the coordinates ("m", or "a" for a
    /// lattice constant). Written as `.vtu` only.
    public init(points: [SIMD3<Double>], unit: String) {
        grid = nil; self.points = points; pointUnit = unit; cellCount = points.count
    }

    public mutating func addScalar(_ name: String, _ values: [Double]) {
        precondition(values.count == cellCount, "\(name): one value per cell")
        cellArrays.append(DataArray(name: name, components: 1, values: .float64(values)))
    }

    /// A vector field from its three components (each one value per cell).
    public mutating func addVector(_ name: String, _ components: [[Double]]) {
        precondition(components.count == 3 && components.allSatisfy { $0.count == cellCount })
        var interleaved = [Double]()
        interleaved.reserveCapacity(3 * cellCount)
        for c in 0..<cellCount { for a in 0..<3 { interleaved.append(components[a][c]) } }
        cellArrays.append(DataArray(name: name, components: 3, values: .float64(interleaved)))
    }

    public mutating func addFlags(_ name: String, _ values: [UInt8]) {
        precondition(values.count == cellCount)
        cellArrays.append(DataArray(name: name, components: 1, values: .uint8(values)))
    }

    public mutating func addIdentifiers(_ name: String, _ values: [Int32]) {
        precondition(values.count == cellCount)
        cellArrays.append(DataArray(name: name, components: 1, values: .int32(values)))
    }

    /// The XML document in the given layout (a point cloud is always an UnstructuredGrid).
    public func document(_ layout: Layout) -> String {
        guard let grid else { return vertexDocument() }
        switch layout {
        case .rectilinearGrid: return rectilinearDocument(grid)
        case .unstructuredGrid: return unstructuredDocument(grid)
        }
    }

    /// Writes atomically; the layout follows the file's extension (`.vtu` or `.vtr`).
    public func write(to url: URL) throws {
        try AtomicFile.write(document(url.pathExtension == "vtu" ? .unstructuredGrid : .rectilinearGrid), to: url)
    }

    private func header(_ type: String) -> String {
        "<?xml version=\"1.0\"?>\n<VTKFile type=\"\(type)\" version=\"1.0\" byte_order=\"LittleEndian\" header_type=\"UInt64\">\n"
    }

    private func fieldAndCellData(_ indent: String) -> (field: String, cells: String) {
        var field = ""
        if !fieldData.isEmpty {
            field += "\(indent)<FieldData>\n"
            for (name, value) in fieldData {
                field += dataArray(DataArray(name: name, components: 1, values: .float64([value])), tuples: 1, indent: indent + "  ")
            }
            field += "\(indent)</FieldData>\n"
        }
        let scalars = activeScalars.map { " Scalars=\"\(escape($0))\"" } ?? ""
        var cells = "\(indent)  <CellData\(scalars)>\n"
        for array in cellArrays { cells += dataArray(array, tuples: cellCount, indent: indent + "    ") }
        cells += "\(indent)  </CellData>\n"
        return (field, cells)
    }

    private func rectilinearDocument(_ grid: RectilinearGrid) -> String {
        let extent = "0 \(grid.nx) 0 \(grid.ny) 0 \(grid.nz)"
        let (field, cells) = fieldAndCellData("    ")
        var xml = header("RectilinearGrid") + "  <RectilinearGrid WholeExtent=\"\(extent)\">\n" + field
        xml += "    <Piece Extent=\"\(extent)\">\n" + cells + "      <Coordinates>\n"
        for (name, axis) in [("x [m]", grid.x), ("y [m]", grid.y), ("z [m]", grid.z)] {
            xml += dataArray(DataArray(name: name, components: 1, values: .float64(axis.edges)), tuples: axis.edges.count, indent: "        ")
        }
        return xml + "      </Coordinates>\n    </Piece>\n  </RectilinearGrid>\n</VTKFile>\n"
    }

    /// Points are the cell corners, x fastest; each cell a VTK_HEXAHEDRON (type 12) with the
    /// corner order VTK defines (bottom face counter-clockwise, then the top face).
    private func unstructuredDocument(_ grid: RectilinearGrid) -> String {
        let (px, py) = (grid.nx + 1, grid.ny + 1)
        var points = [Double]()
        points.reserveCapacity(3 * px * py * (grid.nz + 1))
        for z in grid.z.edges { for y in grid.y.edges { for x in grid.x.edges { points += [x, y, z] } } }
        var connectivity = [Int64]()
        connectivity.reserveCapacity(8 * grid.cellCount)
        for k in 0..<grid.nz {
            for j in 0..<grid.ny {
                for i in 0..<grid.nx {
                    let p = { (a: Int, b: Int, c: Int) in Int64((i + a) + px * ((j + b) + py * (k + c))) }
                    connectivity += [p(0, 0, 0), p(1, 0, 0), p(1, 1, 0), p(0, 1, 0), p(0, 0, 1), p(1, 0, 1), p(1, 1, 1), p(0, 1, 1)]
                }
            }
        }
        return unstructuredXML(points: points, unit: "m", connectivity: connectivity, cornersPerCell: 8, cellType: 12)
    }

    /// One VTK_VERTEX (type 1) cell per point.
    private func vertexDocument() -> String {
        let coordinates = points.flatMap { [$0.x, $0.y, $0.z] }
        return unstructuredXML(points: coordinates, unit: pointUnit, connectivity: (0..<Int64(points.count)).map { $0 },
                               cornersPerCell: 1, cellType: 1)
    }

    private func unstructuredXML(points: [Double], unit: String, connectivity: [Int64], cornersPerCell: Int, cellType: UInt8) -> String {
        let n = cellCount
        let (field, cells) = fieldAndCellData("    ")
        var xml = header("UnstructuredGrid") + "  <UnstructuredGrid>\n" + field
        xml += "    <Piece NumberOfPoints=\"\(points.count / 3)\" NumberOfCells=\"\(n)\">\n" + cells
        xml += "      <Points>\n" + dataArray(DataArray(name: "Points [\(unit)]", components: 3, values: .float64(points)), tuples: points.count / 3, indent: "        ")
        xml += "      </Points>\n      <Cells>\n"
        xml += dataArray(DataArray(name: "connectivity", components: 1, values: .int64(connectivity)), tuples: cornersPerCell * n, indent: "        ")
        xml += dataArray(DataArray(name: "offsets", components: 1, values: .int64((0..<n).map { Int64(cornersPerCell * ($0 + 1)) })), tuples: n, indent: "        ")
        xml += dataArray(DataArray(name: "types", components: 1, values: .uint8(Array(repeating: cellType, count: n))), tuples: n, indent: "        ")
        return xml + "      </Cells>\n    </Piece>\n  </UnstructuredGrid>\n</VTKFile>\n"
    }

    private func dataArray(_ array: DataArray, tuples: Int, indent: String) -> String {
        var bytes = [UInt8]()
        let type: String
        switch array.values {
        case let .float64(values):
            type = "Float64"
            bytes.reserveCapacity(8 + 8 * values.count)
            append(UInt64(8 * values.count), to: &bytes)
            for v in values { append(v.bitPattern, to: &bytes) }
        case let .int64(values):
            type = "Int64"
            append(UInt64(8 * values.count), to: &bytes)
            for v in values { append(UInt64(bitPattern: v), to: &bytes) }
        case let .int32(values):
            type = "Int32"
            append(UInt64(4 * values.count), to: &bytes)
            for v in values { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: UInt32(bitPattern: v) >> (8 * UInt32(i)))) } }
        case let .uint8(values):
            type = "UInt8"
            append(UInt64(values.count), to: &bytes)
            bytes += values
        }
        let encoded = Data(bytes).base64EncodedString()
        return "\(indent)<DataArray type=\"\(type)\" Name=\"\(escape(array.name))\" NumberOfComponents=\"\(array.components)\" NumberOfTuples=\"\(tuples)\" format=\"binary\">\n"
            + "\(indent)  \(encoded)\n\(indent)</DataArray>\n"
    }

    private func append(_ word: UInt64, to bytes: inout [UInt8]) {
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(i)))) }
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// A ParaView collection (`.pvd`): datasets with their times, so ParaView (and pyvista's
/// `PVDReader`) open a run as a time series.
public enum VTKCollection {
    public static func document(_ entries: [(time: Double, file: String)]) -> String {
        var s = "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"1.0\" byte_order=\"LittleEndian\">\n  <Collection>\n"
        for e in entries { s += "    <DataSet timestep=\"\(e.time)\" group=\"\" part=\"0\" file=\"\(e.file)\"/>\n" }
        return s + "  </Collection>\n</VTKFile>\n"
    }
}
