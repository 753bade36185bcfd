import Foundation
import Mesh
import Discretization
import Solvers

/// Writes the results of one converged run into a directory, each file atomically:
/// `summary.json` always; as `OutputOptions` say, `fields.vtr` (ParaView) and `fields.vtu`
/// (ParaView, meshio, pyvista) with the same arrays, the ramp as a `ramp.pvd` series (drive
/// fraction 0 … 1 as its time, the starting state included), and the CSV slices. When a
/// stability check found the state unstable, its growing mode is added to the field files.
/// Nothing is written for a failed run (callers only get here with a solution).
public enum RunOutputs {
    public static let summaryName = "summary.json"
    public static let fieldsName = "fields.vtr"
    public static let unstructuredFieldsName = "fields.vtu"
    public static let rampSeriesName = "ramp"
    public static let sliceXZName = "slice_xz.csv"
    public static let topSurfaceName = "surface_top.csv"

    /// Writes the outputs and returns the URLs written, in order.
    @discardableResult
    public static func write(_ solution: SteadySolution, of device: DeviceCase, to directory: URL,
                             provenance: Provenance, wallSeconds: Double,
                             ramp: [(fraction: Double, fields: DeviceFields)] = [],
                             stability: StabilityReport? = nil) throws -> [URL] {
        var fields = DeviceFields(solution: solution)
        if let stability, stability.verdict == .unstable, let mode = stability.mode {
            fields.extraScalars = StabilityJSON.modeFields(mode)
        }
        var written: [URL] = []
        if device.output.fields {
            let vtk = fields.writer()
            for name in [fieldsName, unstructuredFieldsName] {
                let url = directory.appendingPathComponent(name)
                try vtk.write(to: url)
                written.append(url)
            }
            if !ramp.isEmpty {
                let series = FieldSeries(directory: directory, name: rampSeriesName, timeName: "drive_fraction [1]")
                for step in ramp { try series.append(step.fields, time: step.fraction) }
                written.append(series.collectionURL)
            }
        }
        if device.output.slices {
            let xz = directory.appendingPathComponent(sliceXZName)
            try AtomicFile.write(SliceWriter.xzPlane(fields, y: 0.5 * device.width), to: xz)
            let top = directory.appendingPathComponent(topSurfaceName)
            try AtomicFile.write(SliceWriter.topSurface(fields, surfaceTemperature: solution.surfaceTemperature(on: .zMax)), to: top)
            written += [xz, top]
        }
        let summary = Summary.json(solution, of: device, provenance: provenance, wallSeconds: wallSeconds, stability: stability)
        let url = directory.appendingPathComponent(summaryName)
        try AtomicFile.write(summary.rendered(), to: url)
        written.append(url)
        return written
    }
}

/// CSV slices through the cell fields. Numbers are written in shortest round-trip form, so a
/// reader gets the exact Float64 values that `fields.vtr` holds.
public enum SliceWriter {
    /// Columns of the slices: every scalar field (the phase and region flags are left out).
    static func columns(_ fields: DeviceFields) -> [(name: String, values: [Double])] {
        fields.scalarColumns
    }

    /// The x–z plane at `y` (normally W/2): one row per (x, z) cell column, values
    /// interpolated linearly in y between the two cell centres that bracket `y` (the nearest
    /// centre when `y` lies outside the centres).
    public static func xzPlane(_ fields: DeviceFields, y: Double) -> String {
        let grid = fields.grid
        let centres = grid.y.centers
        var j0 = 0
        while j0 + 1 < centres.count - 1, centres[j0 + 1] < y { j0 += 1 }
        let j1 = min(j0 + 1, centres.count - 1)
        var w1 = j1 == j0 ? 0 : (y - centres[j0]) / (centres[j1] - centres[j0])
        w1 = min(1, max(0, w1))
        let cols = columns(fields)
        var out = "x [m],y [m],z [m]," + cols.map(\.name).joined(separator: ",") + "\n"
        for k in 0..<grid.nz {
            for i in 0..<grid.nx {
                let a = grid.index(i, j0, k), b = grid.index(i, j1, k)
                let values = cols.map { (1 - w1) * $0.values[a] + w1 * $0.values[b] }
                out += (["\(grid.x.center(i))", "\(y)", "\(grid.z.center(k))"] + values.map { "\($0)" }).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// The top surface z = h: one row per top-layer cell; `T_surface [K]` is the temperature
    /// on the surface itself (zero-gradient extrapolation on an adiabatic top), the other
    /// columns are the values of the top cell layer.
    public static func topSurface(_ fields: DeviceFields, surfaceTemperature: [Double]) -> String {
        let grid = fields.grid
        let k = grid.nz - 1
        let cols = columns(fields)
        var out = "x [m],y [m],z [m],T_surface [K]," + cols.map { "\($0.name) (top cell)" }.joined(separator: ",") + "\n"
        let top = grid.z.edges[grid.nz]
        for j in 0..<grid.ny {
            for i in 0..<grid.nx {
                let c = grid.index(i, j, k)
                let row = ["\(grid.x.center(i))", "\(grid.y.center(j))", "\(top)", "\(surfaceTemperature[i + grid.nx * j])"]
                out += (row + cols.map { "\($0.values[c])" }).joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
