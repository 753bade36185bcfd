import Foundation

/// Progress lines on standard error (sweep step, nonlinear iteration, residual);
/// silent when `quiet` is set.
public struct ProgressReporter: Sendable {
    public var quiet: Bool
    public init(quiet: Bool) { self.quiet = quiet }

    public func report(_ line: @autoclosure () -> String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data((line() + "\n").utf8))
    }
}
