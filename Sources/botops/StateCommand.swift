import ArgumentParser
import Drivers
import Foundation
import Reconciler
import Spec

/// `botops state migrate`: moves the state (inventory, fingerprint key, revision, history) to another store.
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Work with botops' state store.",
        subcommands: [Migrate.self]
    )

    struct Migrate: LoggedCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate",
            abstract: "Copy the state, with its history, into another store (file:PATH, postgres or postgres://URL).",
            discussion: """
                Both stores are locked while it runs. The target must hold no state yet: botops does not merge states. \
                Afterwards point the Project's 'state' (or --state) at the target; the source is left as it was.
                """
        )

        @OptionGroup var source: SourceOptions

        @Option(help: ArgumentHelp("The state to copy from; default: the one the Project names.", valueName: "store"))
        var state: String?

        @Option(help: ArgumentHelp("The store to copy into: file:PATH, postgres or postgres://URL.", valueName: "store"))
        var to: String

        @OptionGroup var logging: LoggingOptions

        func execute() async throws {
            let configSource = try source.open()
            try await Terminal.reporting {
                let desired = try FleetSession.load(configSource, limits: try source.limits())
                let from = try FleetSession.store(for: desired, source: configSource, override: state)
                let target = try FleetSession.store(for: desired, source: configSource, override: to)
                let summary = try await StateMigration(from: from, to: target).run()
                Terminal.write("Copied \(summary.resources) resource\(summary.resources == 1 ? "" : "s"), "
                    + "\(summary.runs) run\(summary.runs == 1 ? "" : "s") and \(summary.events) event\(summary.events == 1 ? "" : "s") "
                    + "from \(from.description) to \(target.description).\n")
            }
        }
    }
}
