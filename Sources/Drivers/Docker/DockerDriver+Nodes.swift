import Foundation
import Reconciler
import Spec

extension DockerDriver: ClusterReporter {
    /// Each swarm engine's nodes and where this project's tasks run: three reads an engine (nodes, the labelled
    /// services, their running tasks).
    public func clusters(context: DriverContext) async -> [ClusterReport] {
        let swarms = context.project.dockerEngines.filter { $0.value.mode == .swarm }.keys.sorted()
        return await concurrentMap(swarms, limit: concurrency) { name in await self.cluster(name, context: context) }
    }

    private func cluster(_ name: String, context: DriverContext) async -> ClusterReport {
        guard let (_, client) = engine(named: name, in: context) else {
            return ClusterReport(engine: name, nodes: [], error: "the engine's host cannot be used")
        }
        do throws(DockerAPIError) {
            let nodes = try await client.json(.GET, "/nodes").arrayValue ?? []
            let services = try await Self.projectServices(client, project: context.project.metadata.name, withTaskCounts: false)
            let names = Dictionary(services.compactMap { service in
                service["ID"]?.stringValue.flatMap { id in service["Spec"]?["Name"]?.stringValue.map { (id, $0) } }
            }, uniquingKeysWith: { first, _ in first })
            var running: [String: [String]] = [:]
            if !names.isEmpty {
                let filters = JSONValue.object(["desired-state": .array(["running"]),
                                                "service": .array(names.keys.sorted().map(JSONValue.string))])
                for task in try await client.json(.GET, "/tasks", query: [("filters", filters.description)]).arrayValue ?? [] {
                    guard let node = task["NodeID"]?.stringValue, let service = task["ServiceID"]?.stringValue.flatMap({ names[$0] }),
                          task["Status"]?["State"]?.stringValue.flatMap(TaskState.init) == .running else { continue }
                    running[node, default: []].append("\(service).\(task["Slot"]?.intValue.map(String.init) ?? "?")")
                }
            }
            return ClusterReport(engine: name, nodes: nodes.map { node in
                let id = node["ID"]?.stringValue ?? ""
                let manager = node["ManagerStatus"]
                return ClusterReport.Node(
                    name: node["Description"]?["Hostname"]?.stringValue ?? id,
                    role: node["Spec"]?["Role"]?.stringValue.flatMap(ClusterReport.Node.Role.init) ?? .worker,
                    leader: manager?["Leader"]?.boolValue == true,
                    state: node["Status"]?["State"]?.stringValue.flatMap(ClusterReport.Node.State.init) ?? .unknown,
                    availability: node["Spec"]?["Availability"]?.stringValue.flatMap(ClusterReport.Node.Availability.init) ?? .unknown,
                    tasks: (running[id] ?? []).sorted())
            }.sorted { ($0.role == .manager ? 0 : 1, $0.name) < ($1.role == .manager ? 0 : 1, $1.name) })
        } catch {
            return ClusterReport(engine: name, nodes: [], error: error.description)
        }
    }
}
