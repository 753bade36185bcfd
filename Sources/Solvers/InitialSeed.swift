/// A start for the first solve other than the uniform, all-insulating film: a way to break the
/// symmetry of a wide channel, whose symmetric (uniform) steady state on the negative-
/// differential-resistance branch is unstable (docs/geometry-format.md, `[initial]`).
public struct InitialSeed: Sendable, Equatable {
    /// Temperature of every cell at the start (K).
    public var temperature: [Double]
    /// Metal fraction φ of every cell at the start (0 … 1).
    public var metalFraction: [Double]

    public init(temperature: [Double], metalFraction: [Double]) {
        self.temperature = temperature
        self.metalFraction = metalFraction
    }
}
