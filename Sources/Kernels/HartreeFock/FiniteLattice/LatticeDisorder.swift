import Foundation

extension LatticeSample {
    /// Site energies with a square island of `size` × `size` lattice sites (in lattice coordinates
    /// n_x, n_y, so a diamond in the (11) cut) at Δε = `energy`, centred on the site nearest to the
    /// sample centre (HF Fig. 2: 5 × 5, Δε = 1.5t).
    public func islandEnergies(size: Int, energy: Double) -> [Double] {
        var e = [Double](repeating: 0, count: siteCount)
        guard size > 0 else { return e }
        let centre = latticeCoordinates(nearestSite(x: 0, y: 0))
        let low = -(size - 1) / 2, high = size / 2
        for s in 0..<siteCount {
            let (nx, ny) = latticeCoordinates(s)
            if (low...high).contains(nx - centre.nx) && (low...high).contains(ny - centre.ny) { e[s] = energy }
        }
        return e
    }

    /// Site energies with round(c·N) impurities at Δε = `energy` on distinct random sites
    /// (HF Fig. 3–4), drawn with a SplitMix64 generator from `seed` (same seed, same sample).
    public func impurityEnergies(concentration c: Double, energy: Double, seed: UInt64) -> [Double] {
        var e = [Double](repeating: 0, count: siteCount)
        let count = Int((c * Double(siteCount)).rounded())
        guard count > 0 else { return e }
        var generator = SplitMix64(seed: seed)
        var order = Array(0..<siteCount)
        for i in 0..<count {  // partial Fisher–Yates shuffle
            let j = i + Int(generator.next() % UInt64(siteCount - i))
            order.swapAt(i, j)
            e[order[i]] = energy
        }
        return e
    }
}

/// SplitMix64 (Steele, Lea, Flood, OOPSLA 2014): a small reproducible 64-bit generator.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
