import Mesh
import Materials

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
