// Uses Filament as a library: reads a geometry file (by default the PH Fig. 2a film of the
// Filament checkout, on a coarse 9×5×4 mesh), ramps the drive, prints the operating point and,
// given an output folder, writes the same files as `filament run`.
//
//     swift run DeviceFromSwift [GEOMETRY.toml [OUTPUT_FOLDER]]
import Foundation
import IO
import Simulations
import Solvers

let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../..").standardizedFileURL
let arguments = CommandLine.arguments.dropFirst()
let geometry = arguments.first.map { URL(fileURLWithPath: $0) }
    ?? checkout.appendingPathComponent("geometries/ca2ruo4-fig2a-square.toml")

do {
    let started = Date()
    let device = try GeometryFile.load(geometry, cells: arguments.isEmpty ? [9, 5, 4] : nil)
    let solver = try SteadyStateSolver(problem: device.problem)
    let solution = try DriveRamp(steps: device.rampSteps).solve(solver)
    print(String(format: "%@: I = %.6g A, V = %.6g V, T max = %.2f K, metal fraction = %.4f, energy balance %.1e",
                 device.title, solution.current, solution.voltage, solution.maximumTemperature,
                 solution.metalFraction, solution.energyBalanceRelativeError))
    if arguments.count > 1 {
        let folder = URL(fileURLWithPath: arguments[arguments.startIndex + 1])
        let provenance = Provenance(program: "device-from-swift", version: "example", started: started)
        for url in try RunOutputs.write(solution, of: device, to: folder, provenance: provenance,
                                        wallSeconds: Date().timeIntervalSince(started)) {
            print("wrote \(url.path)")
        }
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
