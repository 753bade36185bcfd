import ArgumentParser

@main
struct Filament: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filament",
        abstract: "Current-driven insulator–metal switching in correlated-oxide films.",
        version: FilamentVersion.string,
        subcommands: [
            // Device commands
            BenchmarkCommand.self,
            ValidateCommand.self,
            SweepCommand.self,
            TransientCommand.self,
            // Kernel commands
        ]
    )
}
