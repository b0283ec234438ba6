import ArgumentParser
import Drivers
import Foundation
import Spec
import Reconciler

/// `botops history`: the runs recorded in the state store, newest first.
struct HistoryCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the recorded runs, newest first, with their results and changes."
    )

    @OptionGroup var source: SourceOptions

    @OptionGroup var stateStore: StateOption

    @Option(help: "Runs to show.")
    var limit = 20

    @Option(help: "Output format: text or json.")
    var format: ListFormat = .text

    @Flag(help: "List every change of each run, not only the counts.")
    var changes = false

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        let configSource = try source.open()
        let records = try await Terminal.reporting {
            try await FleetSession.store(of: configSource, override: stateStore.state).history(limit: limit)
        }
        switch format {
        case .text: Terminal.write(HistoryRenderer().text(records, changes: changes))
        case .json: Terminal.write(try HistoryRenderer().json(records))
        }
    }
}
