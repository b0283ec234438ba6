import ArgumentParser

/// `botops sandbox ...`: local emulators of the live systems botops talks to.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run local emulators of the systems botops reconciles against.",
        subcommands: [SandboxTelegramCommand.self]
    )
}
