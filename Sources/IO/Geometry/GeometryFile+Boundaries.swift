import Foundation
import Mesh
import Discretization

/// Where a patch lies along one tangential axis, in file coordinates (m; z measured from the
/// bottom of the film, so 0 … h whatever the substrate).
enum Span: Equatable {
    /// The whole extent of the face (key absent).
    case whole
    /// From a to b (a < b): `x = ["0 mm", "0.1 mm"]`.
    case range(Double, Double)
    /// One cell wide around a position: `y = "0.5 mm"` (a line or point electrode).
    case position(Double)
}

extension Reader {
    static let faceNames = BoundaryFace.allCases.map(\.rawValue)

    /// Extent of an axis in file coordinates.
    func extent(_ axis: Axis) -> Double {
        switch axis {
        case .x: return length
        case .y: return width
        case .z: return thickness
        }
    }

    /// Offset from file to grid coordinates (the substrate below the film along z).
    func offset(_ axis: Axis) -> Double { axis == .z ? (substrate?.thickness ?? 0) : 0 }

    func axisName(_ axis: Axis) -> String { ["x", "y", "z"][axis.rawValue] }

    func face(_ t: ConfigTable) throws -> BoundaryFace {
        BoundaryFace(rawValue: try t.choice("face", Self.faceNames))!
    }

    /// Reads the span along `axis` of a patch on `face`.
    func span(_ t: ConfigTable, _ axis: Axis, allowPosition: Bool) throws -> Span {
        let key = axisName(axis)
        guard let value = t.value(key) else { return .whole }
        let limit = extent(axis)
        let allowed = regionFile
            ? "allowed 0 … \(format(limit)) (the domain's \(["length", "width", "height"][axis.rawValue]))"
            : "allowed 0 … \(format(limit)) (the film's \(["length", "width", "thickness"][axis.rawValue]))"
        func coordinate(_ v: Any?, _ label: String) throws -> Double {
            guard let text = v as? String else {
                throw t.error(key, "expected a length string such as \"0.1 mm\" or a pair [\"0 mm\", \"0.1 mm\"]")
            }
            let q: Quantity
            do { q = try Quantity.parse(text) } catch { throw t.error(key, "\(error); expected \(PhysicalDimension.length.name)") }
            guard q.dimension == .length else {
                throw t.error(key, "\"\(text)\" is \(q.dimension.kind); expected \(PhysicalDimension.length.name)")
            }
            let tolerance = 1e-9 * limit
            guard q.value >= -tolerance, q.value <= limit + tolerance else {
                throw t.error(key, "\(label) \(format(q.value)) \(regionFile ? "lies outside the domain" : "lies off the film"); \(allowed)")
            }
            return min(max(q.value, 0), limit)
        }
        if let text = value.string {
            guard allowPosition else {
                throw t.error(key, "a single position is not allowed here; give a range [\"a\", \"b\"] or leave the key out (whole face)")
            }
            return .position(try coordinate(text, "position"))
        }
        guard let array = value.array, array.count == 2 else {
            throw t.error(key, "expected a position \"0.5 mm\" or a range [\"0 mm\", \"0.1 mm\"] (two lengths)")
        }
        let a = try coordinate(array[0].string, "start"), b = try coordinate(array[1].string, "end")
        guard b > a else {
            throw t.error(key, "the range \(format(a)) … \(format(b)) has a size \(format(b - a)) ≤ 0; allowed: start < end")
        }
        return .range(a, b)
    }

