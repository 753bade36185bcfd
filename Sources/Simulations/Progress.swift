import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Progress on standard error.
///
/// - `step(_:of:_:)`: one line per meaningful step (ramp step, sweep point, time step, grid
///   level) with the fraction done and an estimate of the time left, in the pinned format
///   `[ 37.5%] ramp 3/8: I = … | 1.2 s, about 2.0 s left` (`ProgressReporter.stepLine`).
///   On a terminal the line is rewritten in place (the last step of a stage stays); when
///   standard error is a file or a pipe each step is a plain line.
/// - `report(_:)`: a plain line (start, what is being run, warnings).
/// - `detail(_:)`: solver internals (phase updates, residuals), only with `--verbose`.
///
/// `quiet` silences everything. The time left is extrapolated from the time per unit of
/// fraction so far, counted from the first step of the current stage (`begin(_:)`).
public struct ProgressReporter: Sendable {
    public var quiet: Bool
    public var verbose: Bool
    private let clock: StageClock

    public init(quiet: Bool, verbose: Bool = false, terminal: Bool? = nil) {
        self.quiet = quiet
        self.verbose = verbose && !quiet
        clock = StageClock(terminal: terminal ?? (isatty(STDERR_FILENO) == 1))
    }

    /// A plain line.
    public func report(_ line: @autoclosure () -> String) {
        guard !quiet else { return }
        clock.emit(line(), inPlace: false)
    }

    /// Solver internals: only with `verbose`.
    public func detail(_ line: @autoclosure () -> String) {
        guard verbose else { return }
        clock.emit(line(), inPlace: false)
    }

    /// Starts timing a stage (a ramp, a sweep, a transient); its steps' time-left estimates
    /// count from here.
    public func begin(_ line: @autoclosure () -> String) {
        clock.restart()
        report(line())
    }

    /// Step `done` of `total` of the current stage, with a short description.
    public func step(_ done: Double, of total: Double, _ message: @autoclosure () -> String) {
        guard !quiet else { return }
        let fraction = total > 0 ? done / total : 1
        // The last step of a stage ends its line, so what follows starts on a fresh one.
        clock.emit(Self.stepLine(fraction: fraction, message: message(), elapsed: clock.elapsed), inPlace: !verbose && fraction < 1)
    }

    /// The pinned format of a step line.
    public static func stepLine(fraction: Double, message: String, elapsed: Double) -> String {
        let f = min(1, max(0, fraction))
        var line = String(format: "[%5.1f%%] ", 100 * f) + message + String(format: " | %@", duration(elapsed))
        if f > 0 && f < 1 {
            line += ", about " + duration(elapsed / f * (1 - f)) + " left"
        }
        return line
    }

    /// "0.8 s", "42 s", "3 min 05 s", "1 h 02 min".
    public static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        if seconds < 60 { return String(format: "%.0f s", seconds) }
        let s = Int(seconds.rounded())
        if s < 3600 { return String(format: "%d min %02d s", s / 60, s % 60) }
        return String(format: "%d h %02d min", s / 3600, (s % 3600) / 60)
    }
}

/// The shared, mutable part of a reporter: stage start and whether the terminal's last line is
/// a step line to be overwritten.
private final class StageClock: @unchecked Sendable {
    private let lock = NSLock()
    private var start = Date()
    private var openLine = false
    let terminal: Bool

    init(terminal: Bool) { self.terminal = terminal }

    func restart() { lock.withLock { start = Date() } }

    var elapsed: Double { lock.withLock { Date().timeIntervalSince(start) } }

    func emit(_ line: String, inPlace: Bool) {
        lock.withLock {
            var text = ""
            if openLine { text += inPlace ? "\r\u{1B}[K" : "\n" }
            if terminal && inPlace {
                text += line
                openLine = true
            } else {
                text += line + "\n"
                openLine = false
            }
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
