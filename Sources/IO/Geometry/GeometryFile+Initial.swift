import Foundation
import Mesh
import Solvers

extension Reader {
    /// `[initial]`: the state the first solve starts from, to break the symmetry of a wide
    /// channel (docs/geometry-format.md). A box of switching cells that starts metallic at
    /// `metal_temperature`, and a transverse temperature modulation
    /// δT = A cos(n π s / S) over the switching cells (s the coordinate along `modulation_axis`
    /// from 0 to the extent S; n = 1 is the lowest mode of a channel with adiabatic edges).
    func readInitial(_ t: ConfigTable?, problem: ElectrothermalProblem) throws -> InitialSeed? {
        guard let t else { return nil }
        let n = grid.cellCount
        let film = problem.filmMask
        let t0 = problem.initialTemperature
        var temperature = Array(repeating: t0, count: n)
        var phi = Array(repeating: 0.0, count: n)
        let tolerance = 1e-9 * max(grid.x.length, grid.y.length, grid.z.length)
        if let box = try t.table("metal") {
            var ranges: [ClosedRange<Double>] = []
            for axis in Axis.allCases {
                let o = offset(axis)
                switch try span(box, axis, allowPosition: false) {
                case .whole, .position:
                    ranges.append(axis == .z && !regionFile ? o...(o + thickness) : grid.spacing(axis).edges.first!...grid.spacing(axis).edges.last!)
                case let .range(a, b): ranges.append((a + o)...(b + o))
                }
            }
            try box.finish()
            let hot = try t.quantity("metal_temperature", .temperature, default: t0, range: 0...1e5, exclusiveLower: true)
            var seeded = 0
            for c in 0..<n where film[c] {
                let p = grid.center(c)
                let inside = [p.0, p.1, p.2].enumerated().allSatisfy { i, v in
                    v >= ranges[i].lowerBound - tolerance && v <= ranges[i].upperBound + tolerance
                }
                if inside { phi[c] = 1; temperature[c] = hot; seeded += 1 }
            }
            guard seeded > 0 else {
                throw t.error("metal", "the box holds no centre of a switching cell; allowed: a box (x, y, z ranges) around at least one cell of a switching material")
            }
        } else if t.has("metal_temperature") {
            throw t.error("metal_temperature", "is the temperature of the `metal` box; give `metal = { y = [\"a\", \"b\"] }` too, or remove it")
        }
        let amplitude = try t.quantity("temperature_modulation", .temperature, default: 0, range: 0...1000)
        let axisName = try t.choice("modulation_axis", ["x", "y", "z"], default: "y")
        let halfPeriods = try t.int("modulation_half_periods", default: 1, range: 1...1000)
        try t.finish()
        if amplitude > 0 {
            let axis = Axis.allCases.first { self.axisName($0) == axisName }!
            let s = grid.spacing(axis)
            let start = s.edges.first!, extent = s.edges.last! - start
            for c in 0..<n where film[c] {
                let v = [grid.center(c).0, grid.center(c).1, grid.center(c).2][axis.rawValue]
                temperature[c] += amplitude * cos(Double(halfPeriods) * Double.pi * (v - start) / extent)
            }
        }
        return InitialSeed(temperature: temperature, metalFraction: phi)
    }
}
