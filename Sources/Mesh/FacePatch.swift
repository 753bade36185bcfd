/// A rectangle on one outer face of the box, in the face's tangential coordinates (metres).
/// A boundary cell face belongs to the patch when its centre lies inside the rectangle
/// (edges inclusive up to a relative tolerance). A patch with no bounds covers the whole face.
public struct FacePatch: Sendable, Equatable {
    public var face: BoundaryFace
    /// Range along the first tangential axis (`face.tangentialAxes.0`); nil = whole extent.
    public var uRange: ClosedRange<Double>?
    /// Range along the second tangential axis; nil = whole extent.
    public var vRange: ClosedRange<Double>?

    public init(face: BoundaryFace, uRange: ClosedRange<Double>? = nil, vRange: ClosedRange<Double>? = nil) {
        self.face = face
        self.uRange = uRange
        self.vRange = vRange
    }

    public static func whole(_ face: BoundaryFace) -> FacePatch { FacePatch(face: face) }

    public func contains(u: Double, v: Double, tolerance: Double = 1e-12) -> Bool {
        if let r = uRange, u < r.lowerBound - tolerance || u > r.upperBound + tolerance { return false }
        if let r = vRange, v < r.lowerBound - tolerance || v > r.upperBound + tolerance { return false }
        return true
    }
}

/// One cell face on the outer boundary of the grid.
public struct BoundaryCellFace: Sendable, Equatable {
    public let face: BoundaryFace
    /// Index of the cell behind the face.
    public let cell: Int
    /// Face area in m².
    public let area: Double
    /// Distance from the cell centre to the face in m.
    public let centerToFace: Double
    /// Face-centre tangential coordinates (u, v) in m.
    public let u: Double
    public let v: Double
}

extension RectilinearGrid {
    /// All cell faces on the given outer face, in cell order.
    public func boundaryCellFaces(on face: BoundaryFace) -> [BoundaryCellFace] {
        let (ua, va) = face.tangentialAxes
        let su = spacing(ua), sv = spacing(va)
        let normal = spacing(face.axis)
        let layer = face.isUpper ? normal.cellCount - 1 : 0
        var result: [BoundaryCellFace] = []
        result.reserveCapacity(su.cellCount * sv.cellCount)
        for b in 0..<sv.cellCount {
            for a in 0..<su.cellCount {
                var ijk = [0, 0, 0]
                ijk[face.axis.rawValue] = layer
                ijk[ua.rawValue] = a
                ijk[va.rawValue] = b
                let cell = index(ijk[0], ijk[1], ijk[2])
                // cylindrical metric: r at the face for r faces, r at the cell centre for z faces
                let metric = face.axis == .x ? radialMetric(edge: face.isUpper ? nx : 0)
                    : (face.axis == .z ? radialMetric(center: ijk[0]) : 1)
                result.append(BoundaryCellFace(
                    face: face, cell: cell, area: su.width(a) * sv.width(b) * metric,
                    centerToFace: halfWidth(face.axis, ijk[0], ijk[1], ijk[2]), u: su.center(a), v: sv.center(b)))
            }
        }
        return result
    }

    /// The faces of `patch`, or an empty array when no face centre falls inside it.
    public func boundaryCellFaces(in patch: FacePatch) -> [BoundaryCellFace] {
        let scale = max(x.length, y.length, z.length)
        return boundaryCellFaces(on: patch.face).filter {
            patch.contains(u: $0.u, v: $0.v, tolerance: 1e-9 * scale)
        }
    }
}
