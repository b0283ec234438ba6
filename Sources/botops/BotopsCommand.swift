import ArgumentParser

/// The `botops` command line: parses, calls the libraries, prints. No logic of its own.
@main
struct BotopsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "botops",
        abstract: "GitOps reconciler for fleets of Telegram bots.",
        version: BotopsVersion.description,
        subcommands: [InitCommand.self, ImportCommand.self, ValidateCommand.self, DiffCommand.self, PlanCommand.self, ApplyCommand.self, StatusCommand.self, HistoryCommand.self, EventsCommand.self,
                      ReconcileCommand.self, HookCommand.self, RestartCommand.self, StateCommand.self, CronCommand.self, SandboxCommand.self]
    )
}
