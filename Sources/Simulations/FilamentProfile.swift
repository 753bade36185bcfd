import Foundation
import Mesh
import Solvers

/// A steady state seen across the width (y) of a channel: per column of cells the temperature,
/// metal fraction and current density along x, averaged by volume over the switching cells
/// whose centres lie in an x window (the channel between the contacts) and over the film's
/// thickness. What the filament study measures (docs/model.md §8).
public struct FilamentProfile: Sendable {
    /// Column centres and widths along y (m).
    public let y: [Double]
    public let dy: [Double]
    /// Volume means per column: T (K), metal fraction φ (1), current density along x (A/m²).
    public let temperature: [Double]
    public let metalFraction: [Double]
    public let currentDensity: [Double]

    /// `xWindow` nil: every switching cell. Columns without switching cells in the window are left out.
    public init(solution: SteadySolution, xWindow: ClosedRange<Double>? = nil) {
        let grid = solution.grid
        let film = solution.model.problem.filmMask
        let j = solution.fluxes.cellCurrentDensity(faces: solution.model.faces, boundary: solution.model.boundary,
                                                   cellCount: grid.cellCount)
        var ys: [Double] = [], dys: [Double] = [], ts: [Double] = [], phis: [Double] = [], js: [Double] = []
        for jy in 0..<grid.ny {
            var volume = 0.0, t = 0.0, phi = 0.0, jx = 0.0
            for k in 0..<grid.nz {
                for i in 0..<grid.nx {
                    let c = grid.index(i, jy, k)
                    guard film[c] else { continue }
                    if let xWindow, !xWindow.contains(grid.center(c).0) { continue }
                    let v = grid.volume(c)
                    volume += v
                    t += v * solution.state.temperature[c]
                    phi += v * solution.state.metalFraction[c]
                    jx += v * j[0][c]
                }
            }
            guard volume > 0 else { continue }
            ys.append(grid.y.center(jy))
            dys.append(grid.y.edges[jy + 1] - grid.y.edges[jy])
            ts.append(t / volume)
            phis.append(phi / volume)
            js.append(jx / volume)
        }
        y = ys
        dy = dys
        temperature = ts
        metalFraction = phis
        currentDensity = js
    }

    /// Metallic width Σ φ Δy (m): the metal extent across the channel.
    public var metalWidth: Double { zip(metalFraction, dy).map { $0 * $1 }.reduce(0, +) }

    /// Centre of the metal, Σ φ y Δy / Σ φ Δy (m); nil without metal.
    public var metalCentroid: Double? {
        let w = metalWidth
        guard w > 0 else { return nil }
        return zip(zip(metalFraction, dy), y).map { $0.0 * $0.1 * $1 }.reduce(0, +) / w
    }

    /// Positions (m) where the metal ends: in each column holding 0 < φ < 1, or between a full
    /// and an empty neighbour, the edge of its metallic part, y_lower + φ Δy when the metal lies
    /// toward lower y and y_upper − φ Δy when it lies toward upper y.
    public var walls: [Double] {
        var result: [Double] = []
        let n = y.count
        func isMetal(_ i: Int) -> Bool { metalFraction[i] >= 0.5 }
        for i in 0..<n {
            let lower = y[i] - 0.5 * dy[i], upper = y[i] + 0.5 * dy[i]
            let metalBelow = i > 0 && metalFraction[i - 1] > 1 - 1e-9
            let metalAbove = i + 1 < n && metalFraction[i + 1] > 1 - 1e-9
            let phi = metalFraction[i]
            if phi > 1e-9 && phi < 1 - 1e-9 {
                if metalBelow && !metalAbove { result.append(lower + phi * dy[i]) }
                else if metalAbove && !metalBelow { result.append(upper - phi * dy[i]) }
                else { result.append(y[i]) }
            } else if phi > 1 - 1e-9, i + 1 < n, metalFraction[i + 1] < 1e-9 {
                result.append(upper)
            } else if phi < 1e-9, i + 1 < n, metalFraction[i + 1] > 1 - 1e-9 {
                result.append(upper)
            }
        }
        return result
    }

    /// Mean current density along x over the columns that are mostly metal (A/m²); nil without.
    public var filamentCurrentDensity: Double? {
        let metal = (0..<y.count).filter { metalFraction[$0] > 0.99 }
        guard !metal.isEmpty else { return nil }
        return metal.map { currentDensity[$0] * dy[$0] }.reduce(0, +) / metal.map { dy[$0] }.reduce(0, +)
    }

    /// Spread of the temperature across the width, max − min (K).
    public var temperatureSpread: Double { (temperature.max() ?? 0) - (temperature.min() ?? 0) }
}
