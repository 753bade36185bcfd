/// The three coordinate axes. x runs along the film length L (electrode to electrode),
/// y across the width W, z through the thickness h from the substrate (z = 0) to the top
/// surface (z = h). PH measures depth from the top surface; depth = h − z here.
public enum Axis: Int, Sendable, CaseIterable {
    case x = 0, y = 1, z = 2
}

/// One of the six outer faces of the box.
public enum BoundaryFace: String, Sendable, CaseIterable, Hashable {
    case xMin = "x_min", xMax = "x_max", yMin = "y_min", yMax = "y_max"
    case zMin = "z_min", zMax = "z_max"

    public var axis: Axis {
        switch self {
        case .xMin, .xMax: return .x
        case .yMin, .yMax: return .y
        case .zMin, .zMax: return .z
        }
    }

    public var isUpper: Bool { self == .xMax || self == .yMax || self == .zMax }

    /// The two axes spanning the face, in (u, v) order.
    public var tangentialAxes: (Axis, Axis) {
        switch axis {
        case .x: return (.y, .z)
        case .y: return (.x, .z)
        case .z: return (.x, .y)
        }
    }
}

/// How the three axes of a grid are read.
public enum CoordinateSystem: String, Sendable, Equatable {
    /// x, y, z in metres.
    case cartesian
    /// (r, θ, z): the x axis is the radius r ≥ 0 (m), the y axis the azimuth θ (rad), z the
    /// axis of symmetry (m). With one θ cell the grid is an axisymmetric wedge: the finite-volume
    /// form of the (r, z) problem, with volumes r Δr Δθ Δz and radial faces r Δθ Δz.
    case cylindrical
}

/// A structured rectilinear 3D grid with cell-centred unknowns.
///
/// Cells are numbered x fastest: `index = i + nx * (j + ny * k)`.
public struct RectilinearGrid: Sendable, Equatable {
    public let x: AxisSpacing
    public let y: AxisSpacing
    public let z: AxisSpacing
    public let coordinates: CoordinateSystem

    public init(x: AxisSpacing, y: AxisSpacing, z: AxisSpacing, coordinates: CoordinateSystem = .cartesian) {
        precondition(coordinates == .cartesian || x.edges[0] >= 0, "a cylindrical grid needs r ≥ 0")
        self.x = x
        self.y = y
        self.z = z
        self.coordinates = coordinates
    }

    /// The metric factor r at the centre of radial cell i (1 on a Cartesian grid): it scales
    /// volumes, faces normal to z and distances along θ.
    @inlinable public func radialMetric(center i: Int) -> Double {
        coordinates == .cylindrical ? x.center(i) : 1
    }

    /// The metric factor r at radial edge e (1 on a Cartesian grid): it scales faces normal to r.
    @inlinable public func radialMetric(edge e: Int) -> Double {
        coordinates == .cylindrical ? x.edges[e] : 1
    }

    public var nx: Int { x.cellCount }
    public var ny: Int { y.cellCount }
    public var nz: Int { z.cellCount }
    public var cellCount: Int { nx * ny * nz }

    public func spacing(_ axis: Axis) -> AxisSpacing {
        switch axis {
        case .x: return x
        case .y: return y
        case .z: return z
        }
    }

    public func count(_ axis: Axis) -> Int { spacing(axis).cellCount }

    @inlinable public func index(_ i: Int, _ j: Int, _ k: Int) -> Int { i + nx * (j + ny * k) }

    @inlinable public func ijk(_ index: Int) -> (Int, Int, Int) {
        let i = index % nx
        let rest = index / nx
        return (i, rest % ny, rest / ny)
    }

    public func volume(_ index: Int) -> Double {
        let (i, j, k) = ijk(index)
        return x.width(i) * y.width(j) * z.width(k) * radialMetric(center: i)
    }

    /// Cell centre (x, y, z) in metres.
    public func center(_ index: Int) -> (Double, Double, Double) {
        let (i, j, k) = ijk(index)
        return (x.center(i), y.center(j), z.center(k))
    }

    /// Area of the face on the upper side of cell (i, j, k) normal to `axis` (m²).
    @inlinable public func faceArea(normal axis: Axis, _ i: Int, _ j: Int, _ k: Int) -> Double {
        switch axis {
        case .x: return y.width(j) * z.width(k) * radialMetric(edge: i + 1)
        case .y: return x.width(i) * z.width(k)
        case .z: return x.width(i) * y.width(j) * radialMetric(center: i)
        }
    }

    /// Distance (m) from the centre of cell (i, j, k) to its faces normal to `axis`.
    @inlinable public func halfWidth(_ axis: Axis, _ i: Int, _ j: Int, _ k: Int) -> Double {
        switch axis {
        case .x: return 0.5 * x.width(i)
        case .y: return 0.5 * y.width(j) * radialMetric(center: i)
        case .z: return 0.5 * z.width(k)
        }
    }

    public var totalVolume: Double {
        let base = x.length * y.length * z.length
        return coordinates == .cylindrical ? base * 0.5 * (x.edges.last! + x.edges[0]) : base
    }
}
