import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An output folder that changes as a whole: a run writes every file into a hidden staging
/// folder beside the destination (`.NAME.partial-PID`) and, once all are written, swaps it into
/// place in one rename. A reader (or a run killed at any moment) sees either the complete new
/// run or the untouched old one, never a mix.
///
/// - A lock file beside the destination (`.NAME.lock`, `flock`) keeps a second run from writing
///   the same folder; it is released when the process ends, also when it is killed.
/// - A destination that exists must be a folder written by filament (it holds `.filament-run`,
///   `summary.json`, `iv.csv` or `timeseries.csv`) or empty; it is then replaced whole.
///   Anything else is refused, so a mistyped `--out` never deletes a user's files.
/// - `prepare` checks before the solve that the folder can be created and written and that the
///   file system has room for the expected size, so such problems are reported at once.
/// - Staging folders left by killed runs are removed by the next run into the same place.
public final class OutputFolder {
    /// Written into every folder filament writes; its presence allows replacing the folder.
    public static let markerName = ".filament-run"
    /// Files whose presence marks a folder written by earlier versions.
    static let knownOutputs = [markerName, "summary.json", "iv.csv", "timeseries.csv", "status.json"]

    public let destination: URL
    /// Where the files of this run go until `commit`.
    public let staging: URL
    private var lock: Int32
    private var finished = false

    /// Checks the destination and takes its lock; creates the staging folder.
    /// `expectedBytes`: about how much the run will write (checked against the free space).
    public static func prepare(_ destination: URL, expectedBytes: Int = 0) throws -> OutputFolder {
        let destination = destination.standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        guard !name.isEmpty, name != "/", name != ".", name != ".." else {
            throw OutputFolderError(path: destination.path, message: "is not a folder name filament can replace; give a folder below it, e.g. --out \(destination.path)/run1")
        }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: parent.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw OutputFolderError(path: parent.path, message: "is a file, not a folder; choose an --out inside a folder")
            }
        } else {
            do {
                try manager.createDirectory(at: parent, withIntermediateDirectories: true)
            } catch {
                throw OutputFolderError(path: parent.path, message: "cannot be created: \(FileErrorText.describe(error))")
            }
        }
        if manager.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw OutputFolderError(path: destination.path, message: "is a file, not a folder; remove it or choose another --out")
            }
            let contents = (try? manager.contentsOfDirectory(atPath: destination.path)) ?? []
            if !contents.isEmpty && !contents.contains(where: knownOutputs.contains) {
                let example = contents.sorted().prefix(3).joined(separator: ", ")
                throw OutputFolderError(path: destination.path, message: "holds files that filament did not write (\(example)); filament replaces an output folder whole, so choose a new or empty folder")
            }
        }
        let lockURL = parent.appendingPathComponent(".\(name).lock")
        let fd = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputFolderError(path: destination.path, message: "cannot be written: \(FileErrorText.describe(posix: errno))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw OutputFolderError(path: destination.path, message: "another filament run is writing this folder now; wait for it to end or choose another --out")
        }
        removeStaleStaging(in: parent, name: name)
        let staging = parent.appendingPathComponent(".\(name).partial-\(getpid())")
        do {
            try? manager.removeItem(at: staging)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data("filament output folder\n".utf8).write(to: staging.appendingPathComponent(markerName))
        } catch {
            try? manager.removeItem(at: staging)
            close(fd)
            throw OutputFolderError(path: destination.path, message: "cannot be written: \(FileErrorText.describe(error))")
        }
        let folder = OutputFolder(destination: destination, staging: staging, lock: fd)
        if expectedBytes > 0, let free = freeBytes(at: parent), free < Int64(expectedBytes) {
            folder.abandon()
            throw OutputFolderError(path: destination.path, message: String(format: "the disk has %.1f MB free; this run writes about %.1f MB. Free some space or choose another --out",
                                                                       Double(free) / 1e6, Double(expectedBytes) / 1e6))
        }
        return folder
    }

    private init(destination: URL, staging: URL, lock: Int32) {
        self.destination = destination
        self.staging = staging
        self.lock = lock
    }

    deinit { if !finished { abandon() } }

    /// The staging location of a file of this run.
    public func url(_ name: String) -> URL { staging.appendingPathComponent(name) }

    /// Writes a file of this run (into the staging folder).
    public func write(_ text: String, to name: String) throws {
        try write(Data(text.utf8), to: name)
    }

    public func write(_ data: Data, to name: String) throws {
        do {
            try data.write(to: url(name))
        } catch {
            throw OutputFolderError(path: destination.appendingPathComponent(name).path, message: "cannot be written: \(FileErrorText.describe(error))")
        }
    }

    /// Puts the staging folder in place of the destination (one atomic exchange where the
    /// system offers it) and removes what was there. After this the folder holds exactly the
    /// files of this run.
    public func commit() throws {
        precondition(!finished, "an output folder is committed once")
        let manager = FileManager.default
        defer { release() }
        syncDirectory(staging)
        if manager.fileExists(atPath: destination.path) {
            if Self.exchange(staging.path, destination.path) {
                try? manager.removeItem(at: staging) // now holds the old run
            } else {
                let old = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())")
                try? manager.removeItem(at: old)
                guard rename(destination.path, old.path) == 0 else { throw renameError() }
                guard rename(staging.path, destination.path) == 0 else {
                    let error = renameError()
                    _ = rename(old.path, destination.path)
                    throw error
                }
                try? manager.removeItem(at: old)
            }
        } else {
            guard rename(staging.path, destination.path) == 0 else { throw renameError() }
        }
        syncDirectory(destination.deletingLastPathComponent())
    }

    /// Removes the staging folder and releases the lock; the destination stays as it was.
    public func abandon() {
        guard !finished else { return }
        try? FileManager.default.removeItem(at: staging)
        release()
    }

    private func release() {
        finished = true
        if lock >= 0 { close(lock); lock = -1 }
    }

    private func renameError() -> OutputFolderError {
        let reason = String(cString: strerror(errno))
        abandon()
        return OutputFolderError(path: destination.path, message: "cannot be put in place: \(reason)")
    }

    /// Atomic exchange of two paths (Linux `renameat2(RENAME_EXCHANGE)`); false when the system
    /// or the file system does not offer it.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// Removes `.NAME.partial-PID` and `.NAME.old-PID` folders whose process has ended.
    static func removeStaleStaging(in parent: URL, name: String) {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries {
            for prefix in [".\(name).partial-", ".\(name).old-"] where entry.hasPrefix(prefix) {
                guard let pid = Int32(entry.dropFirst(prefix.count)) else { continue }
                if kill(pid, 0) != 0 && errno == ESRCH {
                    try? manager.removeItem(at: parent.appendingPathComponent(entry))
                }
            }
        }
    }

    /// Free bytes for an unprivileged writer on the file system holding `url`.
    static func freeBytes(at url: URL) -> Int64? {
        var info = statvfs()
        guard statvfs(url.path, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    private func syncDirectory(_ url: URL) {
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}

/// A problem with the output folder, in words: which path and what the user can do.
public struct OutputFolderError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "output \(path): \(message)" }
}

