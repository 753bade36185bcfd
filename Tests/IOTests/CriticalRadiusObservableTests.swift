import XCTest
import Foundation
@testable import IO
@testable import Simulations
import Solvers

/// `r_c(ELECTRODE)` as a calibration observable: on PH's point-electrode film (axisymmetric,
/// coarse) it reads the same critical radius as the r_c study, and bad names are refused.
final class CriticalRadiusObservableTests: XCTestCase {
    func testObservableMatchesTheCriticalRadiusStudy() throws {
        var study = CriticalRadiusStudy.axisymmetricFilm()
        study.lateralCells = 32
        study.verticalCells = 4
        study.rampSteps = 8
        let run = try study.run(totalCurrent: 1e-3, progress: ProgressReporter(quiet: true))
        let solver = try SteadyStateSolver(problem: study.problem(totalCurrent: 1e-3))
        let s = try DriveRamp(steps: study.rampSteps).solve(solver)
        let observable = try CalibrationObservable.parse("r_c(point)")
        XCTAssertEqual(observable, .criticalRadius(electrode: "point"))
        XCTAssertEqual(observable.unit, "m")
        let rc = observable.value(s, device: DeviceCase(file: "rc", sha256: "", title: "", problem: study.problem(totalCurrent: 1e-3),
                                                        filmThickness: study.thickness, substrateThickness: 0, rampSteps: study.rampSteps,
                                                        output: OutputOptions(), filmCells: [32, 1, 4]))
        XCTAssertGreaterThan(run.criticalRadius, 2 * study.electrodeSize, "metal beyond the electrode")
        XCTAssertEqual(rc, run.criticalRadius, accuracy: 1e-6 * run.criticalRadius)
    }

    func testUnknownOrSideElectrodeIsRefused() throws {
        let device = try GeometryFile.parse(CalibrationTests.slab, file: "slab.toml")
        for (name, message) in [("nope", "no electrode 'nope'"), ("positive", "not on the top surface")] {
            XCTAssertThrowsError(try CalibrationObservable.criticalRadius(electrode: name).check(on: device)) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
        XCTAssertThrowsError(try CalibrationObservable.parse("r_c()"))
    }
}
