import ArgumentParser
import Daemon
import Foundation

/// `botops hook`: the `post-receive` hook of a self-hosted bare repository.
struct HookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hook",
        abstract: "Install and run the post-receive hook of a self-hosted bare repository.",
        subcommands: [HookInstallCommand.self, HookPostReceiveCommand.self]
    )
}
