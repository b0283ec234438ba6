/// What a cluster an engine manages looks like now: its nodes, and which of botops' tasks run on each. Read live,
/// for people (`botops status`); never drift, never acted on: a node drained by hand is reported, not fought.
public struct ClusterReport: Sendable, Hashable {
    public struct Node: Sendable, Hashable {
        public enum Role: String, Sendable, Hashable { case manager, worker }
        /// Whether the scheduler may place tasks there: a person drains or pauses a node.
        public enum Availability: String, Sendable, Hashable { case active, pause, drain, unknown }
        /// Whether the node answers the managers.
        public enum State: String, Sendable, Hashable { case ready, down, disconnected, unknown }

        public let name: String
        public let role: Role
        public let leader: Bool
        public let state: State
        public let availability: Availability
        /// botops' tasks running there, as `service.slot`, sorted.
        public let tasks: [String]

        public init(name: String, role: Role, leader: Bool, state: State, availability: Availability, tasks: [String]) {
            self.name = name
            self.role = role
            self.leader = leader
            self.state = state
            self.availability = availability
            self.tasks = tasks
        }

        /// Whether someone took it out of scheduling (drained or paused) or it is not ready.
        public var needsAttention: Bool { state != .ready || availability != .active }
    }

    /// The engine's name in the Project.
    public let engine: String
    public let nodes: [Node]
    /// Why the cluster could not be read; nodes are then empty.
    public let error: String?

    public init(engine: String, nodes: [Node], error: String? = nil) {
        self.engine = engine
        self.nodes = nodes
        self.error = error
    }
}

/// A driver whose engines may be clusters (a Docker swarm) and can say how their nodes are.
public protocol ClusterReporter: Driver {
    /// One report per cluster engine the Project declares; none when it declares none.
    func clusters(context: DriverContext) async -> [ClusterReport]
}

extension ClusterReport {
    /// For `botops status`: one line a node, with what needs a person said plainly.
    public var text: String {
        var lines = ["Swarm engine '\(engine)':"]
        if let error {
            lines.append("  could not be read: \(error)")
            return lines.joined(separator: "\n") + "\n"
        }
        for node in nodes {
            let role = node.role.rawValue + (node.leader ? ", leader" : "")
            var line = "  \(node.name)  \(node.state.rawValue)  \(node.availability.rawValue)  \(role)"
            line += node.tasks.isEmpty ? "  runs none of botops' tasks" : "  runs \(node.tasks.joined(separator: " "))"
            if node.availability == .drain {
                line += "  (drained by hand: Swarm moved its tasks to the other nodes; botops leaves it so)"
            } else if node.availability == .pause {
                line += "  (paused by hand: Swarm places no new task there; botops leaves it so)"
            } else if node.state != .ready {
                line += "  (not ready: Swarm reschedules its tasks)"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
