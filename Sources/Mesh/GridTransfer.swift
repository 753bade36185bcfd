/// Moves cell-centred fields from one rectilinear grid to another that covers the same box
/// (grid sequencing: a coarse solution is the starting guess on a finer grid).
///
/// Two rules, per axis and combined as a tensor product:
/// - `interpolated`: linear between the source cell centres (trilinear in 3D), held constant
///   beyond the outermost centres. For smooth fields (temperature, potential).
/// - `injected`: the value of the source cell that contains the target cell centre. For the
///   metal fraction, whose values must stay in [0, 1] and whose memory is per cell.
public struct GridTransfer: Sendable {
    public let source: RectilinearGrid
    public let target: RectilinearGrid
    private let stencils: [[AxisStencil]]  // x, y, z

    struct AxisStencil: Sendable {
        var lower: Int
        var upper: Int
        var upperWeight: Double
        var containing: Int
    }

    public init(from source: RectilinearGrid, to target: RectilinearGrid) {
        self.source = source
        self.target = target
        stencils = [(source.x, target.x), (source.y, target.y), (source.z, target.z)].map { Self.stencils(from: $0.0, to: $0.1) }
    }

    static func stencils(from source: AxisSpacing, to target: AxisSpacing) -> [AxisStencil] {
        let centres = source.centers
        let n = centres.count
        return target.centers.map { x in
            let containing = min(n - 1, max(0, (source.edges.firstIndex { $0 > x } ?? source.edges.count) - 1))
            guard n > 1, x > centres[0] else { return AxisStencil(lower: 0, upper: 0, upperWeight: 0, containing: containing) }
            guard x < centres[n - 1] else { return AxisStencil(lower: n - 1, upper: n - 1, upperWeight: 0, containing: containing) }
            var lower = 0
            while centres[lower + 1] <= x { lower += 1 }
            let weight = (x - centres[lower]) / (centres[lower + 1] - centres[lower])
            return AxisStencil(lower: lower, upper: lower + 1, upperWeight: weight, containing: containing)
        }
    }

    /// Trilinear interpolation between source cell centres.
    public func interpolated(_ field: [Double]) -> [Double] {
        precondition(field.count == source.cellCount, "field does not live on the source grid")
        var result = [Double](repeating: 0, count: target.cellCount)
        for c in 0..<target.cellCount {
            let (i, j, k) = target.ijk(c)
            let sx = stencils[0][i], sy = stencils[1][j], sz = stencils[2][k]
            var value = 0.0
            for (a, wa) in [(sx.lower, 1 - sx.upperWeight), (sx.upper, sx.upperWeight)] where wa > 0 {
                for (b, wb) in [(sy.lower, 1 - sy.upperWeight), (sy.upper, sy.upperWeight)] where wb > 0 {
                    for (e, we) in [(sz.lower, 1 - sz.upperWeight), (sz.upper, sz.upperWeight)] where we > 0 {
                        value += wa * wb * we * field[source.index(a, b, e)]
                    }
                }
            }
            result[c] = value
        }
        return result
    }

    /// The value of the source cell containing each target cell centre.
    public func injected(_ field: [Double]) -> [Double] {
        precondition(field.count == source.cellCount, "field does not live on the source grid")
        return (0..<target.cellCount).map { c in
            let (i, j, k) = target.ijk(c)
            return field[source.index(stencils[0][i].containing, stencils[1][j].containing, stencils[2][k].containing)]
        }
    }
}
