/// A problem with a geometry file: which file, which key, and what is allowed.
///
/// The description reads `FILE: KEY: MESSAGE`, e.g.
/// `film.toml: electrode[1].x: 1.2 mm lies off the film; allowed 0 … 1 mm (domain.length)`.
public struct GeometryError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file as the user named it.
    public var file: String
    /// Dotted key path, e.g. `material.insulator.resistivity` or `electrode[2].face`;
    /// a table is written in brackets, e.g. `[domain]`.
    public var key: String
    /// What is wrong and what is allowed.
    public var message: String

    public init(file: String, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String { "\(file): \(key): \(message)" }
}
