import Foundation
import Mesh
import Materials
import Solvers

/// One `[[region]]`: a named box (file coordinates, m) of one material, with optional mesh
/// specifications per axis for its own extent.
struct RegionBox {
    var name: String
    var material: String
    var lower: [Double]
    var upper: [Double]
    var mesh: [Axis: AxisSpec]
    var path: String
}

/// `{ cells = N, ratio = r, toward = "…" }` of one axis.
struct AxisSpec {
    var cells: Int
    var ratio: Double
    var toward: AxisSpacing.Refinement
}

/// A material of `[materials.NAME]` and where it came from (for messages and range checks).
struct NamedMaterial {
    var material: DeviceMaterial
    var path: String
    /// The temperature range a tabulated passive material covers (nil: unbounded).
    var tableRange: ClosedRange<Double>?
}

extension Reader {
    /// `[materials.NAME]`: switching (T_IMT with [….insulator]/[….metal], or a kernel
    /// material table) or passive (constants, a linear ρ(T), or a passive table).
    func readMaterials() throws -> [String: NamedMaterial] {
        guard let all = try root.table("materials") else {
            throw GeometryError(file: file, key: "[materials]", message: "a file with [[region]] tables names its materials in [materials.NAME] tables (e.g. [materials.copper] resistivity = \"1.7e-8 ohm*m\" …)")
        }
        var result: [String: NamedMaterial] = [:]
        for (name, m) in try all.namedTables() {
            if m.has("T_IMT") || m.has("insulator") || m.has("metal") {
                result[name] = NamedMaterial(material: .switching(try switchingMaterial(m, name: name)), path: m.path)
            } else if m.has("table") {
                let path = try m.string("table")
                let url = URL(fileURLWithPath: path, relativeTo: baseDirectory)
                if Self.isKernelTable(url) {
                    var material = try switchingMaterial(m, name: name)
                    material.name = name
                    result[name] = NamedMaterial(material: .switching(material), path: m.path)
                    continue
                }
                let heat = try m.quantity("heat_capacity", .volumetricHeatCapacity, default: 0, range: 0...1e12)
                try m.finish()
                let table: PhaseTable
                do { table = try PassiveTableFile.read(url) } catch { throw m.error("table", "\"\(path)\": \(error)") }
                var phase = table
                if heat > 0, phase.heatCapacity == nil { phase.heatCapacity = .constant(heat) }
                let transport = TabulatedTransport(phase, phase: name)
                result[name] = NamedMaterial(material: .passive(PassiveMaterial(name: name, transport: transport)),
                                             path: m.path + ".table", tableRange: transport.temperatureRange)
            } else {
                result[name] = NamedMaterial(material: .passive(try passiveConstants(m, name: name)), path: m.path)
            }
        }
        guard !result.isEmpty else {
            throw GeometryError(file: file, key: "[materials]", message: "no material defined; add at least one [materials.NAME] table")
        }
        return result
    }

    static func isKernelTable(_ url: URL) -> Bool {
        guard url.pathExtension.lowercased() == "json", let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["format"] as? String == MaterialTable.formatName
    }

    /// Passive constants, optionally with ρ(T) = ρ0 [1 + α (T − T_ref)].
    func passiveConstants(_ m: ConfigTable, name: String) throws -> PassiveMaterial {
        let positive = 0...Double.greatestFiniteMagnitude
        guard m.has("resistivity"), m.has("thermal_conductivity") else {
            let missing = ["resistivity", "thermal_conductivity"].filter { !m.has($0) }
            throw m.error(missing[0], "missing; a passive material needs resistivity and thermal_conductivity (seebeck, heat_capacity, resistivity_temperature_coefficient optional), or table = \"file.csv\"; a switching one T_IMT with [\(m.path).insulator] and [\(m.path).metal]")
        }
        let rho = try m.quantity("resistivity", .resistivity, range: positive, exclusiveLower: true)
        let seebeck = try m.quantity("seebeck", .seebeck, default: 0, range: -1...1)
        let kappa = try m.quantity("thermal_conductivity", .thermalConductivity, range: positive, exclusiveLower: true)
        let c = try m.quantity("heat_capacity", .volumetricHeatCapacity, default: 2e6, range: positive, exclusiveLower: true)
        let alpha = try m.quantity("resistivity_temperature_coefficient", PhysicalDimension(K: -1), default: 0, range: -1...1)
        let transport: any PhaseTransport
        if alpha != 0 {
            guard m.has("reference_temperature") else {
                throw m.error("reference_temperature", "missing; resistivity_temperature_coefficient needs the temperature T_ref at which ρ = resistivity, e.g. reference_temperature = \"300 K\"")
            }
            let tRef = try m.quantity("reference_temperature", .temperature, range: 0...1e5, exclusiveLower: true)
            transport = LinearResistivityTransport(resistivity: rho, temperatureCoefficient: alpha, referenceTemperature: tRef,
                                                   seebeck: seebeck, thermalConductivity: kappa, heatCapacity: c)
        } else {
            if m.has("reference_temperature") {
                _ = try m.quantity("reference_temperature", .temperature, range: 0...1e5, exclusiveLower: true)
            }
            transport = ConstantTransport(resistivity: rho, seebeck: seebeck, thermalConductivity: kappa, heatCapacity: c)
        }
        try m.finish()
        return PassiveMaterial(name: name, transport: transport)
    }

