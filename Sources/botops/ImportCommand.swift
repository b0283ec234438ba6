import ArgumentParser

/// `botops import`: writes the configuration that declares what already runs.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write the configuration of a fleet that already runs, so the first plan changes nothing.",
        subcommands: [ImportTelegramCommand.self, ImportDockerCommand.self, ImportRowsCommand.self]
    )
}