/// Turns Foundation's file errors (NSCocoaErrorDomain codes, POSIX errors) into words.
public enum FileErrorText {
    public static func describe(_ error: Error) -> String {
        let ns = error as NSError
        var posix: Int32?
        if ns.domain == NSPOSIXErrorDomain { posix = Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            posix = Int32(underlying.code)
        }
        if let posix { return describe(posix: posix) }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileWriteOutOfSpace: return describe(posix: ENOSPC)
            case .fileWriteVolumeReadOnly: return describe(posix: EROFS)
            case .fileWriteNoPermission, .fileReadNoPermission: return describe(posix: EACCES)
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
            case .fileReadCorruptFile: return "the file is damaged or not in the expected format"
            case .fileReadInapplicableStringEncoding: return "the file is not UTF-8 text"
            default: break
            }
            if let reason = ns.userInfo[NSLocalizedDescriptionKey] as? String { return reason }
        }
        return ns.localizedDescription
    }

    /// A POSIX error number in words, with what the user can do.
    public static func describe(posix: Int32) -> String {
        switch posix {
        case ENOSPC, EDQUOT: return "the disk is full (no space left on the device); free some space or choose another folder"
        case EROFS: return "the file system is read-only; choose a folder on a writable disk"
        case EACCES, EPERM: return "permission denied; choose a folder you can write"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case ENOENT: return "a folder on the path does not exist"
        case EISDIR: return "the path is a folder, not a file"
        case ENAMETOOLONG: return "the path is too long"
        default: return String(cString: strerror(posix))
        }
    }
}
