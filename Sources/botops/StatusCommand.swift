import ArgumentParser
import Drivers
import Foundation
import Logging
import Reconciler
import Spec

/// `botops status`: what the state says: the applied revision, the last run, and each resource's
/// state after it. Only a Project with swarm engines has something read live: each swarm's nodes and where
/// botops' tasks run on them.
struct StatusCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the applied revision, the last run and each owned resource's state after it."
    )

    @OptionGroup var source: SourceOptions

    @OptionGroup var stateStore: StateOption

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        let configSource = try source.open()
        try await Terminal.reporting {
            let store = try FleetSession.store(of: configSource, override: stateStore.state)
            let inventory = try await store.load()
            let last = try await store.history(limit: 1).first
            Terminal.write(StatusRenderer().render(inventory: inventory, lastRun: last, store: store.description))
            try await writeClusters(configSource)
        }
    }

    /// The swarms' nodes, when the configuration declares swarm engines; a configuration that does not load
    /// leaves the state's part as it is (the state is what status is about).
    private func writeClusters(_ configSource: any ConfigSource) async throws {
        let catalog = DriverCatalog()
        let logger = Logger(label: "botops.status")
        let desired: DesiredState
        do {
            desired = try FleetSession.load(configSource, limits: try source.limits(), kinds: catalog.kinds)
        } catch {
            // Status is about the state, which was shown; `botops validate` says what is wrong with the configuration.
            logger.debug("the configuration does not load: no swarm nodes are read", metadata: ["error": "\(error)"])
            await close(catalog, logger)
            return
        }
        if desired.project.dockerEngines.values.contains(where: { $0.mode == .swarm }) {
            let context = DriverContext(state: desired, inventory: Inventory(), secrets: SecretResolver(), logger: logger)
            for case let reporter as any ClusterReporter in catalog.drivers(for: desired.project, logger: logger) {
                for report in await reporter.clusters(context: context.serving(reporter.kinds)) {
                    Terminal.write("\n" + report.text)
                }
            }
        }
        await close(catalog, logger)
    }

    private func close(_ catalog: DriverCatalog, _ logger: Logger) async {
        do {
            try await catalog.shutdown()
        } catch {
            // The command's output is complete; connections close with the process anyway.
            logger.debug("closing connections failed", metadata: ["error": "\(error)"])
        }
    }
}
