import Mesh

/// The interior faces of a rectilinear grid as flat arrays (structure of arrays), so that
/// every face-flux loop is one pass over contiguous memory.
///
/// Face f separates the `owner` cell (lower coordinate) from the `neighbor` cell (upper
/// coordinate) along `axis`; positive fluxes run from owner to neighbor.
public struct InteriorFaces: Sendable {
    public let owner: [Int]
    public let neighbor: [Int]
    public let axis: [Axis]
    /// Face area in m².
    public let area: [Double]
    /// Distance owner centre → face and face → neighbor centre, in m.
    public let ownerDistance: [Double]
    public let neighborDistance: [Double]
    /// Faces that carry a thermal boundary resistance (interfaces between regions) and its
    /// area-specific value R_b in m²·K/W, entering the face's thermal conductance in series.
    public var resistiveFaces: [Int] = []
    public var boundaryResistance: [Double] = []

    public init(grid: RectilinearGrid) {
        var owner: [Int] = [], neighbor: [Int] = [], axis: [Axis] = []
        var area: [Double] = [], dOwner: [Double] = [], dNeighbor: [Double] = []
        let capacity = 3 * grid.cellCount
        owner.reserveCapacity(capacity); neighbor.reserveCapacity(capacity)
        axis.reserveCapacity(capacity); area.reserveCapacity(capacity)
        dOwner.reserveCapacity(capacity); dNeighbor.reserveCapacity(capacity)
        for k in 0..<grid.nz {
            for j in 0..<grid.ny {
                for i in 0..<grid.nx {
                    let p = grid.index(i, j, k)
                    if i + 1 < grid.nx {
                        owner.append(p); neighbor.append(grid.index(i + 1, j, k)); axis.append(.x)
                        area.append(grid.faceArea(normal: .x, i, j, k))
                        dOwner.append(grid.halfWidth(.x, i, j, k)); dNeighbor.append(grid.halfWidth(.x, i + 1, j, k))
                    }
                    if j + 1 < grid.ny {
                        owner.append(p); neighbor.append(grid.index(i, j + 1, k)); axis.append(.y)
                        area.append(grid.faceArea(normal: .y, i, j, k))
                        dOwner.append(grid.halfWidth(.y, i, j, k)); dNeighbor.append(grid.halfWidth(.y, i, j + 1, k))
                    }
                    if k + 1 < grid.nz {
                        owner.append(p); neighbor.append(grid.index(i, j, k + 1)); axis.append(.z)
                        area.append(grid.faceArea(normal: .z, i, j, k))
                        dOwner.append(grid.halfWidth(.z, i, j, k)); dNeighbor.append(grid.halfWidth(.z, i, j, k + 1))
                    }
                }
            }
        }
        self.owner = owner
        self.neighbor = neighbor
        self.axis = axis
        self.area = area
        self.ownerDistance = dOwner
        self.neighborDistance = dNeighbor
    }

    public var count: Int { owner.count }
}
