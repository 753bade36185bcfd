import ArgumentParser
import Foundation
import IO
import Solvers

/// `filament check FILE`: read and validate a geometry file without solving.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a geometry file without solving (exit code 2 and a message naming the key when invalid).")

    @Argument(help: "Geometry file (TOML).")
    var file: String

    @OptionGroup var options: CaseOptions

    func run() throws {
        let device = try reportingErrors { try options.load(file) }
        // Building the discrete model checks what only the mesh can tell (empty patches, overlaps).
        let model = try reportingErrors { try DiscreteModel(problem: device.problem) }
        let p = device.problem
        print("\(device.file): OK")
        if !device.title.isEmpty { print("  \(device.title)") }
        if p.regions != nil {
            let (scale, unit) = RegionReport.lengthUnit(max(device.length, device.width, p.grid.z.length))
            print(String(format: "  domain %.4g × %.4g × %.4g %@, %d cells (%d×%d×%d)", device.length * scale, device.width * scale,
                         p.grid.z.length * scale, unit, p.grid.cellCount, p.grid.nx, p.grid.ny, p.grid.nz))
            RegionReport(model: model).lines.forEach { print("  " + $0) }
        } else {
            print(String(format: "  film %.4g × %.4g × %.4g mm, %d cells (%d×%d×%d)%@", device.length * 1e3, device.width * 1e3,
                         device.filmThickness * 1e3, p.grid.cellCount, p.grid.nx, p.grid.ny, p.grid.nz,
                         device.substrateThickness > 0 ? String(format: ", substrate %.4g mm", device.substrateThickness * 1e3) : ""))
            print("  material \(p.material.name): T_IMT = \(p.material.insulatorToMetalTemperature) K, T_MIT = \(p.material.metalToInsulatorTemperature) K")
        }
        for (e, electrode) in p.electrodes.enumerated() {
            let faces = (0..<model.boundary.count).filter { model.boundary.electrode[$0] == e }.count
            let behind = (0..<model.boundary.count).filter { model.boundary.electrode[$0] == e }.map { model.boundary.cell[$0] }
            let hosts = p.regions.map { map in Set(behind.map { map.regionNames[Int(map.cellRegion[$0])] }).sorted() } ?? []
            print("  electrode \(electrode.name) on \(electrode.patch.face.rawValue)\(hosts.isEmpty ? "" : " of " + hosts.map { "'\($0)'" }.joined(separator: ", ")): \(faces) cell face(s), \(Summary.describe(electrode.drive)), lead Seebeck \(electrode.seebeck * 1e6) uV/K")
        }
        for boundary in p.thermalBoundaries {
            print("  thermal \(boundary.name) on \(boundary.patch.face.rawValue): \(boundary.condition)")
        }
        if let c = device.calibration {
            for entry in c.fit { print("  calibrate fit \(entry.text)") }
            for entry in c.targets { print("  calibrate target \(entry.text)") }
        }
        print("  ramp steps \(device.rampSteps), peltier coupling \(p.settings.peltierCoupling.rawValue), linear solver \(p.settings.symmetricStrategy == .multigrid ? "multigrid CG (\(p.settings.symmetricSolver.rawValue) fallback)" : p.settings.symmetricStrategy == .petsc ? "PETSc KSP (\(p.settings.symmetricSolver.rawValue) fallback)" : p.settings.symmetricSolver.rawValue)")
    }
}