    /// Grid-coordinate range of a span (nil = whole face), snapping positions and too-narrow
    /// ranges to whole cells.
    func gridRange(_ span: Span, _ axis: Axis, filmOnly: Bool) -> ClosedRange<Double>? {
        let s = grid.spacing(axis), o = offset(axis)
        let tolerance = 1e-9 * max(grid.x.length, grid.y.length, grid.z.length)
        func cells(overlapping a: Double, _ b: Double, strict: Bool) -> [Int] {
            (0..<s.cellCount).filter { i in
                strict ? s.edges[i] < b - tolerance && s.edges[i + 1] > a + tolerance
                       : s.edges[i] <= b + tolerance && s.edges[i + 1] >= a - tolerance
            }
        }
        /// The centres of the first and last chosen cell, or of the cell nearest to `x`.
        func centres(of chosen: [Int], nearest x: Double) -> ClosedRange<Double> {
            guard let first = chosen.first, let last = chosen.last else {
                let i = (0..<s.cellCount).min { abs(s.center($0) - x) < abs(s.center($1) - x) } ?? 0
                return s.center(i)...s.center(i)
            }
            return s.center(first)...s.center(last)
        }
        switch span {
        case .whole:
            return filmOnly && axis == .z && o > 0 ? o...(o + thickness) : nil
        case let .range(a, b):
            let inside = (0..<s.cellCount).filter { s.center($0) >= a + o - tolerance && s.center($0) <= b + o + tolerance }
            var chosen = inside.isEmpty ? cells(overlapping: a + o, b + o, strict: true) : inside
            // A range narrower than the tolerance overlaps no cell strictly: take the cell(s) it touches.
            if chosen.isEmpty { chosen = cells(overlapping: a + o, b + o, strict: false) }
            return centres(of: chosen, nearest: 0.5 * (a + b) + o)
        case let .position(c):
            return centres(of: cells(overlapping: c + o, c + o, strict: false), nearest: c + o)
        }
    }

    /// File-coordinate interval of a span for overlap tests (a position is a point).
    func interval(_ span: Span, _ axis: Axis) -> ClosedRange<Double> {
        switch span {
        case .whole: return 0...extent(axis)
        case let .range(a, b): return a...b
        case let .position(c): return c...c
        }
    }

