import ArgumentParser
import Drivers
import Foundation
import Reconciler
import Spec

/// `botops status`: what the state says: the applied revision, the last run, and each resource's
/// state after it. Reads the state only; nothing live is contacted.
struct StatusCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the applied revision, the last run and each owned resource's state after it."
    )

    @OptionGroup var source: SourceOptions

    @Option(help: ArgumentHelp("The state to read: file:PATH, postgres or postgres://URL.", valueName: "store"))
    var state: String?

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        let configSource = try source.open()
        try await Terminal.reporting {
            let store = try FleetSession.store(of: configSource, override: state)
            let inventory = try await store.load()
            let last = try await store.history(limit: 1).first
            Terminal.write(StatusRenderer().render(inventory: inventory, lastRun: last, store: store.description))
        }
    }
}
