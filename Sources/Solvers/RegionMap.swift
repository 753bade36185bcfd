import Mesh
import Materials
import Discretization

/// The material of every cell of a device assembled from regions (named boxes, each of one
/// material). Cells covered by no region take the fill material when there is one.
public struct RegionMap: Sendable {
    /// The distinct materials, indexed by `cellMaterial`.
    public var materials: [DeviceMaterial]
    /// Material index of every cell (x fastest, as the grid).
    public var cellMaterial: [Int32]
    /// Region names in file order, then "fill" for cells no region covers (when any).
    public var regionNames: [String]
    /// Region index of every cell (into `regionNames`).
    public var cellRegion: [Int32]
    /// Material index of every region (into `materials`).
    public var regionMaterial: [Int]
    /// Interfaces between regions that carry a thermal boundary resistance.
    public var interfaces: [RegionInterface] = []

    public init(materials: [DeviceMaterial], cellMaterial: [Int32], regionNames: [String], cellRegion: [Int32],
                regionMaterial: [Int]) {
        self.materials = materials
        self.cellMaterial = cellMaterial
        self.regionNames = regionNames
        self.cellRegion = cellRegion
        self.regionMaterial = regionMaterial
    }

    /// Number of cells of each region.
    public var cellCounts: [Int] {
        var counts = [Int](repeating: 0, count: regionNames.count)
        for r in cellRegion { counts[Int(r)] += 1 }
        return counts
    }

    /// The map of a film of one switching material with an optional substrate layer below
    /// (cells whose centres lie below `substrate.thickness`).
    public static func filmOnSubstrate(grid: RectilinearGrid, material: TwoPhaseMaterial,
                                       substrate: SubstrateLayer?) -> RegionMap {
        guard let layer = substrate else {
            return RegionMap(materials: [.switching(material)], cellMaterial: Array(repeating: 0, count: grid.cellCount),
                             regionNames: ["film"], cellRegion: Array(repeating: 0, count: grid.cellCount), regionMaterial: [0])
        }
        let passive = PassiveMaterial(name: "substrate", transport: ConductivityTransport(
            conductivity: layer.electricalConductivity, thermalConductivity: layer.thermalConductivity,
            heatCapacity: layer.heatCapacity))
        let index = (0..<grid.cellCount).map { Int32(grid.center($0).2 >= layer.thickness ? 0 : 1) }
        return RegionMap(materials: [.switching(material), .passive(passive)], cellMaterial: index,
                         regionNames: ["film", "substrate"], cellRegion: index, regionMaterial: [0, 1])
    }
}

/// A thermal boundary resistance between two regions: every interior face with one cell in
/// each carries R_b (m²·K/W) in series with its two half-cell conductances.
public struct RegionInterface: Sendable, Equatable {
    /// Region indices (into `RegionMap.regionNames`).
    public var regions: (Int, Int)
    /// Area-specific thermal boundary resistance R_b in m²·K/W.
    public var resistance: Double

    public init(regions: (Int, Int), resistance: Double) {
        self.regions = regions
        self.resistance = resistance
    }

    public static func == (a: RegionInterface, b: RegionInterface) -> Bool {
        a.regions == b.regions && a.resistance == b.resistance
    }
}

extension RegionMap {
    /// The faces that carry a thermal boundary resistance and its value (m²·K/W).
    public func boundaryResistances(_ faces: InteriorFaces) -> (faces: [Int], resistance: [Double]) {
        guard !interfaces.isEmpty else { return ([], []) }
        var lookup: [Int: Double] = [:]
        let n = regionNames.count
        for i in interfaces {
            lookup[i.regions.0 * n + i.regions.1] = i.resistance
            lookup[i.regions.1 * n + i.regions.0] = i.resistance
        }
        var list: [Int] = [], values: [Double] = []
        for f in 0..<faces.count {
            let a = Int(cellRegion[faces.owner[f]]), b = Int(cellRegion[faces.neighbor[f]])
            if a != b, let r = lookup[a * n + b] { list.append(f); values.append(r) }
        }
        return (list, values)
    }
}
