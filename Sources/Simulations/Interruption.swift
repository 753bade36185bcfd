import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request from the user to stop a long sweep or transient (Ctrl-C, SIGTERM): the run ends
/// after the step in progress and keeps every completed step. A second signal ends the process
/// at once.
public enum Interruption {
    nonisolated(unsafe) private static var flag: Int32 = 0

    /// True once SIGINT or SIGTERM has arrived (after `install`).
    public static var requested: Bool { flag != 0 }

    /// Catches SIGINT and SIGTERM once each.
    public static func install() {
        for s in [SIGINT, SIGTERM] {
            signal(s) { received in
                Interruption.flag = 1
                signal(received, SIG_DFL)
            }
        }
    }
}
