/// A scalar field with one value per cell of a `RectilinearGrid` (cell-centred, x fastest).
public struct CellField: Sendable, Equatable {
    public let name: String
    /// Unit of the values, e.g. "K" or "V" (written into every output).
    public let unit: String
    public var values: [Double]

    public init(name: String, unit: String, values: [Double]) {
        self.name = name
        self.unit = unit
        self.values = values
    }

    public init(name: String, unit: String, constant: Double, grid: RectilinearGrid) {
        self.init(name: name, unit: unit, values: Array(repeating: constant, count: grid.cellCount))
    }

    public var maximum: Double { values.max() ?? .nan }

    /// Volume-weighted mean over the grid.
    public func volumeMean(on grid: RectilinearGrid) -> Double {
        var sum = 0.0
        for c in 0..<values.count { sum += values[c] * grid.volume(c) }
        return sum / grid.totalVolume
    }
}
