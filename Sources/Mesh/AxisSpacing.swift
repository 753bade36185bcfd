import Foundation

/// Cell edges along one axis of a rectilinear grid (metres), possibly graded.
public struct AxisSpacing: Sendable, Equatable {
    /// Monotonically increasing edge coordinates; `edges.count == cellCount + 1`.
    public let edges: [Double]

    public init(edges: [Double]) {
        precondition(edges.count >= 2, "an axis needs at least one cell")
        for i in 1..<edges.count { precondition(edges[i] > edges[i - 1], "edges must increase") }
        self.edges = edges
    }

    /// `cells` equal cells on [0, length].
    public static func uniform(length: Double, cells: Int) -> AxisSpacing {
        AxisSpacing(edges: (0...cells).map { length * Double($0) / Double(cells) })
    }

    /// Where a graded axis puts its finest cells.
    public enum Refinement: String, Sendable, CaseIterable {
        case none, lower, upper, both
    }

    /// `cells` cells on [0, length] whose widths grow geometrically by `ratio` per cell away
    /// from the refined end(s). `ratio = 1` gives a uniform axis.
    public static func graded(length: Double, cells: Int, ratio: Double,
                              toward refinement: Refinement) -> AxisSpacing {
        guard refinement != .none, ratio != 1, cells > 1 else { return uniform(length: length, cells: cells) }
        var widths: [Double]
        switch refinement {
        case .none: widths = Array(repeating: 1, count: cells)
        case .lower: widths = (0..<cells).map { pow(ratio, Double($0)) }
        case .upper: widths = (0..<cells).map { pow(ratio, Double(cells - 1 - $0)) }
        case .both:
            widths = (0..<cells).map { i in pow(ratio, Double(min(i, cells - 1 - i))) }
        }
        let total = widths.reduce(0, +)
        var edges = [0.0]
        var x = 0.0
        for w in widths { x += w * length / total; edges.append(x) }
        edges[cells] = length
        return AxisSpacing(edges: edges)
    }

    public var cellCount: Int { edges.count - 1 }
    public var length: Double { edges[edges.count - 1] - edges[0] }
    @inlinable public func width(_ i: Int) -> Double { edges[i + 1] - edges[i] }
    @inlinable public func center(_ i: Int) -> Double { 0.5 * (edges[i] + edges[i + 1]) }
    public var centers: [Double] { (0..<cellCount).map(center) }
    public var widths: [Double] { (0..<cellCount).map(width) }
}
