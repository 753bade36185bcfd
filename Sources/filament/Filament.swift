import ArgumentParser

@main
struct Filament: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filament",
        abstract: "Current-driven insulator–metal switching in correlated-oxide films.",
        version: FilamentVersion.provenance().versionString,
        subcommands: [
            // Device commands
            RunCommand.self,
            CheckCommand.self,
            CompareCommand.self,
            BenchmarkCommand.self,
            ValidateCommand.self,
            SweepCommand.self,
            RetiredTransientCommand.self,
            CalibrateCommand.self,
            // Kernel commands
            DMFT.self, Tabulate.self,
            HFCommand.self, AvalancheCommand.self, IDFTCommand.self,
        ]
    )
}
