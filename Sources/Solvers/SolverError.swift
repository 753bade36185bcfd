/// Why a solve stopped without an answer. Every case carries what a user needs to act on it.
public enum SolverError: Error, CustomStringConvertible, Sendable {
    case notConverged(stage: String, iterations: Int, residual: Double, tolerance: Double, detail: String)
    case invalidProblem(String)
    case temperatureOutOfTableRange(cell: Int, temperature: Double, range: ClosedRange<Double>)
    case effectiveTemperatureTableRange(cell: Int, field: Double, temperature: Double, fieldRange: ClosedRange<Double>,
                                        temperatureRange: ClosedRange<Double>, model: String)

    public var description: String {
        switch self {
        case let .notConverged(stage, iterations, residual, tolerance, detail):
            return "\(stage) did not converge after \(iterations) iterations: residual \(residual) > tolerance \(tolerance). \(detail)"
        case let .invalidProblem(message):
            return "invalid problem: \(message)"
        case let .temperatureOutOfTableRange(cell, temperature, range):
            return "cell \(cell) reached T = \(temperature) K, outside the material table's range \(range.lowerBound)…\(range.upperBound) K"
        case let .effectiveTemperatureTableRange(cell, field, temperature, fieldRange, temperatureRange, model):
            return "cell \(cell) has |E| = \(field) V/m at T = \(temperature) K, outside the field channel's table (\(model)): |E| \(fieldRange.lowerBound)…\(fieldRange.upperBound) V/m, T_bath \(temperatureRange.lowerBound)…\(temperatureRange.upperBound) K"
        }
    }
}