    /// `[[region]]` boxes in file order.
    func readRegionBoxes(_ materials: [String: NamedMaterial]) throws -> [RegionBox] {
        var boxes: [RegionBox] = []
        for (i, t) in try root.tables("region").enumerated() {
            let name = try t.string("name", default: "region\(i + 1)")
            if boxes.contains(where: { $0.name == name }) || name == "fill" {
                throw t.error("name", "\"\(name)\" is used twice (or is the reserved name \"fill\"); region names must be unique")
            }
            let material = try t.string("material")
            guard materials[material] != nil else {
                throw t.error("material", "\"\(material)\" is not defined; defined materials: \(materials.keys.sorted().joined(separator: ", "))")
            }
            var lower = [0.0, 0, 0], upper = [length, width, thickness]
            for axis in Axis.allCases {
                switch try span(t, axis, allowPosition: false) {
                case .whole, .position: break
                case let .range(a, b): lower[axis.rawValue] = a; upper[axis.rawValue] = b
                }
            }
            var specs: [Axis: AxisSpec] = [:]
            if let mesh = try t.table("mesh") {
                for axis in Axis.allCases {
                    if let spec = try axisSpec(mesh, axisName(axis)) { specs[axis] = spec }
                }
                try mesh.finish()
            }
            try t.finish()
            boxes.append(RegionBox(name: name, material: material, lower: lower, upper: upper, mesh: specs, path: t.path))
        }
        return boxes
    }

    func axisSpec(_ mesh: ConfigTable, _ name: String) throws -> AxisSpec? {
        guard let t = try mesh.table(name) else { return nil }
        let cells = try t.int("cells", range: 1...4000)
        let ratio = try t.double("ratio", default: 1, range: 1...100)
        let toward = try t.choice("toward", AxisSpacing.Refinement.allCases.map(\.rawValue), default: "none")
        try t.finish()
        return AxisSpec(cells: cells, ratio: ratio, toward: AxisSpacing.Refinement(rawValue: toward)!)
    }

    /// The mesh of a region file: along each axis the region boundaries are cell edges. Each
    /// piece between neighbouring boundaries takes the cells of the last region (file order)
    /// spanning it with a `mesh` entry for that axis — graded as given when the piece is the
    /// region's whole extent, else its share of the cells, uniform — and otherwise its share
    /// of `[mesh]`'s count for the whole axis. `--cells` scales every count by
    /// its ratio to `[mesh]`'s. Returns `[mesh]`'s counts after the override.
    mutating func readRegionMesh(_ boxes: [RegionBox]) throws -> [Int] {
        let mesh = try required("mesh")
        var axes: [AxisSpacing] = []
        var counts: [Int] = []
        for axis in Axis.allCases {
            let key = axisName(axis)
            guard let base = try axisSpec(mesh, key) else {
                throw mesh.error(key, "missing; expected an inline table, e.g. \(key) = { cells = 20 } (cells across the whole domain; regions may set their own in mesh = { \(key) = { … } })")
            }
            let n = cells?[axis.rawValue] ?? base.cells
            let scale = Double(n) / Double(base.cells)
            let extent = self.extent(axis)
            let tolerance = 1e-9 * extent
            var cuts = [0.0, extent]
            for b in boxes { cuts += [b.lower[axis.rawValue], b.upper[axis.rawValue]] }
            cuts.sort()
            var breaks: [Double] = []
            for c in cuts where breaks.last.map({ c - $0 > tolerance }) ?? true { breaks.append(c) }
            breaks[breaks.count - 1] = extent
            var edges = [0.0]
            for p in 0..<(breaks.count - 1) {
                let a = breaks[p], b = breaks[p + 1]
                let owner = boxes.last { box in
                    box.mesh[axis] != nil && box.lower[axis.rawValue] <= a + tolerance && box.upper[axis.rawValue] >= b - tolerance
                }
                var piece: AxisSpacing
                if let owner, let spec = owner.mesh[axis] {
                    let whole = owner.upper[axis.rawValue] - owner.lower[axis.rawValue]
                    let scaled = max(1, Int((Double(spec.cells) * scale).rounded()))
                    if abs(whole - (b - a)) <= tolerance {
                        piece = AxisSpacing.graded(length: b - a, cells: scaled, ratio: spec.ratio, toward: spec.toward)
                    } else {
                        piece = AxisSpacing.uniform(length: b - a, cells: max(1, Int((Double(scaled) * (b - a) / whole).rounded())))
                    }
                } else {
                    piece = AxisSpacing.uniform(length: b - a, cells: max(1, Int((Double(n) * (b - a) / extent).rounded())))
                }
                edges += piece.edges.dropFirst().map { $0 + a }
            }
            edges[edges.count - 1] = extent
            axes.append(AxisSpacing(edges: edges))
            counts.append(n)
        }
        try mesh.finish()
        grid = RectilinearGrid(x: axes[0], y: axes[1], z: axes[2])
        guard grid.cellCount <= 20_000_000 else {
            throw GeometryError(file: file, key: "[mesh]", message: "\(grid.cellCount) cells is more than the allowed 20,000,000")
        }
        return counts
    }

