import Discretization
import Solvers

extension Reader {
    /// `[[interface]] between = ["A", "B"], thermal_boundary_resistance = "1e-8 m^2*K/W"`:
    /// a thermal boundary resistance R_b on every cell face between regions A and B (region
    /// names, or "fill"). R_b enters each face's thermal conductance in series; the electrical
    /// path is unchanged.
    func readInterfaces(_ map: RegionMap) throws -> [RegionInterface] {
        var result: [RegionInterface] = []
        let tables = try root.tables("interface")
        for t in tables {
            let names = try regionPair(t, map)
            let r = try t.quantity("thermal_boundary_resistance", .thermalBoundaryResistance, range: 0...1)
            try t.finish()
            let pair = (min(names.0, names.1), max(names.0, names.1))
            if result.contains(where: { $0.regions == pair }) {
                throw t.error("between", "the interface '\(map.regionNames[pair.0])' | '\(map.regionNames[pair.1])' is given twice; give each pair of regions once")
            }
            result.append(RegionInterface(regions: pair, resistance: r))
        }
        guard !result.isEmpty else { return [] }
        var probe = map
        probe.interfaces = result
        let faces = InteriorFaces(grid: grid)
        let carrying = probe.boundaryResistances(faces).faces
        for (t, i) in zip(tables, result) {
            let touches = carrying.contains { f in
                let a = Int(map.cellRegion[faces.owner[f]]), b = Int(map.cellRegion[faces.neighbor[f]])
                return (min(a, b), max(a, b)) == i.regions
            }
            if !touches {
                throw t.error("between", "regions '\(map.regionNames[i.regions.0])' and '\(map.regionNames[i.regions.1])' share no cell face on this mesh; an interface joins two touching regions")
            }
        }
        return result
    }

    private func regionPair(_ t: ConfigTable, _ map: RegionMap) throws -> (Int, Int) {
        let allowed = map.regionNames.map { "\"\($0)\"" }.joined(separator: ", ")
        guard let value = t.value("between") else {
            throw t.error("between", "missing; expected two region names, e.g. between = [\"film\", \"substrate\"] (regions: \(allowed))")
        }
        guard let array = value.array, array.count == 2,
              let a = array[0].string, let b = array[1].string else {
            throw t.error("between", "expected an array of two region names, got \(t.describe(value)); regions: \(allowed)")
        }
        var indices: [Int] = []
        for name in [a, b] {
            guard let i = map.regionNames.firstIndex(of: name) else {
                throw t.error("between", "\"\(name)\" is not a region of this file; regions: \(allowed)")
            }
            indices.append(i)
        }
        guard indices[0] != indices[1] else {
            throw t.error("between", "names region \"\(a)\" twice; an interface lies between two different regions")
        }
        return (indices[0], indices[1])
    }
}
