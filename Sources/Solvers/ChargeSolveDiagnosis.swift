import Foundation
import Discretization
import SparseLinearAlgebra

extension DiscreteModel {
    /// Double precision resolves conductances within about 1e15 of each other in one
    /// elimination; a wider span can cancel a Cholesky pivot to zero or below.
    static let resolvableConductivitySpan = 1e15

    /// Runs a charge solve, turning a factorisation that breaks down because the device's
    /// conductivities span more than double precision resolves into a diagnosis.
    func diagnosingChargeSolve<T>(cells: CellCoefficients, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SparseSolverError {
            switch error {
            case .notPositiveDefinite, .singular:
                if let diagnosis = conductivitySpanDiagnosis(cells, outcome: "the factorisation broke down") { throw SolverError.invalidProblem(diagnosis) }
            default: break
            }
            throw error
        }
    }

    /// Names the least and the most conducting material when their conductivities span more
    /// than `resolvableConductivitySpan` (nil otherwise); `outcome` says what went wrong.
    func conductivitySpanDiagnosis(_ cells: CellCoefficients, outcome: String) -> String? {
        var low = (sigma: Double.infinity, cell: -1), high = (sigma: 0.0, cell: -1)
        for (c, sigma) in cells.conductivity.enumerated() {
            if sigma < low.sigma { low = (sigma, c) }
            if sigma > high.sigma { high = (sigma, c) }
        }
        guard low.cell >= 0, high.cell >= 0, low.sigma > 0, high.sigma / low.sigma > Self.resolvableConductivitySpan else { return nil }
        let map = problem.regionMap
        func name(_ c: Int) -> String {
            "material '\(map.materials[Int(map.cellMaterial[c])].name)' (region '\(map.regionNames[Int(map.cellRegion[c])])')"
        }
        let driven = electrodes.filter { if case .current = $0.drive { return true }; return false }.map(\.name)
        let drive = driven.isEmpty ? "" : " A current forced through it (electrode \(driven.map { "'\($0)'" }.joined(separator: ", "))) would need a voltage of order I ρ L/A, far beyond any device;"
        return String(format: "the charge problem cannot be solved in double precision: the electrical resistivity runs from %.3g Ω·m in %@ to %.3g Ω·m in %@, a span of %.0f decades (at most about 15 can be resolved), and %@.%@ if the current must cross the resistive material, drive a potential or a source voltage with a load resistor, or give that material a resistivity no more than 1e15 times the best conductor's (a near-insulator at 1e6 … 1e12 Ω·m behaves the same in practice)",
                      1 / low.sigma, name(low.cell), 1 / high.sigma, name(high.cell), log10(high.sigma / low.sigma), outcome, drive)
    }
}
