import IO

enum FilamentVersion {
    static let string = "0.1.0"

    /// Provenance of this invocation (version, the checkout's git revision, command line).
    static func provenance() -> Provenance {
        Provenance(version: string, gitRevision: GitRevision.revision)
    }
}
