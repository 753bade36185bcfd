import Foundation

/// A table that cannot be used, naming the file, the key and what is allowed.
public struct MaterialTableError: Error, CustomStringConvertible, LocalizedError {
    public var file: String
    public var key: String
    public var problem: String
    public var allowed: String

    public var description: String { "\(file): key '\(key)': \(problem) (allowed: \(allowed))" }
    public var errorDescription: String? { description }
}

extension MaterialTable {
    /// Pretty-printed JSON with sorted keys.
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try e.encode(self)
    }

    /// Writes atomically: a temporary file in the same directory, then a rename over `url`.
    public func write(to url: URL) throws {
        try validate(file: url.path)
        let data = try encoded()
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try data.write(to: tmp)
        if rename(tmp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    /// Reads and validates a table; every failure is a `MaterialTableError`.
    public static func read(from url: URL) throws -> MaterialTable {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw MaterialTableError(file: url.path, key: "(file)", problem: "cannot be read", allowed: "a readable JSON file")
        }
        return try decode(data, file: url.path)
    }

    public static func decode(_ data: Data, file: String) throws -> MaterialTable {
        if let nul = data.firstIndex(of: 0) {
            let line = data[..<nul].filter { $0 == 10 }.count + 1
            throw MaterialTableError(file: file, key: "(document)", problem: "holds a NUL byte at line \(line) (byte \(nul - data.startIndex + 1))",
                                     allowed: "JSON text without control characters")
        }
        let table: MaterialTable
        do { table = try JSONDecoder().decode(MaterialTable.self, from: data) } catch let e as DecodingError {
            throw translate(e, file: file)
        }
        try checkKnownKeys(data, decoded: table, file: file)
        try table.validate(file: file)
        return table
    }

    static func translate(_ error: DecodingError, file: String) -> MaterialTableError {
        func path(_ c: [CodingKey]) -> String { c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch error {
        case .keyNotFound(let k, let ctx):
            return MaterialTableError(file: file, key: path(ctx.codingPath + [k]), problem: "is missing", allowed: "see docs/kernels.md §Table format")
        case .typeMismatch(let t, let ctx), .valueNotFound(let t, let ctx):
            let key = path(ctx.codingPath)
            let allowed: String
            switch "\(t)" {
            case let s where s.hasPrefix("Dictionary"): allowed = "a JSON object { … }"
            case let s where s.hasPrefix("Array"): allowed = "a JSON array [ … ]"
            case "Int": allowed = "an integer"
            case "Double": allowed = "a number"
            case "String": allowed = "a string"
            default: allowed = "\(t)"
            }
            return MaterialTableError(file: file, key: key.isEmpty ? "(document)" : key, problem: "has the wrong type", allowed: allowed)
        case .dataCorrupted(let ctx):
            let detail = ((ctx.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String).map { " (\($0))" } ?? ""
            return MaterialTableError(file: file, key: path(ctx.codingPath).isEmpty ? "(document)" : path(ctx.codingPath),
                                      problem: (path(ctx.codingPath).isEmpty ? "is not valid JSON" : "has a value that cannot be read: \(ctx.debugDescription)") + detail,
                                      allowed: "a JSON object in format_version 1 (docs/kernels.md §Table format)")
        @unknown default:
            return MaterialTableError(file: file, key: "(document)", problem: "cannot be decoded", allowed: "format_version 1")
        }
    }
}
