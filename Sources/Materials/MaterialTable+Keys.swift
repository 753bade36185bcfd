import Foundation

extension MaterialTable {
    /// Rejects keys the table format does not have (a misspelt key must not be silently
    /// ignored): the decoded table is encoded again and every key of the file that does not
    /// come back, at any depth, is named with the keys allowed at that place.
    static func checkKnownKeys(_ data: Data, decoded table: MaterialTable, file: String) throws {
        guard let original = try? JSONSerialization.jsonObject(with: data),
              let encoded = try? JSONSerialization.jsonObject(with: table.encoded()) else { return }
        try compare(original, encoded, path: [], file: file)
    }

    private static func compare(_ given: Any, _ known: Any, path: [String], file: String) throws {
        if let g = given as? [String: Any], let k = known as? [String: Any] {
            for key in g.keys.sorted() {
                guard let next = k[key] else {
                    if g[key] is NSNull { continue }
                    throw MaterialTableError(file: file, key: (path + [key]).joined(separator: "."), problem: "is not a key of the table format",
                                             allowed: k.keys.sorted().joined(separator: ", "))
                }
                try compare(g[key]!, next, path: path + [key], file: file)
            }
        } else if let g = given as? [Any], let k = known as? [Any], g.count == k.count {
            for (i, pair) in zip(g, k).enumerated() { try compare(pair.0, pair.1, path: path + ["[\(i)]"], file: file) }
        }
    }
}
