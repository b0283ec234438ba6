import Foundation
import Reconciler
import Spec

/// The canonical form of a Container on a swarm engine, as a service: what desired and observed values share,
/// and the `ServiceSpec` that makes it.
///
/// Everything Swarm can change in place sits under `service`, which is no replace trigger: an image bump or a
/// scale is a service update (Swarm's rolling update), never a botops replace. Only moving it to another
/// engine (`engine`) or taking it over (`managed_by`) replaces it.
enum ServiceValues {
    static let mode = "swarm"

    /// Where a secret env value is mounted in a task, and the variable naming that file (`TOKEN_FILE`), the
    /// convention official images follow.
    static func secretFile(_ variable: String) -> String { "/run/secrets/\(variable)" }

    /// The Docker secret that holds one value of a Container's secret env: named by the service, the variable and
    /// the value's keyed fingerprint, so a new value is a new secret (Docker secrets cannot change) and the name
    /// says nothing of the value. At most 64 characters, as Docker requires.
    static func secretName(service: String, variable: String, fingerprint: String) -> String {
        let hex = fingerprint.split(separator: ":").last.map(String.init) ?? fingerprint
        return "\(service.prefix(36))-\(variable.lowercased().prefix(14))-\(hex.prefix(12))"
    }

    /// The desired value. A secret env value is never in it: the task gets `NAME_FILE`, and `secrets` names the
    /// Docker secret holding the value (see ``secretName(service:variable:fingerprint:)``).
    static func desired(_ container: Container, image: String, project: String, secretNames: [String: String] = [:]) -> JSONValue {
        let swarm = container.swarm ?? SwarmService()
        var env: [String: JSONValue] = [:]
        for (name, value) in container.environment {
            switch value {
            case let .plain(text): env[name] = .string(text)
            case .secret: env[name + "_FILE"] = .string(secretFile(name))
            }
        }
        let service = ContainerValues.compact([
            "image": .string(image),
            "command": container.command.map { .array($0.map(JSONValue.string)) } ?? .null,
            "entrypoint": container.entrypoint.map { .array($0.map(JSONValue.string)) } ?? .null,
            "env": .object(env),
            "secrets": .object(secretNames.mapValues(JSONValue.string)),
            "labels": .object(container.labels.mapValues(JSONValue.string)),
            "ports": .array(container.ports.map { "\($0.hostPort):\($0.containerPort)/\($0.proto)" }.sorted().map(JSONValue.string)),
            "volumes": .array(container.volumes.map { "\($0.source):\($0.target):\($0.readOnly ? "ro" : "rw")" }.sorted()
                .map(JSONValue.string)),
            "network": container.network.map(JSONValue.string) ?? .null,
            "publish_mode": container.ports.isEmpty ? .null : .string(swarm.publishMode.rawValue),
            "replicas": .int(container.state == .stopped ? 0 : swarm.replicas ?? 1),
            "restart": .string(restartCondition(container.restartPolicy)),
            "memory": container.memoryBytes.map { .int(Int($0)) } ?? .null,
            "cpus": container.cpus.map { .double(ContainerValues.roundedCPUs($0)) } ?? .null,
            "healthcheck": container.activeHealthcheck.map(ContainerValues.healthcheckValue) ?? .null,
            "stop_timeout": .int(container.stopTimeoutSeconds),
            "placement": ContainerValues.compact([
                "constraints": .array(swarm.constraints.sorted().map(JSONValue.string)),
                "spread": .array(swarm.spreadOver.map(JSONValue.string)),
                "max_per_node": swarm.maxReplicasPerNode.map(JSONValue.int) ?? .null,
            ]),
            "update": rollout(swarm.update),
            "rollback": rollout(swarm.rollback),
        ])
        return .object(["name": .string(container.metadata.name), "engine": .string(container.engine), "managed_by": .string(project),
                        "mode": .string(mode), "service": service])
    }

    static func rollout(_ rollout: SwarmService.Rollout) -> JSONValue {
        .object(["parallelism": .int(rollout.parallelism), "delay_ms": .int(rollout.delayMilliseconds), "order": .string(rollout.order.rawValue),
                 "failure_action": .string(rollout.failureAction.rawValue), "monitor_ms": .int(rollout.monitorMilliseconds)])
    }

    /// Docker's restart policy as a swarm restart condition (`no` is none, `always` and `unless-stopped` are any) and
    /// its attempts, nil for no limit.
    static func restart(_ policy: RestartPolicy) -> (condition: String, attempts: Int?) {
        switch policy.name {
        case "no", "": return ("none", nil)
        case "on-failure": return ("on-failure", policy.maximumRetryCount > 0 ? policy.maximumRetryCount : nil)
        default: return ("any", nil)
        }
    }

