import Foundation
import Materials
import Solvers

/// What `filament check` prints about a device built from regions: every region with its
/// material and cell count as it landed on the mesh, every material, and every interface
/// between regions (cell faces and area).
struct RegionReport {
    let model: DiscreteModel

    var lines: [String] {
        guard let map = model.problem.regions else { return [] }
        var out: [String] = []
        let counts = map.cellCounts
        let grid = model.grid
        let (scale, unit) = Self.lengthUnit(max(grid.x.length, grid.y.length, grid.z.length))
        var volume = [Double](repeating: 0, count: map.regionNames.count)
        for c in 0..<model.grid.cellCount { volume[Int(map.cellRegion[c])] += model.grid.volume(c) }
        for (r, name) in map.regionNames.enumerated() {
            out.append(String(format: "region %@: material %@, %d cells, %.4g %@³", "'\(name)'",
                              "'\(map.materials[map.regionMaterial[r]].name)'", counts[r], volume[r] * pow(scale, 3), unit))
        }
        for material in map.materials { out.append("material " + describe(material)) }
        var interfaces: [String: (faces: Int, area: Double)] = [:]
        let faces = model.faces
        for f in 0..<faces.count {
            let a = Int(map.cellRegion[faces.owner[f]]), b = Int(map.cellRegion[faces.neighbor[f]])
            guard a != b else { continue }
            let key = "'\(map.regionNames[min(a, b)])' | '\(map.regionNames[max(a, b)])'"
            let old = interfaces[key] ?? (0, 0)
            interfaces[key] = (old.faces + 1, old.area + faces.area[f])
        }
        var resistance: [String: Double] = [:]
        for i in map.interfaces {
            let (a, b) = i.regions
            resistance["'\(map.regionNames[min(a, b)])' | '\(map.regionNames[max(a, b)])'"] = i.resistance
        }
        for (key, value) in interfaces.sorted(by: { $0.key < $1.key }) {
            let rb = resistance[key].map { String(format: ", thermal boundary resistance R_b = %.4g m²·K/W", $0) } ?? ", no thermal boundary resistance"
            out.append(String(format: "interface %@: %d cell faces, %.4g %@²", key, value.faces, value.area * scale * scale, unit) + rb)
        }
        if interfaces.isEmpty { out.append("no interfaces between regions") }
        return out
    }

    /// mm for devices of 0.1 mm and more, µm below.
    static func lengthUnit(_ size: Double) -> (scale: Double, unit: String) {
        size >= 1e-4 ? (1e3, "mm") : (1e6, "µm")
    }

    func describe(_ material: DeviceMaterial) -> String {
        switch material {
        case let .switching(m):
            return "'\(m.name)': switching, T_IMT = \(m.insulatorToMetalTemperature) K, T_MIT = \(m.metalToInsulatorTemperature) K"
        case let .passive(m):
            let t = m.transport
            let law: String
            switch t {
            case let l as LinearResistivityTransport:
                law = String(format: "ρ = %.4g Ω·m × [1 + %.4g/K (T − %.6g K)]", l.resistivityAtReference, l.temperatureCoefficient,
                             l.referenceTemperature)
            case let tab as TabulatedTransport:
                law = "tabulated \(tab.temperatureRange.lowerBound)…\(tab.temperatureRange.upperBound) K"
            default:
                law = String(format: "ρ = %.4g Ω·m", t.resistivity(at: 300))
            }
            let reference = t.temperatureRange.contains(300) ? 300.0 : t.temperatureRange.lowerBound
            return String(format: "'%@': passive, %@, at %.6g K: S = %.4g µV/K, κ = %.4g W/(m·K), c = %.4g J/(m³·K)",
                          m.name, law, reference, t.seebeck(at: reference) * 1e6, t.thermalConductivity(at: reference),
                          t.heatCapacity(at: reference))
        }
    }
}