    /// Every cell takes the last region (file order) whose box contains its centre: later
    /// regions override earlier ones where they overlap. Cells in no region take the fill
    /// material. A region left with no cell is an error. Several switching materials may
    /// share a device, each cell switching at its own material's thresholds; the first by
    /// name is returned as the problem's reference material.
    func assignRegions(_ boxes: [RegionBox], materials: [String: NamedMaterial], fill: String?,
                       fillKey: String) throws -> (RegionMap, TwoPhaseMaterial?) {
        var names = materials.keys.sorted()
        let used = Set(boxes.map(\.material) + (fill.map { [$0] } ?? []))
        names = names.filter { used.contains($0) }
        let switching = names.filter { materials[$0]!.material.isSwitching }
        let materialIndex = [String: Int](uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let n = grid.cellCount
        var cellRegion = [Int32](repeating: -1, count: n)
        let tolerance = 1e-9 * max(length, width, thickness)
        for c in 0..<n {
            let (x, y, z) = grid.center(c)
            let p = [x, y, z]
            for (r, b) in boxes.enumerated().reversed()
            where (0..<3).allSatisfy({ p[$0] >= b.lower[$0] - tolerance && p[$0] <= b.upper[$0] + tolerance }) {
                cellRegion[c] = Int32(r)
                break
            }
        }
        var regionNames = boxes.map(\.name)
        var regionMaterial = boxes.map { materialIndex[$0.material]! }
        let uncovered = cellRegion.filter { $0 < 0 }.count
        if uncovered > 0 {
            guard let fill else {
                throw GeometryError(file: file, key: "[[region]]", message: "\(uncovered) of \(n) cells lie in no region; cover the whole domain with regions (e.g. a first region spanning it) or name a material for them with [domain] fill = \"MATERIAL\"")
            }
            regionNames.append("fill")
            regionMaterial.append(materialIndex[fill]!)
            for c in 0..<n where cellRegion[c] < 0 { cellRegion[c] = Int32(boxes.count) }
        }
        var counts = [Int](repeating: 0, count: regionNames.count)
        for r in cellRegion { counts[Int(r)] += 1 }
        for (r, b) in boxes.enumerated() where counts[r] == 0 {
            throw GeometryError(file: file, key: b.path, message: "region '\(b.name)' has no cell on this mesh: it is thinner than a cell or later regions cover it entirely; enlarge it, refine the mesh, or remove it")
        }
        let map = RegionMap(materials: names.map { materials[$0]!.material },
                            cellMaterial: cellRegion.map { Int32(regionMaterial[Int($0)]) },
                            regionNames: regionNames, cellRegion: cellRegion, regionMaterial: regionMaterial)
        if case let .switching(m)? = switching.first.map({ materials[$0]!.material }) { return (map, m) }
        return (map, nil)
    }

    /// A material table must cover every temperature the file names (start, sinks); the
    /// solver checks the converged state against the same range.
    func checkTableCoverage(_ materials: [String: NamedMaterial], used: Set<String>, temperatures: [(String, Double)]) throws {
        for (name, m) in materials where used.contains(name) {
            guard let range = m.tableRange else { continue }
            for (key, t) in temperatures where !range.contains(t) {
                throw GeometryError(file: file, key: m.path, message: "the table of material '\(name)' covers \(range.lowerBound) … \(range.upperBound) K, but \(key) = \(t) K lies outside it; extend the table to every temperature the run can reach")
            }
        }
    }
}

extension TwoPhaseMaterial {
    /// The placeholder of a device without any switching region (never evaluated: no cell
    /// uses it).
    static var noSwitchingMaterial: TwoPhaseMaterial {
        let unit = ConstantTransport(resistivity: 1, seebeck: 0, thermalConductivity: 1)
        return TwoPhaseMaterial(name: "none (no switching region)", insulator: unit, metal: unit,
                                insulatorToMetalTemperature: .greatestFiniteMagnitude,
                                metalToInsulatorTemperature: .greatestFiniteMagnitude)
    }
}
