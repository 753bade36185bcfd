import Mesh

/// Every boundary cell face that carries heat or current, as flat arrays.
///
/// A face is listed when its thermal condition is not adiabatic or when it belongs to an
/// electrode. Thermal patches are applied in order (later ones win); a face may belong to
/// at most one electrode.
public struct BoundaryFaces: Sendable {
    public let cell: [Int]
    public let area: [Double]
    /// Cell centre to face distance (m).
    public let distance: [Double]
    public let face: [BoundaryFace]
    public let thermal: [ThermalBoundaryCondition]
    /// Index of the thermal boundary (in the problem's list) that set the condition, −1 = default adiabatic.
    public let thermalOwner: [Int]
    /// Index into the problem's electrode list, or −1.
    public let electrode: [Int]

    public enum BuildError: Error, CustomStringConvertible, Equatable {
        case emptyElectrode(name: String)
        case overlappingElectrodes(String, String)

        public var description: String {
            switch self {
            case let .emptyElectrode(name):
                return "electrode '\(name)' covers no boundary cell face: enlarge it or refine the mesh"
            case let .overlappingElectrodes(a, b):
                return "electrodes '\(a)' and '\(b)' overlap"
            }
        }
    }

    public init(grid: RectilinearGrid, thermal boundaries: [ThermalBoundary], electrodes: [Electrode]) throws {
        struct Key: Hashable { let face: BoundaryFace; let cell: Int }
        var conditions: [Key: (ThermalBoundaryCondition, Int)] = [:]
        var owners: [Key: Int] = [:]
        var geometry: [Key: BoundaryCellFace] = [:]
        for (b, boundary) in boundaries.enumerated() {
            for f in grid.boundaryCellFaces(in: boundary.patch) {
                let key = Key(face: f.face, cell: f.cell)
                conditions[key] = (boundary.condition, b)
                geometry[key] = f
            }
        }
        for (e, electrode) in electrodes.enumerated() {
            let faces = grid.boundaryCellFaces(in: electrode.patch)
            if faces.isEmpty { throw BuildError.emptyElectrode(name: electrode.name) }
            for f in faces {
                let key = Key(face: f.face, cell: f.cell)
                if let other = owners[key] {
                    throw BuildError.overlappingElectrodes(electrodes[other].name, electrode.name)
                }
                owners[key] = e
                geometry[key] = f
            }
        }
        let keys = geometry.keys.filter { key in
            owners[key] != nil || (conditions[key].map { $0.0 != .adiabatic } ?? false)
        }.sorted { ($0.face.rawValue, $0.cell) < ($1.face.rawValue, $1.cell) }
        cell = keys.map { $0.cell }
        area = keys.map { geometry[$0]!.area }
        distance = keys.map { geometry[$0]!.centerToFace }
        face = keys.map { $0.face }
        thermal = keys.map { conditions[$0]?.0 ?? .adiabatic }
        thermalOwner = keys.map { conditions[$0]?.1 ?? -1 }
        electrode = keys.map { owners[$0] ?? -1 }
    }

    public var count: Int { cell.count }

    /// Thermal conductance (W/K) between the cell centre and the outside for face `b`,
    /// and the outside temperature; nil for an adiabatic face.
    @inlinable
    public func thermalLink(_ b: Int, cellConductivity kappa: Double) -> (conductance: Double, outside: Double)? {
        switch thermal[b] {
        case .adiabatic: return nil
        case let .fixedTemperature(t): return (kappa * area[b] / distance[b], t)
        case let .heatTransfer(h, sink): return (area[b] / (distance[b] / kappa + 1 / h), sink)
        }
    }

    /// Temperature on face `b` given the temperature of the cell behind it (K).
    @inlinable
    public func faceTemperature(_ b: Int, cellTemperature tP: Double, cellConductivity kappa: Double) -> Double {
        switch thermal[b] {
        case .adiabatic: return tP
        case let .fixedTemperature(t): return t
        case let .heatTransfer(h, sink):
            let g = kappa / distance[b]
            return (g * tP + h * sink) / (g + h)
        }
    }

    /// d T_face / d T_cell: how strongly the face temperature follows the cell.
    @inlinable
    public func faceTemperatureWeight(_ b: Int, cellConductivity kappa: Double) -> Double {
        switch thermal[b] {
        case .adiabatic: return 1
        case .fixedTemperature: return 0
        case let .heatTransfer(h, _):
            let g = kappa / distance[b]
            return g / (g + h)
        }
    }
}
