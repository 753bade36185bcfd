import Foundation
import Mesh
import Solvers

/// Minimal VTK XML writers for transient snapshots: one RectilinearGrid (`.vtr`) per snapshot
/// with cell data T (K), Φ (V) and the metal fraction φ, and a ParaView collection (`.pvd`) that
/// lists them with their times, so ParaView opens the run as a time series. (Written here
/// because the IO module's VTK writer is not on main yet; the strings are written atomically by
/// the command.)
public enum WaveformSeries {
    public static func vtr(grid: RectilinearGrid, state: ElectrothermalState, time: Double) -> String {
        let nx = grid.nx, ny = grid.ny, nz = grid.nz
        var s = "<?xml version=\"1.0\"?>\n<VTKFile type=\"RectilinearGrid\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
        s += "  <RectilinearGrid WholeExtent=\"0 \(nx) 0 \(ny) 0 \(nz)\">\n"
        s += "    <FieldData><DataArray type=\"Float64\" Name=\"TIME\" NumberOfTuples=\"1\" format=\"ascii\">\(time)</DataArray></FieldData>\n"
        s += "    <Piece Extent=\"0 \(nx) 0 \(ny) 0 \(nz)\">\n      <CellData Scalars=\"T_K\">\n"
        for (name, values) in [("T_K", state.temperature), ("Phi_V", state.potential), ("metal_fraction", state.metalFraction)] {
            s += "        <DataArray type=\"Float64\" Name=\"\(name)\" format=\"ascii\">\n"
            s += values.map { String($0) }.joined(separator: " ") + "\n        </DataArray>\n"
        }
        s += "      </CellData>\n      <Coordinates>\n"
        for axis in [grid.x, grid.y, grid.z] {
            s += "        <DataArray type=\"Float64\" format=\"ascii\">" + axis.edges.map { String($0) }.joined(separator: " ") + "</DataArray>\n"
        }
        s += "      </Coordinates>\n    </Piece>\n  </RectilinearGrid>\n</VTKFile>\n"
        return s
    }

    /// A `.pvd` collection of (time in s, relative file name) entries.
    public static func pvd(_ entries: [(time: Double, file: String)]) -> String {
        var s = "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n  <Collection>\n"
        for e in entries { s += "    <DataSet timestep=\"\(e.time)\" group=\"\" part=\"0\" file=\"\(e.file)\"/>\n" }
        s += "  </Collection>\n</VTKFile>\n"
        return s
    }
}
