import Foundation
import Reconciler
import Spec

/// Where a service's last update is (`UpdateStatus.State`). Engine 20.10 reports `rollback_completed`, which the
/// v1.41 document's enum omits.
enum RolloutState: String {
    case updating
    case paused
    case completed
    case rollbackStarted = "rollback_started"
    case rollbackPaused = "rollback_paused"
    case rollbackCompleted = "rollback_completed"

    init?(of service: JSONValue) {
        guard let text = service["UpdateStatus"]?["State"]?.stringValue else { return nil }
        self.init(rawValue: text)
    }

    /// Rolled back or stopped half way: the update did not happen.
    var failed: Bool { self == .paused || self == .rollbackPaused || self == .rollbackCompleted }
    var inProgress: Bool { self == .updating || self == .rollbackStarted }
}

/// Where a swarm task is (`Status.State`), as Docker Engine names the states.
enum TaskState: String {
    case new, allocated, pending, assigned, accepted, preparing, ready, starting, running
    case complete, shutdown, failed, rejected, remove, orphaned
}

/// Turns a service as `GET /services` gives it into the canonical value ``ServiceValues/desired(_:image:project:)``
/// makes, so the two diff field by field; and says how its tasks and its last update are doing.
struct ServiceInspection {
    let engine: String
    /// Network names by id: Swarm answers with ids what it was given as names.
    let networks: [String: String]

    func value(of service: JSONValue) -> JSONValue {
        let spec = service["Spec"] ?? .null
        let task = spec["TaskTemplate"] ?? .null
        let container = task["ContainerSpec"] ?? .null
        let labels = spec["Labels"]?.objectValue ?? [:]
        var env: [String: JSONValue] = [:]
        for entry in (container["Env"]?.arrayValue ?? []).compactMap(\.stringValue) {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            env[String(parts[0])] = .string(parts.count > 1 ? String(parts[1]) : "")
        }
        let limits = task["Resources"]?["Limits"] ?? .null
        let memory = limits["MemoryBytes"]?.intValue ?? 0, nanoCPUs = limits["NanoCPUs"]?.intValue ?? 0
        let placement = task["Placement"] ?? .null
        let network = (task["Networks"]?.arrayValue ?? spec["Networks"]?.arrayValue ?? []).first?["Target"]?.stringValue
        let fields: [String: JSONValue] = [
            "image": .string(Self.withoutDigest(container["Image"]?.stringValue ?? "")),
            "command": Self.list(container["Args"]),
            "entrypoint": Self.list(container["Command"]),
            "env": .object(env),
            "secrets": .object(Dictionary((container["Secrets"]?.arrayValue ?? []).compactMap { secret in
                guard let file = secret["File"]?["Name"]?.stringValue, let name = secret["SecretName"]?.stringValue else { return nil }
                return (file, JSONValue.string(name))
            }, uniquingKeysWith: { first, _ in first })),
            "labels": .object(labels.filter { !ContainerValues.isBotopsLabel($0.key) }),
            "ports": .array(Self.ports(spec).sorted().map(JSONValue.string)),
            "volumes": .array(Self.volumes(container).sorted().map(JSONValue.string)),
            "network": network.map { .string(networks[$0] ?? $0) } ?? .null,
            "publish_mode": (spec["EndpointSpec"]?["Ports"]?.arrayValue?.first).map { .string($0["PublishMode"]?.stringValue ?? "ingress") } ?? .null,
            "replicas": .int(spec["Mode"]?["Replicated"]?["Replicas"]?.intValue ?? 1),
            "restart": .string(Self.restart(task["RestartPolicy"])),
            "memory": memory > 0 ? .int(memory) : .null,
            "cpus": nanoCPUs > 0 ? .double(Double(nanoCPUs) / 1e9) : .null,
            "healthcheck": ContainerValues.observedHealthcheck(container["Healthcheck"]) ?? .null,
            "stop_timeout": .int((container["StopGracePeriod"]?.intValue).map { $0 / 1_000_000_000 } ?? 10),
            "placement": ContainerValues.compact([
                "constraints": .array((placement["Constraints"]?.arrayValue ?? []).compactMap(\.stringValue).sorted().map(JSONValue.string)),
                "spread": .array((placement["Preferences"]?.arrayValue ?? []).compactMap { $0["Spread"]?["SpreadDescriptor"] }),
                "max_per_node": (placement["MaxReplicas"]?.intValue).flatMap { $0 > 0 ? JSONValue.int($0) : nil } ?? .null,
            ]),
            "update": Self.rollout(spec["UpdateConfig"]),
            "rollback": Self.rollout(spec["RollbackConfig"]),
        ]
        return .object(["name": .string(spec["Name"]?.stringValue ?? ""), "engine": .string(engine),
                        "managed_by": labels[ContainerValues.projectLabel] ?? .null, "mode": .string(ServiceValues.mode),
                        "service": ContainerValues.compact(fields)])
    }

