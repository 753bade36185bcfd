/// A switching threshold of finite width: the metal fraction of a cell as a smooth function
/// of its temperature, with first-order memory.
///
/// PH (Sec. "Numerical Solution") takes σ = σ_M where T > T_MIT and σ_I below: a step in T.
/// A step has no derivative, so Newton's method cannot linearise it. Here the step is
/// replaced by the C¹ cubic H_w(T − T*) = 3x² − 2x³, x = (T − T*)/w + ½ clipped to [0, 1],
/// which rises from 0 to 1 over a window of width w centred on T*. With two thresholds
/// (T_MIT ≤ T_IMT) memory is a play operator: on heating a cell holds at least
/// H_w(T − T_IMT) metal, on cooling at most H_w(T − T_MIT), and in between it keeps the
/// fraction φ₀ it had before the solve,
///     φ(T) = min(H_w(T − T_MIT), max(H_w(T − T_IMT), φ₀)).
/// As w → 0 this is the sharp threshold with memory of `phase(after:at:)`.
extension TwoPhaseMaterial {
    /// φ(T) and dφ/dT (1/K) for a cell that held `memory` before the solve.
    @inlinable
    public func smoothedMetalFraction(memory: Double, at temperature: Double, width: Double)
        -> (fraction: Double, derivative: Double) {
        let heating = Self.smoothStep(temperature - insulatorToMetalTemperature, width: width)
        let cooling = Self.smoothStep(temperature - metalToInsulatorTemperature, width: width)
        if memory < heating.value { return (heating.value, heating.slope) }
        if memory > cooling.value { return (cooling.value, cooling.slope) }
        return (memory, 0)
    }

    /// H_w(δT) and its slope: 0 below −w/2, 1 above w/2, 3x² − 2x³ in between.
    @inlinable
    static func smoothStep(_ excess: Double, width: Double) -> (value: Double, slope: Double) {
        let x = excess / width + 0.5
        if x <= 0 { return (0, 0) }
        if x >= 1 { return (1, 0) }
        return (x * x * (3 - 2 * x), 6 * x * (1 - x) / width)
    }
}
