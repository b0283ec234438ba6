import ArgumentParser
import Drivers
import Foundation
import Reconciler
import Spec

/// `botops events`: the daemon's event log, read from the state store it keeps it in, newest first.
struct EventsCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List what the reconcile daemon saw happen to the fleet, newest first.",
        discussion: """
            Webhook delivery errors (kept after Telegram clears them), backlogs over spec.events.backlogThreshold, \
            containers found stopped or unhealthy, failed changes, drift found and set back, rights lost and regained \
            in channels. Read from the state store, so it shows the same log as every replica's GET /api/v1/events.
            """
    )

    @OptionGroup var source: SourceOptions

    @OptionGroup var stateStore: StateOption

    @Option(help: "Only this bot's events.")
    var bot: String?

    @Option(help: ArgumentHelp("Only this resource's events, as Kind/name (Webhook/alpha).", valueName: "Kind/name"))
    var resource: String?

    @Option(help: ArgumentHelp("Only events of the last DURATION (30m, 24h, 168h for a week).", valueName: "duration"))
    var since: DurationArgument?

    @Option(help: "Events to show (at most 1000).")
    var limit = 50

    @Option(help: "Output format: text or json (as GET /api/v1/events).")
    var format: ListFormat = .text

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if let resource, ResourceAddress(parsing: resource) == nil {
            throw ValidationError("--resource must be Kind/name, such as Webhook/alpha, not '\(resource)'")
        }
        guard (1...EventQuery.maximumLimit).contains(limit) else {
            throw ValidationError("--limit must be from 1 to \(EventQuery.maximumLimit), not \(limit)")
        }
    }

    func execute() async throws {
        let configSource = try source.open()
        let query = EventQuery(bot: bot, resource: resource.flatMap { ResourceAddress(parsing: $0) },
                               since: since.map { Date().addingTimeInterval(-$0.seconds) }, limit: limit)
        let events = try await Terminal.reporting {
            try await FleetSession.store(of: configSource, override: stateStore.state).eventLog().events(query)
        }
        switch format {
        case .text: Terminal.write(EventRenderer().text(events))
        case .json: Terminal.write(try EventRenderer().json(events))
        }
    }
}
