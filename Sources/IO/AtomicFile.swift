import Foundation

/// Writes files so that a reader never sees a half-written one: Foundation's atomic write
/// (a temporary file in the destination's directory, renamed over it), after creating the
/// directory. A failed write leaves the previous file, or none, in place.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
