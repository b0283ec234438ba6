import ArgumentParser
import Drivers
import Foundation
import Logging
import Reconciler
import Spec

/// `botops restart Container/NAME`: restarts a container botops owns, without changing desired state.
struct RestartCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Restart a running container botops owns, leaving desired state as it is.",
        discussion: """
            For incidents. It takes the state lock (waiting --lock-timeout), refuses containers botops did not \
            make, restarts with the container's stopTimeout, and records the restart in the run history.
            """
    )

    // Before the source's optional folder, so `botops restart Container/NAME [FOLDER]` parses.
    @Argument(help: ArgumentHelp("The container to restart.", valueName: "Container/NAME"))
    var resource: String

    @OptionGroup var source: SourceOptions

    @Option(help: "The Docker engine it runs on; botops refuses if the state says another one.")
    var engine: String?

    @OptionGroup var stateStore: StateOption

    @Option(help: ArgumentHelp("How long to wait for another run's state lock (30s, 5m, or seconds); 0 fails at once.",
                               valueName: "duration"))
    var lockTimeout = DurationArgument(.zero, written: "0")

    @Option(help: ArgumentHelp("Docker engine when the Project declares none (default: DOCKER_HOST).",
                               valueName: "unix:///path|tcp://host:port"))
    var dockerHost: String?

    func validate() throws {
        guard ResourceAddress(parsing: resource) != nil else {
            throw ValidationError("restart takes Kind/NAME, such as Container/NAME, not '\(resource)'")
        }
    }

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        let configSource = try source.open()
        let address = ResourceAddress(parsing: resource)!
        let catalog = DriverCatalog(dockerHost: dockerHost ?? ProcessInfo.processInfo.environment["DOCKER_HOST"])
        do {
            try await restart(address, source: configSource, catalog: catalog)
        } catch {
            // Closing connections is best effort; the error reported is the command's.
            try? await catalog.shutdown()
            throw error
        }
        try? await catalog.shutdown()
    }

    private func restart(_ address: ResourceAddress, source configSource: any ConfigSource, catalog: DriverCatalog) async throws {
        try await Terminal.reporting {
            let desired = try FleetSession.load(configSource, limits: try source.limits(), kinds: catalog.kinds)
            let drivers = catalog.drivers(for: desired.project, logger: Logger(label: "botops.restart"))
            guard let driver = drivers.first(where: { $0.kinds.contains(address.kind) }) as? any RestartingDriver else {
                let restartable = drivers.compactMap { $0 as? any RestartingDriver }.flatMap(\.kinds).sorted()
                throw SessionError(.commandFailed, "botops cannot restart a \(address.kind); it restarts "
                    + restartable.map { "\($0)/NAME" }.joined(separator: ", "))
            }
            let store = try FleetSession.store(for: desired, source: configSource, override: stateStore.state, kinds: catalog.kinds)
            let result = try await ResourceRestart(driver: driver, state: desired, store: store).restart(
                address, placement: engine, lockTimeout: lockTimeout.duration)
            Terminal.write("Restarted \(result.address) (\(result.summary)). Desired state is unchanged; the restart is in "
                + "'botops history'.\n")
        }
    }
}
