import Reconciler
import Spec

extension DockerDriver: RestartingDriver {
    public func placement(of entry: InventoryEntry) -> String {
        entry.attributes["engine"]?.stringValue ?? "default"
    }

    /// Restarts the running container botops made for `entry` (found by its labels, not by an old id),
    /// with the container's own stop timeout. A stopped container stays stopped: restart is for running ones.
    public func restart(_ entry: InventoryEntry, context: DriverContext) async throws(SessionError) -> RestartOutcome {
        let address = entry.address, name = placement(of: entry)
        guard let engine = context.project.dockerEngines[name], let client = client(engine) else {
            throw SessionError(.commandFailed, "the Docker engine '\(name)' is not declared in the Project")
        }
        if entry.attributes["service"]?.boolValue == true {
            return try await restartService(entry, engine: name, client: client)
        }
        let project = context.project.metadata.name
        let filters = JSONValue.object(["label": .array([.string("\(ContainerValues.projectLabel)=\(project)"),
                                                        .string("\(ContainerValues.resourceLabel)=\(address)")])])
        func failed(_ error: DockerAPIError) -> SessionError {
            SessionError(.commandFailed, "restarting \(address) on the Docker engine '\(name)' failed: \(error.description)")
        }
        let list: JSONValue
        do throws(DockerAPIError) {
            list = try await client.json(.GET, "/containers/json", query: [("all", "1"), ("filters", filters.description)])
        } catch {
            throw failed(error)
        }
        let named = (list.arrayValue ?? []).first { item in
            (item["Names"]?.arrayValue ?? []).contains { $0.stringValue == "/\(address.name)" }
        }
        guard let item = named, let id = item["Id"]?.stringValue else {
            throw SessionError(.notOwned, "no container named '\(address.name)' with botops' labels for the project "
                + "'\(project)' is on the Docker engine '\(name)'; 'botops apply' makes it again")
        }
        guard item["State"]?.stringValue == "running" else {
            throw SessionError(.commandFailed, "\(address) is not running (\(item["State"]?.stringValue ?? "unknown")); "
                + "restart restarts running containers only, so a container declared stopped stays stopped. "
                + "'botops apply' starts one declared running")
        }
        let timeout = entry.attributes["stop_timeout"]?.intValue ?? 10
        do throws(DockerAPIError) {
            try await client.json(.POST, "/containers/\(id)/restart", query: [("t", String(timeout))],
                                  timeout: .seconds(Int64(timeout) + 60))
        } catch {
            throw failed(error)
        }
        return RestartOutcome(address: address, placement: name, objectID: id,
                              summary: "container \(id.prefix(12)) on the Docker engine '\(name)', stop timeout \(timeout)s",
                              record: "restarted by hand on the Docker engine '\(name)'")
    }

    /// A service restarts by a forced update (`ForceUpdate` incremented): Swarm replaces its tasks as its update
    /// settings say, one by one with the default parallelism.
    private func restartService(_ entry: InventoryEntry, engine name: String, client: DockerClient) async throws(SessionError) -> RestartOutcome {
        let address = entry.address
        guard let id = entry.attributes["id"]?.stringValue else {
            throw SessionError(.notOwned, "botops has no service recorded for \(address); 'botops apply' makes it")
        }
        func failed(_ error: DockerAPIError) -> SessionError {
            SessionError(.commandFailed, "restarting the service \(address.name) on the swarm engine '\(name)' failed: \(error.description)")
        }
        do throws(DockerAPIError) {
            let service = try await client.json(.GET, "/services/\(id)")
            guard let version = service["Version"]?["Index"]?.intValue, var spec = service["Spec"]?.objectValue,
                  var task = spec["TaskTemplate"]?.objectValue else {
                throw DockerAPIError(status: 502, message: "the service's answer has no spec")
            }
            task["ForceUpdate"] = .int((task["ForceUpdate"]?.intValue ?? 0) + 1)
            spec["TaskTemplate"] = .object(task)
            try await client.json(.POST, "/services/\(id)/update", query: [("version", String(version))], body: .object(spec))
        } catch {
            throw failed(error)
        }
        return RestartOutcome(address: address, placement: name, objectID: id,
                              summary: "service \(id.prefix(12)) on the swarm engine '\(name)': its tasks are replaced as its update settings say",
                              record: "restarted by hand (a forced update) on the swarm engine '\(name)'")
    }
}
