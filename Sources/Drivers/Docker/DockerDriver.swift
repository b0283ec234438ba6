import Foundation
import Logging
import Reconciler
import Spec

/// Keeps Containers in their declared shape and run state on the Project's Docker engines (Docker
/// Engine or podman's compatible API), through the Engine API.
///
/// Containers botops creates carry labels naming the project, the resource and a hash of the
/// spec; containers without them are never touched, and a declared name held by one is a conflict
/// unless the run adopts it. Each engine is read with one list call; a container is inspected only
/// when the list cannot vouch for it (not the one botops made, or made from another spec).
public struct DockerDriver: Driver {
    public let name = "docker"
    public let kinds: Set<ResourceKind> = [.container]
    /// The client for an engine (shared and long-lived in the catalog); nil when the host cannot be parsed.
    let client: @Sendable (Project.DockerEngine) -> DockerClient?
    /// Engines read, and containers changed, at once.
    let concurrency: Int
    /// How often a replace looks at its successor's health while it waits.
    let healthPoll: Duration

    public init(concurrency: Int = 8, healthPoll: Duration = .milliseconds(500),
         client: @escaping @Sendable (Project.DockerEngine) -> DockerClient?) {
        self.client = client
        self.concurrency = max(1, concurrency)
        self.healthPoll = healthPoll
    }

    /// The temporary name of a successor while it runs next to the container it replaces.
    static func successorName(_ name: String) -> String { "\(name)--botops-next" }

    public func replaceTriggers(for kind: ResourceKind) -> Set<String> { ContainerValues.replaceTriggers }

    /// `managed_by` is the project label: a container taken over by `--adopt` differs only there.
    public func markerPaths(for kind: ResourceKind) -> Set<String> { ["managed_by"] }

    /// Side by side unless the container publishes host ports or is declared `replace: recreate`;
    /// moving to another engine always overlaps (nothing is shared).
    public func replaceOrder(for address: ResourceAddress, fields: [FieldChange], desired: DesiredResource) -> ReplaceOrder {
        if fields.contains(where: { $0.path == "engine" }) { return .createBeforeDestroy }
        let ports = desired.value["ports"]?.arrayValue ?? []
        let recreate = desired.attributes["replace"]?.stringValue == Container.ReplaceStrategy.recreate.rawValue
        return ports.isEmpty && !recreate ? .createBeforeDestroy : .destroyBeforeCreate
    }

    /// The engine a container is (or was) on, and its client.
    func engine(named name: String, in context: DriverContext) -> (Project.DockerEngine, DockerClient)? {
        guard let engine = context.project.dockerEngines[name], let client = client(engine) else { return nil }
        return (engine, client)
    }
}
