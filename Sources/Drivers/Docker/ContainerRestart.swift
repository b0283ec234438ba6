import Foundation
import Logging
import Reconciler
import Spec

/// Restarts a running container botops owns without changing desired state: the escape hatch of an
/// incident. It holds the state lock like an apply (so it never races one), acts only on a container
/// that is both in the state and labelled as this project's, and is recorded in the run history.
public struct ContainerRestart: Sendable {
    public let catalog: DriverCatalog
    public let logger: Logger

    public init(catalog: DriverCatalog, logger: Logger = Logger(label: "botops.restart")) {
        self.catalog = catalog
        self.logger = logger
    }

    /// What was restarted, for the command to print.
    public struct Result: Sendable {
        public let address: ResourceAddress
        public let engine: String
        public let containerID: String
        public let stopTimeout: Int
    }

    /// Restarts `Container/name` (on `engine`, which must be the one botops made it on when given).
    public func restart(_ name: String, engine requested: String?, state: DesiredState, store: any StateStore,
                        lockTimeout: Duration = .zero, trigger: RunInfo.Trigger = .restart) async throws(SessionError) -> Result {
        let address = ResourceAddress(.container, name)
        let inventory: Inventory
        do {
            inventory = try await store.load()
        } catch {
            throw SessionError(.stateUnavailable, "cannot read the state \(store.description): \(error)")
        }
        guard let entry = inventory.resources[address] else {
            throw SessionError(.notOwned, "botops does not own \(address): it is not in the state \(store.description). "
                               + "botops restarts only containers it made; apply the configuration first, or restart it with docker")
        }
        let engineName = entry.attributes["engine"]?.stringValue ?? "default"
        if let requested, requested != engineName {
            throw SessionError(.notOwned, "\(address) runs on the Docker engine '\(engineName)', not '\(requested)'")
        }
        let run = RunInfo(trigger: trigger)
        let lock = try await store.acquire(timeout: lockTimeout, run: run)
        let outcome = await restartLocked(address, engine: engineName, entry: entry, state: state)
        let record: RunRecord
        switch outcome {
        case .success:
            record = RunRecord(run: run, revision: inventory.revision, result: .succeeded, counts: ["restart": 1], changes: [
                RunRecord.Entry(address: address, action: .update, outcome: "applied",
                                message: "restarted by hand on the Docker engine '\(engineName)'; desired state unchanged")])
        case let .failure(error):
            record = RunRecord(run: run, revision: inventory.revision, result: .failed, counts: ["restart": 1], changes: [
                RunRecord.Entry(address: address, action: .update, outcome: "failed", message: error.message)])
        }
        do {
            try await store.finish(record, under: lock)
        } catch {
            logger.warning("the restart could not be added to the history", metadata: ["error": "\(error)"])
        }
        await lock.release()
        return try outcome.get()
    }

    private func restartLocked(_ address: ResourceAddress, engine name: String, entry: InventoryEntry,
                               state: DesiredState) async -> Swift.Result<Result, SessionError> {
        guard let engine = state.project.dockerEngines[name],
              let client = catalog.dockerClient(DockerEndpoint(host: engine.location == nil ? catalog.dockerHost ?? engine.host : engine.host,
                                                               tls: engine.tls), logger: logger) else {
            return .failure(SessionError(.commandFailed, "the Docker engine '\(name)' is not declared in the Project"))
        }
        let project = state.project.metadata.name
        let filters = JSONValue.object(["label": .array([.string("\(ContainerValues.projectLabel)=\(project)"),
                                                        .string("\(ContainerValues.resourceLabel)=\(address)")])])
        do throws(DockerAPIError) {
            let list = try await client.json(.GET, "/containers/json", query: [("all", "1"), ("filters", filters.description)])
            let named = (list.arrayValue ?? []).first { item in
                (item["Names"]?.arrayValue ?? []).contains { $0.stringValue == "/\(address.name)" }
            }
            guard let item = named, let id = item["Id"]?.stringValue else {
                return .failure(SessionError(.notOwned, "no container named '\(address.name)' with botops' labels for the project "
                    + "'\(project)' is on the Docker engine '\(name)'; 'botops apply' makes it again"))
            }
            guard item["State"]?.stringValue == "running" else {
                return .failure(SessionError(.commandFailed, "\(address) is not running (\(item["State"]?.stringValue ?? "unknown")); "
                    + "restart restarts running containers only, so a container declared stopped stays stopped. "
                    + "'botops apply' starts one declared running"))
            }
            let timeout = entry.attributes["stop_timeout"]?.intValue ?? 10
            try await client.json(.POST, "/containers/\(id)/restart", query: [("t", String(timeout))],
                                  timeout: .seconds(Int64(timeout) + 60))
            return .success(Result(address: address, engine: name, containerID: id, stopTimeout: timeout))
        } catch {
            return .failure(SessionError(.commandFailed, "restarting \(address) on the Docker engine '\(name)' failed: \(error.description)"))
        }
    }
}
