import Foundation

/// A finite square-lattice sample between two leads, sliced perpendicular to the field for the
/// recursive Green's functions (HF main text, Fig. 2 inset: leads on the two ends, field along
/// the sample). Slices are numbered 0..<length along the field; each holds `width` sites.
///
/// - `.axial` (cut along (10)): slice i is the row n_y = i, site j sits at n_x = j; neighbours are
///   j ± 1 in the same row and the same j in the next row. Slice spacing 1.
/// - `.diagonal` (cut along (11)): slice i is the diagonal n_x + n_y = i, site j has
///   v = n_x − n_y = 2j + (i mod 2); each site hops to the two sites v ± 1 of the next diagonal
///   and to none in its own. Slice spacing 1/√2, site spacing along a slice √2. A sample of
///   80 × 15 sites is HF's (80a/√2) × (30a/√2) rectangle of 1200 sites.
///
/// `periodic` closes the sample in the transverse direction (a cylinder), which removes the edges
/// parallel to the field. Units: lattice constant a = 1, hopping t = 1.
public struct LatticeSample: Sendable, Equatable {
    public let cut: FieldDirection
    public let length: Int
    public let width: Int
    public let periodic: Bool

    /// One nearest-neighbour bond from site `from` (slice i) to `to` (slice i or i + 1), as site
    /// indices (slice·width + j).
    public struct Bond: Sendable, Equatable {
        public let from: Int
        public let to: Int
    }

    /// Bonds from slice i to slice i + 1 as pairs of in-slice indices (a in slice i, b in i + 1).
    let interSlice: [[(a: Int, b: Int)]]
    /// Bonds inside slice i (a → b), empty for the (11) cut.
    let intraSlice: [[(a: Int, b: Int)]]

    public init(cut: FieldDirection, length: Int, width: Int, periodic: Bool = false) throws {
        guard length >= 2, length <= 100_000 else {
            throw LatticeSampleError.invalid("length (slices along the field) must be in 2...100000, got \(length)")
        }
        guard width >= 1, width <= 400 else {
            throw LatticeSampleError.invalid("width (sites per slice) must be in 1...400, got \(width)")
        }
        if periodic && cut == .axial && (width < 2 || width % 2 != 0) {
            throw LatticeSampleError.invalid("a periodic (10) sample needs an even width ≥ 2 (Néel order), got \(width)")
        }
        if periodic && cut == .diagonal && width < 2 {
            throw LatticeSampleError.invalid("a periodic (11) sample needs width ≥ 2, got \(width)")
        }
        self.cut = cut
        self.length = length
        self.width = width
        self.periodic = periodic
        var inter = [[(a: Int, b: Int)]](), intra = [[(a: Int, b: Int)]]()
        for i in 0..<length {
            var pairs = [(a: Int, b: Int)]()
            var inSlice = [(a: Int, b: Int)]()
            switch cut {
            case .axial:
                if i + 1 < length { pairs = (0..<width).map { ($0, $0) } }
                for j in 0..<(width - 1) { inSlice.append((j, j + 1)) }
                if periodic && width > 2 { inSlice.append((width - 1, 0)) }
            case .diagonal:
                if i + 1 < length {
                    // v = 2j + p hops to v ± 1 on the next diagonal (parity 1 − p).
                    let offsets = i % 2 == 0 ? [0, -1] : [0, 1]
                    for j in 0..<width {
                        for o in offsets {
                            var b = j + o
                            if periodic { b = (b + width) % width } else if b < 0 || b >= width { continue }
                            if periodic && width == 2 && pairs.contains(where: { $0.a == j && $0.b == b }) { continue }
                            pairs.append((j, b))
                        }
                    }
                }
            }
            inter.append(pairs)
            intra.append(inSlice)
        }
        interSlice = inter
        intraSlice = intra
    }

    public static func == (x: LatticeSample, y: LatticeSample) -> Bool {
        x.cut == y.cut && x.length == y.length && x.width == y.width && x.periodic == y.periodic
    }

    public var siteCount: Int { length * width }

    /// Distance between neighbouring slices along the field: 1 for (10), 1/√2 for (11).
    public var sliceSpacing: Double { cut.potentialStepPerField }

    /// Sample width perpendicular to the field (site count times the in-slice spacing).
    public var transverseWidth: Double { Double(width) * (cut == .axial ? 1 : 2.0.squareRoot()) }

    /// Lattice coordinates (n_x, n_y) of site s = slice·width + j.
    public func latticeCoordinates(_ s: Int) -> (nx: Int, ny: Int) {
        let (i, j) = (s / width, s % width)
        switch cut {
        case .axial: return (j, i)
        case .diagonal:
            let v = 2 * j + i % 2
            return ((i + v) / 2, (i - v) / 2)
        }
    }

    /// Position in the sample frame: x across the field, y along it, centred on the sample.
    public func position(_ s: Int) -> (x: Double, y: Double) {
        let (i, j) = (s / width, s % width)
        let y = sliceSpacing * (Double(i) - 0.5 * Double(length - 1))
        switch cut {
        case .axial: return (Double(j) - 0.5 * Double(width - 1), y)
        case .diagonal:
            let v = Double(2 * j + i % 2)
            return ((v - Double(width - 1) - 0.5) / 2.0.squareRoot(), y)
        }
    }

    /// Néel sign (−1)^{n_x + n_y} of site s.
    public func staggeredSign(_ s: Int) -> Double {
        let (nx, ny) = latticeCoordinates(s)
        return (nx + ny) % 2 == 0 ? 1 : -1
    }

    /// Every bond once, oriented along +y (inter-slice) or +x (in-slice).
    public var bonds: [Bond] {
        var list = [Bond]()
        for i in 0..<length {
            for p in intraSlice[i] { list.append(Bond(from: i * width + p.a, to: i * width + p.b)) }
            for p in interSlice[i] { list.append(Bond(from: i * width + p.a, to: (i + 1) * width + p.b)) }
        }
        return list
    }

    /// Number of nearest neighbours of every site.
    public var coordination: [Int] {
        var z = [Int](repeating: 0, count: siteCount)
        for b in bonds {
            z[b.from] += 1
            z[b.to] += 1
        }
        return z
    }

    /// Site index of the site nearest to the sample-frame position (x, y).
    public func nearestSite(x: Double, y: Double) -> Int {
        (0..<siteCount).min { a, b in
            let (pa, pb) = (position(a), position(b))
            return hypot(pa.x - x, pa.y - y) < hypot(pb.x - x, pb.y - y)
        } ?? 0
    }
}

public enum LatticeSampleError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    public var description: String {
        switch self { case .invalid(let s): return s }
    }
}
