import ArgumentParser

/// `filament transient …` and `filament sweep run …` of older versions: a sweep or a
/// transient is now a `[sweep]` or `[transient]` table of the device's geometry file, run by
/// `filament run FILE`. These hidden commands only say so (exit 64).
struct RetiredTransientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transient", shouldDisplay: false)

    @Argument(parsing: .allUnrecognized) var arguments: [String] = []

    func run() throws { throw ValidationError(RetiredStudy.message("transient")) }
}

struct RetiredSweepRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", shouldDisplay: false)

    @Argument(parsing: .allUnrecognized) var arguments: [String] = []

    func run() throws { throw ValidationError(RetiredStudy.message("sweep")) }
}

enum RetiredStudy {
    static func message(_ study: String) -> String {
        "a \(study) is a [\(study)] table in the device's geometry file, run by `filament run FILE --out DIR` (docs/geometry-format.md); the PH devices are geometries/ph-slab-sweep.toml, ph-film-sweep.toml and ph-slab-pulse.toml"
    }
}
