/// Why a solve stopped without an answer. Every case carries what a user needs to act on it.
public enum SolverError: Error, CustomStringConvertible, Sendable {
    case notConverged(stage: String, iterations: Int, residual: Double, tolerance: Double, detail: String)
    case invalidProblem(String)
    case temperatureOutOfTableRange(cell: Int, temperature: Double, range: ClosedRange<Double>)
    case effectiveTemperatureTableRange(cell: Int, field: Double, temperature: Double, fieldRange: ClosedRange<Double>,
                                        temperatureRange: ClosedRange<Double>, model: String)
    /// The problem has no steady state, or the result failed its own checks
    /// (`SolutionAcceptance`): a diagnosis in words.
    case noSteadyState(String)
    /// A limit on steps, step size or wall-clock time ended the run.
    case limitReached(String)

    public var description: String {
        switch self {
        case let .notConverged(stage, iterations, residual, tolerance, detail):
            return "\(stage) did not converge after \(iterations) iterations: residual \(residual) > tolerance \(tolerance). \(detail)"
        case let .invalidProblem(message):
            return "invalid problem: \(message)"
        case let .temperatureOutOfTableRange(cell, temperature, range):
            return "cell \(cell) reached T = \(temperature) K, outside the material table's range \(range.lowerBound)…\(range.upperBound) K; lower the drive or extend the table to that temperature"
        case let .effectiveTemperatureTableRange(cell, field, temperature, fieldRange, temperatureRange, model):
            return "cell \(cell) has |E| = \(field) V/m at T = \(temperature) K, outside the field channel's table (\(model)): |E| \(fieldRange.lowerBound)…\(fieldRange.upperBound) V/m, T_bath \(temperatureRange.lowerBound)…\(temperatureRange.upperBound) K"
        case let .noSteadyState(diagnosis):
            return "no steady state: \(diagnosis)"
        case let .limitReached(message):
            return "stopped: \(message)"
        }
    }
}
