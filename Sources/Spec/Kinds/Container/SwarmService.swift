/// What a Container on a swarm engine (`mode: swarm`) says that a plain container cannot: how many
/// replicas, where they may run, and how Swarm rolls an update out and back.
public struct SwarmService: Sendable, Hashable, Codable {
    /// How Swarm replaces tasks in an update (or a rollback).
    public struct Rollout: Sendable, Hashable, Codable {
        public enum Order: String, Sendable, Hashable, Codable, CaseIterable {
            case startFirst = "start-first"
            case stopFirst = "stop-first"
        }

        public enum FailureAction: String, Sendable, Hashable, Codable, CaseIterable {
            case rollback
            case pause
            case `continue`
        }

        /// Tasks replaced at once; 0 is all at once.
        public var parallelism: Int = 1
        public var delayMilliseconds: Int = 0
        public var order: Order = .stopFirst
        public var failureAction: FailureAction = .pause
        /// How long a new task is watched for failure.
        public var monitorMilliseconds: Int = 5_000

        public init() {}
    }

    /// Swarm's own defaults, where the config says nothing: an update pauses on failure (Docker's default).
    public static let defaultRollback: Rollout = {
        var rollout = Rollout()
        rollout.failureAction = .pause
        return rollout
    }()

    /// How a service's ports are published.
    public enum PublishMode: String, Sendable, Hashable, Codable, CaseIterable {
        /// On every node, through Swarm's routing mesh (needs the engine's iptables).
        case ingress
        /// On the node that runs the task only, as a container's port is.
        case host
    }

    /// Running tasks wanted; nil means 1 (and 0 when the Container's `state` is `stopped`).
    public var replicas: Int?
    /// Node constraints (`node.role == manager`, `node.labels.zone == eu`).
    public var constraints: [String] = []
    /// Spread over the values of these node labels (`node.labels.zone`).
    public var spreadOver: [String] = []
    /// At most this many tasks on one node; nil for no limit.
    public var maxReplicasPerNode: Int?
    public var publishMode = PublishMode.ingress
    public var update = Rollout()
    public var rollback = SwarmService.defaultRollback

    public init() {}
}