    func readElectrodes() throws -> [Electrode] {
        let tables = try root.tables("electrode")
        guard tables.count >= 2 else {
            throw GeometryError(file: file, key: "[[electrode]]", message: "found \(tables.count) electrode(s); a device needs at least two [[electrode]] tables")
        }
        var electrodes: [Electrode] = []
        var spans: [(BoundaryFace, [Span])] = []
        for (i, t) in tables.enumerated() {
            let name = try t.string("name", default: "electrode\(i + 1)")
            if electrodes.contains(where: { $0.name == name }) { throw t.error("name", "\"\(name)\" is used by another electrode; names must be unique") }
            let face = try face(t)
            if face == .zMin, substrate != nil {
                throw t.error("face", "z_min is the bottom of the substrate, not of the film; allowed with a [substrate]: x_min, x_max, y_min, y_max, z_max")
            }
            let shape = try t.choice("shape", ["rectangle", "line", "point"], default: "rectangle")
            let (ua, va) = face.tangentialAxes
            let normalKey = axisName(face.axis)
            if t.value(normalKey) != nil {
                throw t.error(normalKey, "face \(face.rawValue) is normal to \(normalKey); give positions along \(axisName(ua)) and \(axisName(va)) only")
            }
            var su = try span(t, ua, allowPosition: shape != "rectangle")
            var sv = try span(t, va, allowPosition: shape != "rectangle")
            let host = try hostRegion(t, face: face)
            if let host {
                if su == .whole { su = .range(host.lower[ua.rawValue], host.upper[ua.rawValue]) }
                if sv == .whole { sv = .range(host.lower[va.rawValue], host.upper[va.rawValue]) }
            }
            let positions = [su, sv].filter { if case .position = $0 { return true } else { return false } }.count
            let ranges = [su, sv].filter { if case .range = $0 { return true } else { return false } }.count
            switch shape {
            case "line" where !(positions == 1 && ranges == 1):
                throw t.error("shape", "a line needs a range along one axis and a single position along the other, e.g. \(axisName(ua)) = [\"0 mm\", \"0.1 mm\"], \(axisName(va)) = \"0.5 mm\"")
            case "point" where positions != 2:
                throw t.error("shape", "a point needs single positions along both \(axisName(ua)) and \(axisName(va)), e.g. \(axisName(ua)) = \"0.05 mm\"")
            default: break
            }
            let patch = FacePatch(face: face, uRange: gridRange(su, ua, filmOnly: true), vRange: gridRange(sv, va, filmOnly: true))
            let drive = try readElectrodeDrive(t)
            let seebeck = try t.quantity("seebeck", .seebeck, default: 0, range: -1...1)
            try t.finish()
            let covered = Set(grid.boundaryCellFaces(in: patch).map(\.cell))
            if covered.isEmpty {
                throw GeometryError(file: file, key: t.path, message: "electrode '\(name)' covers no boundary cell face on this mesh; enlarge it or refine the mesh")
            }
            try checkElectrodeCells(covered, electrode: name, host: host, path: t.path)
            for (j, other) in electrodes.enumerated() where spans[j].0 == face {
                let geometric = zip([su, sv], spans[j].1).enumerated().allSatisfy { k, pair in
                    let axis = k == 0 ? ua : va
                    let a = interval(pair.0, axis), b = interval(pair.1, axis)
                    let overlap = min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound)
                    let degenerate = a.lowerBound == a.upperBound || b.lowerBound == b.upperBound
                    return degenerate ? overlap >= 0 : overlap > 1e-12 * extent(axis)
                }
                let shared = !covered.isDisjoint(with: grid.boundaryCellFaces(in: other.patch).map(\.cell))
                if geometric || shared {
                    throw GeometryError(file: file, key: t.path, message: "electrode '\(name)' overlaps electrode '\(other.name)' on face \(face.rawValue)\(geometric ? "" : " on this mesh (they share a cell face; refine the mesh or move them apart)"); electrodes must not share area")
                }
            }
            electrodes.append(Electrode(name: name, patch: patch, seebeck: seebeck, drive: drive))
            spans.append((face, [su, sv]))
        }
        guard electrodes.contains(where: { $0.drive.holdsPotential }) else {
            throw GeometryError(file: file, key: "[[electrode]]", message: "no electrode holds a potential, so the potential is undetermined; give one electrode role = \"ground\" or potential = \"0 V\"")
        }
        return electrodes
    }

    /// `region = "NAME"` of an electrode in a region file: the region whose face on the
    /// domain's outer `face` carries the electrode (its extent is the default patch).
    func hostRegion(_ t: ConfigTable, face: BoundaryFace) throws -> RegionBox? {
        guard !regionBoxes.isEmpty, t.has("region") else { return nil }
        let name = try t.string("region")
        guard let box = regionBoxes.first(where: { $0.name == name }) else {
            throw t.error("region", "\"\(name)\" is not a region; regions: \(regionBoxes.map(\.name).joined(separator: ", "))")
        }
        let a = face.axis.rawValue
        let bound = face.isUpper ? box.upper[a] : box.lower[a]
        let outer = face.isUpper ? extent(face.axis) : 0
        guard abs(bound - outer) <= 1e-9 * extent(face.axis) else {
            throw t.error("face", "region '\(name)' has no face on \(face.rawValue): its \(face.isUpper ? "upper" : "lower") \(axisName(face.axis)) bound is \(format(bound)), the domain's \(format(outer)); electrodes sit on the outer faces of the domain")
        }
        return box
    }

    /// In a region file the cells behind an electrode must belong to its region (when named)
    /// and never to the fill.
    func checkElectrodeCells(_ cells: Set<Int>, electrode: String, host: RegionBox?, path: String) throws {
        guard let map = regionMap else { return }
        let hostIndex = host.flatMap { h in map.regionNames.firstIndex(of: h.name) }
        for c in cells.sorted() {
            let r = Int(map.cellRegion[c])
            let name = map.regionNames[r]
            if let hostIndex, r != hostIndex {
                throw GeometryError(file: file, key: path, message: "electrode '\(electrode)' reaches cells of region '\(name)', not of its region '\(host!.name)' (no face of '\(host!.name)' there on this mesh); narrow the electrode to the region's face")
            }
            if name == "fill" && r == map.regionNames.count - 1 && fill != nil {
                throw GeometryError(file: file, key: path, message: "electrode '\(electrode)' lies on cells of the fill material ('\(fill!)'), on a face no region has; place it on a region's face (region = \"NAME\")")
            }
        }
    }

    func readElectrodeDrive(_ t: ConfigTable) throws -> ElectrodeDrive {
        let kinds = ["role", "potential", "current", "source_voltage"].filter { t.has($0) }
        guard kinds.count == 1 else {
            throw t.error(kinds.isEmpty ? "drive" : kinds.joined(separator: "/"),
                          "give exactly one of role = \"ground\", potential = \"… V\", current = \"… A\", or source_voltage = \"… V\" with load_resistance = \"… ohm\"")
        }
        switch kinds[0] {
        case "role":
            _ = try t.choice("role", ["ground"])
            return .potential(0)
        case "potential":
            return .potential(try t.quantity("potential", .voltage, range: -1e6...1e6))
        case "current":
            return .current(try t.quantity("current", .current, range: -1e6...1e6))
        default:
            let v = try t.quantity("source_voltage", .voltage, range: -1e6...1e6)
            let r = try t.quantity("load_resistance", .resistance, range: 0...Double.greatestFiniteMagnitude, exclusiveLower: true)
            return .source(voltage: v, loadResistance: r)
        }
    }

    func readThermal() throws -> [ThermalBoundary] {
        let tables = try root.tables("thermal")
        var result: [ThermalBoundary] = []
        for (i, t) in tables.enumerated() {
            let face = try face(t)
            let (ua, va) = face.tangentialAxes
            let normalKey = axisName(face.axis)
            if t.value(normalKey) != nil {
                throw t.error(normalKey, "face \(face.rawValue) is normal to \(normalKey); give ranges along \(axisName(ua)) and \(axisName(va)) only")
            }
            let su = try span(t, ua, allowPosition: false), sv = try span(t, va, allowPosition: false)
            let name = try t.string("name", default: su == .whole && sv == .whole ? face.rawValue : "thermal\(i + 1)")
            if result.contains(where: { $0.name == name }) { throw t.error("name", "\"\(name)\" is used by another [[thermal]]; names must be unique") }
            let condition: ThermalBoundaryCondition
            switch try t.choice("condition", ["fixed_temperature", "heat_transfer", "adiabatic"]) {
            case "fixed_temperature":
                condition = .fixedTemperature(try t.quantity("temperature", .temperature, range: 0...1e5, exclusiveLower: true))
            case "heat_transfer":
                condition = .heatTransfer(
                    coefficient: try t.quantity("coefficient", .heatTransferCoefficient, range: 0...Double.greatestFiniteMagnitude, exclusiveLower: true),
                    sinkTemperature: try t.quantity("sink_temperature", .temperature, range: 0...1e5, exclusiveLower: true))
            default:
                condition = .adiabatic
            }
            try t.finish()
            let patch = FacePatch(face: face, uRange: gridRange(su, ua, filmOnly: false), vRange: gridRange(sv, va, filmOnly: false))
            if grid.boundaryCellFaces(in: patch).isEmpty {
                throw GeometryError(file: file, key: t.path, message: "thermal patch '\(name)' covers no boundary cell face on this mesh; enlarge it or refine the mesh")
            }
            result.append(ThermalBoundary(name: name, patch: patch, condition: condition))
        }
        guard result.contains(where: { $0.condition != .adiabatic }) else {
            throw GeometryError(file: file, key: "[[thermal]]", message: "no heat sink: every face is adiabatic, so the steady temperature is undetermined; add a [[thermal]] with condition = \"fixed_temperature\" or \"heat_transfer\" (e.g. the substrate, face = \"z_min\")")
        }
        return result
    }
}

func format(_ metres: Double) -> String {
    let a = abs(metres)
    if a == 0 { return "0 m" }
    if a >= 1e-3 { return "\(round6(metres * 1e3)) mm" }
    if a >= 1e-6 { return "\(round6(metres * 1e6)) um" }
    return "\(round6(metres * 1e9)) nm"
}

private func round6(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