    /// ``restart(_:)`` as the canonical value has it: `on-failure:3`.
    static func restartCondition(_ policy: RestartPolicy) -> String {
        let (condition, attempts) = restart(policy)
        return attempts.map { "\(condition):\($0)" } ?? condition
    }

    /// The `ServiceSpec` of `POST /services/create` and `/services/{id}/update`. `network` is the network's
    /// name as declared (Swarm takes names and answers with ids).
    /// One Docker secret a service mounts: the variable it stands for, and the secret's name and id.
    struct MountedSecret: Sendable {
        let variable: String
        let name: String
        let id: String
    }

    static func spec(_ container: Container, image: String, labels: [String: String], secrets: [MountedSecret] = [],
                     forceUpdate: Int = 0) -> JSONValue {
        let swarm = container.swarm ?? SwarmService()
        var containerSpec: [String: JSONValue] = [
            "Image": .string(image),
            "Env": .array(container.environment.sorted { $0.key < $1.key }.map { name, value in
                switch value {
                case let .plain(text): return .string("\(name)=\(text)")
                case .secret: return .string("\(name)_FILE=\(secretFile(name))")
                }
            }),
            "Secrets": .array(secrets.sorted { $0.variable < $1.variable }.map { secret in
                .object(["SecretID": .string(secret.id), "SecretName": .string(secret.name),
                         "File": .object(["Name": .string(secret.variable), "UID": "0", "GID": "0", "Mode": .int(0o444)])])
            }),
            "Labels": .object(labels.mapValues(JSONValue.string)),
            "StopGracePeriod": .int(container.stopTimeoutSeconds * 1_000_000_000),
            "Mounts": .array(container.volumes.map { volume in
                .object(["Type": .string(volume.isHostPath ? "bind" : "volume"), "Source": .string(volume.source),
                         "Target": .string(volume.target), "ReadOnly": .bool(volume.readOnly)])
            }),
        ]
        if let command = container.command { containerSpec["Args"] = .array(command.map(JSONValue.string)) }
        if let entrypoint = container.entrypoint { containerSpec["Command"] = .array(entrypoint.map(JSONValue.string)) }
        if let check = container.healthcheck { containerSpec["Healthcheck"] = ContainerValues.healthcheckBody(check) }
        var limits: [String: JSONValue] = [:]
        if let memory = container.memoryBytes { limits["MemoryBytes"] = .int(Int(memory)) }
        if let cpus = container.cpus { limits["NanoCPUs"] = .int(Int((cpus * 1e9).rounded())) }
        let (condition, attempts) = Self.restart(container.restartPolicy)
        var restart: [String: JSONValue] = ["Condition": .string(condition)]
        if let attempts { restart["MaxAttempts"] = .int(attempts) }
        var placement: [String: JSONValue] = ["Constraints": .array(swarm.constraints.sorted().map(JSONValue.string)),
                                              "Preferences": .array(swarm.spreadOver.map { .object(["Spread": .object(["SpreadDescriptor": .string($0)])]) })]
        if let most = swarm.maxReplicasPerNode { placement["MaxReplicas"] = .int(most) }
        var task: [String: JSONValue] = [
            "ContainerSpec": .object(containerSpec),
            "Resources": .object(["Limits": .object(limits)]),
            "RestartPolicy": .object(restart),
            "Placement": .object(placement),
            "ForceUpdate": .int(forceUpdate),
        ]
        if let network = container.network { task["Networks"] = .array([.object(["Target": .string(network)])]) }
        var spec: [String: JSONValue] = [
            "Name": .string(container.metadata.name),
            "Labels": .object(labels.mapValues(JSONValue.string)),
            "TaskTemplate": .object(task),
            "Mode": .object(["Replicated": .object(["Replicas": .int(container.state == .stopped ? 0 : swarm.replicas ?? 1)])]),
            "UpdateConfig": rolloutSpec(swarm.update),
            "RollbackConfig": rolloutSpec(swarm.rollback),
        ]
        if !container.ports.isEmpty {
            spec["EndpointSpec"] = .object(["Ports": .array(container.ports.map { port in
                .object(["Protocol": .string(port.proto), "TargetPort": .int(port.containerPort),
                         "PublishedPort": .int(port.hostPort), "PublishMode": .string(swarm.publishMode.rawValue)])
            })])
        }
        return .object(spec)
    }

    static func rolloutSpec(_ rollout: SwarmService.Rollout) -> JSONValue {
        .object(["Parallelism": .int(rollout.parallelism), "Delay": .int(rollout.delayMilliseconds * 1_000_000),
                 "Order": .string(rollout.order.rawValue), "FailureAction": .string(rollout.failureAction.rawValue),
                 "Monitor": .int(rollout.monitorMilliseconds * 1_000_000)])
    }
}
