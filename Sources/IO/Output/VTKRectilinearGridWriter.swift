import Foundation
import Mesh

/// Writes cell data on a `RectilinearGrid` as a VTK XML RectilinearGrid file (`.vtr`),
/// which ParaView and VTK's `vtkXMLRectilinearGridReader` open directly.
///
/// Layout: `XCoordinates`/`YCoordinates`/`ZCoordinates` hold the cell edges (m); every
/// field is a `CellData` array in VTK's x-fastest cell order (the solver's order), its unit
/// in the array name ("T [K]"). Arrays are inline binary: base64 of a UInt64 byte count
/// followed by little-endian values, the encoding VTK's own writer uses uncompressed.
/// Global numbers (current, voltage) go in `FieldData`, one tuple each.
public struct VTKRectilinearGridWriter {
    public enum DataArrayKind {
        case float64(name: String, components: Int, values: [Double])
        case uint8(name: String, values: [UInt8])
    }

    public let grid: RectilinearGrid
    public var cellArrays: [DataArrayKind] = []
    public var fieldData: [(name: String, value: Double)] = []

    public init(grid: RectilinearGrid) { self.grid = grid }

    public mutating func addScalar(_ name: String, _ values: [Double]) {
        precondition(values.count == grid.cellCount, "\(name): one value per cell")
        cellArrays.append(.float64(name: name, components: 1, values: values))
    }

    /// A vector field from its three components (each one value per cell).
    public mutating func addVector(_ name: String, _ components: [[Double]]) {
        precondition(components.count == 3 && components.allSatisfy { $0.count == grid.cellCount })
        var interleaved = [Double]()
        interleaved.reserveCapacity(3 * grid.cellCount)
        for c in 0..<grid.cellCount { for a in 0..<3 { interleaved.append(components[a][c]) } }
        cellArrays.append(.float64(name: name, components: 3, values: interleaved))
    }

    public mutating func addPhase(_ name: String, _ values: [UInt8]) {
        precondition(values.count == grid.cellCount)
        cellArrays.append(.uint8(name: name, values: values))
    }

    /// The XML document.
    public func document() -> String {
        let extent = "0 \(grid.nx) 0 \(grid.ny) 0 \(grid.nz)"
        var xml = """
        <?xml version="1.0"?>
        <VTKFile type="RectilinearGrid" version="1.0" byte_order="LittleEndian" header_type="UInt64">
          <RectilinearGrid WholeExtent="\(extent)">

        """
        if !fieldData.isEmpty {
            xml += "    <FieldData>\n"
            for (name, value) in fieldData { xml += dataArray(.float64(name: name, components: 1, values: [value]), tuples: 1, indent: "      ") }
            xml += "    </FieldData>\n"
        }
        xml += "    <Piece Extent=\"\(extent)\">\n      <CellData>\n"
        for array in cellArrays { xml += dataArray(array, tuples: grid.cellCount, indent: "        ") }
        xml += "      </CellData>\n      <Coordinates>\n"
        for (name, axis) in [("x [m]", grid.x), ("y [m]", grid.y), ("z [m]", grid.z)] {
            xml += dataArray(.float64(name: name, components: 1, values: axis.edges), tuples: axis.edges.count, indent: "        ")
        }
        xml += "      </Coordinates>\n    </Piece>\n  </RectilinearGrid>\n</VTKFile>\n"
        return xml
    }

    public func write(to url: URL) throws {
        try AtomicFile.write(document(), to: url)
    }

    private func dataArray(_ array: DataArrayKind, tuples: Int, indent: String) -> String {
        var bytes = [UInt8]()
        let name: String, type: String, components: Int
        switch array {
        case let .float64(n, c, values):
            name = n; type = "Float64"; components = c
            bytes.reserveCapacity(8 + 8 * values.count)
            append(UInt64(8 * values.count), to: &bytes)
            for v in values { append(v.bitPattern, to: &bytes) }
        case let .uint8(n, values):
            name = n; type = "UInt8"; components = 1
            append(UInt64(values.count), to: &bytes)
            bytes += values
        }
        precondition(components * tuples == (bytes.count - 8) / (type == "UInt8" ? 1 : 8))
        let encoded = Data(bytes).base64EncodedString()
        return "\(indent)<DataArray type=\"\(type)\" Name=\"\(escape(name))\" NumberOfComponents=\"\(components)\" NumberOfTuples=\"\(tuples)\" format=\"binary\">\n"
            + "\(indent)  \(encoded)\n\(indent)</DataArray>\n"
    }

    private func append(_ word: UInt64, to bytes: inout [UInt8]) {
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(i)))) }
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