    /// How it runs, for people: `2/2 running`, or its last update's failure; unhealthy while tasks are missing
    /// or an update rolled back or paused.
    static func status(of service: JSONValue) -> LiveStatus {
        let state = RolloutState(of: service)
        if let state, state.failed {
            let why = service["UpdateStatus"]?["Message"]?.stringValue.map { ": \($0)" } ?? ""
            return LiveStatus("last update \(state == .paused ? "paused" : "rolled back")\(why)", health: .unhealthy)
        }
        let running = service["ServiceStatus"]?["RunningTasks"]?.intValue ?? 0
        let desired = service["ServiceStatus"]?["DesiredTasks"]?.intValue ?? 0
        let text = "\(running)/\(desired) running" + (state.map { $0.inProgress ? ", \($0.rawValue)" : "" } ?? "")
        return LiveStatus(text, health: running >= desired ? .healthy : .starting)
    }

    /// Swarm pins an image to its digest when it can reach a registry: the reference declared is what compares.
    static func withoutDigest(_ image: String) -> String {
        guard let at = image.firstIndex(of: "@") else { return image }
        return String(image[..<at])
    }

    static func list(_ value: JSONValue?) -> JSONValue {
        guard let items = value?.arrayValue, !items.isEmpty else { return .null }
        return .array(items)
    }

    static func ports(_ spec: JSONValue) -> [String] {
        (spec["EndpointSpec"]?["Ports"]?.arrayValue ?? []).compactMap { port in
            guard let published = port["PublishedPort"]?.intValue, let target = port["TargetPort"]?.intValue else { return nil }
            return "\(published):\(target)/\(port["Protocol"]?.stringValue ?? "tcp")"
        }
    }

    static func volumes(_ container: JSONValue) -> [String] {
        (container["Mounts"]?.arrayValue ?? []).compactMap { mount in
            guard let source = mount["Source"]?.stringValue, let target = mount["Target"]?.stringValue else { return nil }
            return "\(source):\(target):\(mount["ReadOnly"]?.boolValue == true ? "ro" : "rw")"
        }
    }

    static func restart(_ policy: JSONValue?) -> String {
        let condition = policy?["Condition"]?.stringValue ?? "any"
        let attempts = policy?["MaxAttempts"]?.intValue ?? 0
        return condition == "on-failure" && attempts > 0 ? "on-failure:\(attempts)" : condition
    }

    /// Docker's defaults where a service says nothing (one made by hand without them).
    static func rollout(_ config: JSONValue?) -> JSONValue {
        var rollout = SwarmService.Rollout()
        if let config {
            rollout.parallelism = config["Parallelism"]?.intValue ?? rollout.parallelism
            rollout.delayMilliseconds = (config["Delay"]?.intValue ?? 0) / 1_000_000
            rollout.order = config["Order"]?.stringValue.flatMap(SwarmService.Rollout.Order.init) ?? rollout.order
            rollout.failureAction = config["FailureAction"]?.stringValue.flatMap(SwarmService.Rollout.FailureAction.init)
                ?? rollout.failureAction
            rollout.monitorMilliseconds = (config["Monitor"]?.intValue).map { $0 / 1_000_000 } ?? rollout.monitorMilliseconds
        }
        return ServiceValues.rollout(rollout)
    }
}
