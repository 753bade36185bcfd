import XCTest
import Mesh
import Materials
@testable import Solvers
@testable import Simulations

/// The coloured finite-difference Jacobian of the Newton coupling against a column-by-column
/// central difference of the same residual (an independent, 27× costlier construction).
final class CoupledJacobianTests: XCTestCase {
    func testColouredJacobianMatchesColumnDifferences() throws {
        var study = Fig2Study()
        study.film.cells = (7, 5, 3)
        study.film.electrodeHalfWidth = 1e-4
        let solver = try study.makeSolver(progress: ProgressReporter(quiet: true))
        let system = CoupledSystem(model: solver.model, electrodes: solver.electrodes)
        let n = system.cellCount
        // a state off equilibrium with partial metal near the negative electrode
        var state = ElectrothermalState(problem: solver.model.problem)
        let g = solver.model.grid
        for c in 0..<n {
            let (i, j, k) = g.ijk(c)
            state.temperature[c] = 300 + 40 * Double(7 - i) / 7 + Double(j + k)
            state.potential[c] = 0.2 * Double(i) + 0.01 * Double(j * k)
            state.metalFraction[c] = i < 2 ? 0.3 + 0.2 * Double(k) : 0
        }
        state.electrodePotential = state.electrodePotential.map { $0 + 1.5 }
        let u = system.unknowns(state)
        let free = (0..<n).map { state.metalFraction[$0] > 0 }
        let r0 = system.fieldResidual(system.state(u))
        let jac = system.jacobian(at: u, fieldResidual: r0, free: free, phaseRows: free.map { $0 ? (0, 1) : (1, 0) })
        var worst = 0.0
        let columns = Array(0..<system.chargeCount) + (0..<n).map { system.temperatureOffset + $0 }
            + (0..<n).filter { free[$0] }.map { system.fractionOffset + $0 }
        for col in columns {
            let h = col < system.chargeCount ? 1e-5 : (col < system.fractionOffset ? 1e-4 : 1e-5)
            var plus = u, minus = u
            plus[col] += h
            minus[col] -= h
            let rp = system.fieldResidual(system.state(plus)), rm = system.fieldResidual(system.state(minus))
            let rowScale = (0..<system.fieldRowCount).map { max(abs(jac[$0, $0]), 1e-30) }
            for row in 0..<system.fieldRowCount {
                let reference = (rp[row] - rm[row]) / (2 * h)
                let error = abs(jac[row, col] - reference) / rowScale[row]
                if error > worst { worst = error }
                XCTAssertLessThan(error, 1e-3, "row \(row), column \(col): coloured \(jac[row, col]), central \(reference)")
            }
        }
        XCTAssertLessThan(worst, 1e-3)
    }
}
