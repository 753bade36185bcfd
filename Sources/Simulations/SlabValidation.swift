import Foundation
import Solvers

/// The uniform-current slab checks against PH Eqs. 8, 9 and 11, with their
/// tolerances. Every number here is computed; nothing is copied from the paper.
public struct SlabValidation: Sendable {
    public struct ProfileRow: Sendable { public var cells: Int; public var maxError: Double; public var order: Double? }
    public struct LayerRow: Sendable {
        public var ratio: Double; public var simulated: Double; public var exact: Double
        public var errorOverThickness: Double { abs(simulated - exact) }
    }

    public var study = SlabStudy()
    public var profileGrids = [10, 20, 40, 80]
    public var layerCells = 100
    public var ratios = [1.2, 1.5, 2.0, 3.0]
    /// Tolerances: |j_cr − Eq. 9| / Eq. 9, |d − Eq. 11| / h, energy balance; observed order.
    public var criticalCurrentTolerance = 0.01
    public var layerTolerance = 0.03
    public var energyTolerance = 1e-8
    public var minimumOrder = 1.9

    public init() {}

    public struct Report: Sendable {
        public var profile: [ProfileRow] = []
        public var profileSamples: [(z: Double, simulated: Double, exact: Double)] = []
        public var criticalCurrent: (simulated: Double, exact: Double) = (0, 0)
        public var layers: [LayerRow] = []
        public var worstEnergyError = 0.0
        public var failures: [String] = []
    }

    public func run(progress: ProgressReporter) throws -> Report {
        var report = Report()
        let forms = study.closedForms
        let jBelow = 0.8 * forms.criticalCurrentDensity
        var previous: Double?
        for n in profileGrids {
            let (error, solution) = try study.insulatingProfileError(currentDensity: jBelow, cellsAlongZ: n)
            report.worstEnergyError = max(report.worstEnergyError, solution.energyBalanceRelativeError)
            let order = previous.map { log2($0 / error) }
            report.profile.append(ProfileRow(cells: n, maxError: error, order: order))
            previous = error
            progress.report("slab profile: \(n) cells, max |T − Eq. 8| = \(error) K")
            if n == profileGrids.last {
                let g = solution.grid
                report.profileSamples = (0..<g.nz).map { k in
                    let z = g.z.center(k)
                    return (z, solution.state.temperature[g.index(0, 0, k)],
                            forms.insulatingTemperature(depth: forms.thickness - z, currentDensity: jBelow))
                }
            }
        }
        if let last = report.profile.last?.order, last < minimumOrder {
            report.failures.append("observed order \(last) < \(minimumOrder)")
        }
        report.criticalCurrent = (try criticalCurrentDensity(), forms.criticalCurrentDensity)
        let jcrError = abs(report.criticalCurrent.simulated / report.criticalCurrent.exact - 1)
        if jcrError > criticalCurrentTolerance { report.failures.append("j_cr off by \(jcrError)") }
        for ratio in ratios {
            let j0 = ratio * forms.criticalCurrentDensity
            let solution = try SteadyStateSolver(problem: study.problem(currentDensity: j0, cellsAlongZ: layerCells)).solve()
            report.worstEnergyError = max(report.worstEnergyError, solution.energyBalanceRelativeError)
            let row = LayerRow(ratio: ratio, simulated: SlabStudy.metalLayerThickness(solution) / forms.thickness,
                               exact: forms.metalLayerThickness(currentDensity: j0) / forms.thickness)
            report.layers.append(row)
            progress.report("slab layer: j0/j_cr = \(ratio): d/h = \(row.simulated) (Eq. 11: \(row.exact))")
            if row.errorOverThickness > layerTolerance { report.failures.append("d/h off by \(row.errorOverThickness) at j0/jcr = \(ratio)") }
        }
        if report.worstEnergyError > energyTolerance { report.failures.append("energy balance \(report.worstEnergyError)") }
        return report
    }

    /// The current density at which the simulated top surface reaches T_MIT, by bisection
    /// on all-insulating solves (the switching threshold is lifted so nothing switches).
    public func criticalCurrentDensity() throws -> Double {
        var probe = study
        probe.insulatorToMetalTemperature = 1e4
        let target = study.closedForms.switchingTemperature
        func topExcess(_ j: Double) throws -> Double {
            let p = probe.problem(currentDensity: j, cellsAlongZ: layerCells)
            let s = try SteadyStateSolver(problem: p).solve()
            return s.meanSurfaceTemperature(on: .zMax) - target
        }
        var lo = 0.1 * study.closedForms.criticalCurrentDensity, hi = 10 * lo * 10
        for _ in 0..<60 {
            let mid = 0.5 * (lo + hi)
            if try topExcess(mid) > 0 { hi = mid } else { lo = mid }
            if hi - lo < 1e-9 * hi { break }
        }
        return 0.5 * (lo + hi)
    }
}
