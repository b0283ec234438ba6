import Foundation
import Reconciler
import Spec

extension Container {
    /// The health check the container runs: none for `test: [NONE]`, which only switches off the image's.
    var activeHealthcheck: HealthCheck? {
        healthcheck.flatMap { $0.test.first == "NONE" ? nil : $0 }
    }
}

/// The canonical form of a Container that desired and observed values share, and the Engine API body
/// that creates it. Defaults are filled in on both sides (Docker's health check timings, the restart
/// policy `no`, the stop timeout 10 s), so a converged container diffs to nothing on Docker and podman.
enum ContainerValues {
    /// Labels on every container botops creates.
    static let projectLabel = "dev.botops.project"
    static let resourceLabel = "dev.botops.resource"
    static let specHashLabel = "dev.botops.spec-hash"

    /// Whether a label is one of botops' own (the three above, and any it adds later), never the user's.
    static func isBotopsLabel(_ key: String) -> Bool { key.hasPrefix("dev.botops.") }

    /// Fields that cannot change in place: any of them changing makes a new container.
    static let replaceTriggers: Set<String> = ["image", "command", "entrypoint", "env", "labels", "ports", "volumes", "network",
                                               "restart", "memory", "cpus", "healthcheck", "stop_timeout", "engine", "managed_by"]

    /// Labels of the tools that made a container (compose, podman, swarm): theirs, not the user's. Dropped from
    /// observations unless declared, so an imported compose container is not given them again (compose would
    /// take it for its own and remove it with `compose down`).
    static let engineLabelPrefixes = ["com.docker.compose.", "io.podman.", "com.docker.swarm.", "com.docker.stack."]

    /// Variables engines add on their own (podman), dropped from observations unless declared.
    static let engineEnvironment: Set<String> = ["container", "HOSTNAME", "HOME", "TERM"]

    /// Docker's health-check defaults, applied when a field is not given.
    static let defaultHealthIntervalMilliseconds = 30_000
    static let defaultHealthTimeoutMilliseconds = 30_000
    static let defaultHealthRetries = 3

    /// The desired value of `container` with its image reference resolved (a built image's tag), secret
    /// env values as keyed fingerprints.
    static func desired(_ container: Container, image: String, project: String,
                        secretFingerprint: (String) -> String?) -> (JSONValue, sensitive: Set<String>) {
        var env: [String: JSONValue] = [:]
        var sensitive: Set<String> = []
        for (name, value) in container.environment {
            switch value {
            case let .plain(text): env[name] = .string(text)
            case .secret:
                env[name] = secretFingerprint(name).map(JSONValue.string) ?? .null
                sensitive.insert("env.\(name)")
            }
        }
        let value = compact([
            "name": .string(container.metadata.name),
            "engine": .string(container.engine),
            "managed_by": .string(project),
            "image": .string(image),
            "command": container.command.map { .array($0.map(JSONValue.string)) } ?? .null,
            "entrypoint": container.entrypoint.map { .array($0.map(JSONValue.string)) } ?? .null,
            "env": .object(env),
            "labels": .object(container.labels.mapValues(JSONValue.string)),
            "ports": .array(container.ports.map(portText).sorted().map(JSONValue.string)),
            "volumes": .array(container.volumes.map { "\($0.source):\($0.target):\($0.readOnly ? "ro" : "rw")" }.sorted()
                .map(JSONValue.string)),
            "network": .string(network(container.network)),
            "restart": .string(restartText(name: container.restartPolicy.name, retries: container.restartPolicy.maximumRetryCount)),
            "memory": container.memoryBytes.map { .int(Int($0)) } ?? .null,
            "cpus": container.cpus.map { .double(roundedCPUs($0)) } ?? .null,
            "healthcheck": container.activeHealthcheck.map(healthcheckValue) ?? .null,
            "stop_timeout": .int(container.stopTimeoutSeconds),
            "state": .string(container.state.rawValue),
        ])
        return (value, sensitive)
    }

    /// Leaves out what is not set (null, no ports, no env), on both sides alike, so a plan shows only
    /// what a container has.
    static func compact(_ fields: [String: JSONValue]) -> JSONValue {
        .object(fields.filter { _, value in
            switch value {
            case .null: return false
            case let .array(items): return !items.isEmpty
            case let .object(members): return !members.isEmpty
            default: return true
            }
        })
    }

    /// The spec hash label: everything but what changes in place (run state, name).
    static func specHash(_ value: JSONValue) -> String {
        guard var fields = value.objectValue else { return Fingerprinter.digest(value.description) }
        fields["state"] = nil
        fields["name"] = nil
        fields["leftovers"] = nil
        return String(Fingerprinter.digest(JSONValue.object(fields).description).prefix(32))
    }

    static func portText(_ port: PortMapping) -> String {
        let ip = port.hostIP.map { $0.contains(":") ? "[\($0)]:" : "\($0):" } ?? ""
        return "\(ip)\(port.hostPort):\(port.containerPort)/\(port.proto)"
    }

    /// Docker's default network is called `default` by Docker and `bridge` by podman: one name for both.
    static func network(_ name: String?) -> String {
        guard let name, name != "default" else { return "bridge" }
        return name
    }

    static func restartText(name: String, retries: Int) -> String {
        let name = name.isEmpty ? "no" : name
        return name == "on-failure" && retries > 0 ? "on-failure:\(retries)" : name
    }

    /// NanoCpus is an integer: 0.333 cores round-trips as 0.333.
    static func roundedCPUs(_ cpus: Double) -> Double { (cpus * 1e9).rounded() / 1e9 }

    /// The body of `POST /containers/create`. `environment` holds resolved values (secrets in clear,
    /// for this request only).
    static func createBody(_ container: Container, image: String, environment: [String: String],
                           labels: [String: String]) -> JSONValue {
        var exposed: [String: JSONValue] = [:]
        var bindings: [String: [JSONValue]] = [:]
        for port in container.ports {
            let key = "\(port.containerPort)/\(port.proto)"
            exposed[key] = .object([:])
            bindings[key, default: []].append(.object(["HostIp": .string(port.hostIP ?? ""), "HostPort": .string(String(port.hostPort))]))
        }
        var host: [String: JSONValue] = [
            "NetworkMode": .string(container.network ?? "default"),
            "RestartPolicy": .object(["Name": .string(container.restartPolicy.name == "no" ? "" : container.restartPolicy.name),
                                      "MaximumRetryCount": .int(container.restartPolicy.maximumRetryCount)]),
            "PortBindings": .object(bindings.mapValues(JSONValue.array)),
            "Binds": .array(container.volumes.map { .string("\($0.source):\($0.target):\($0.readOnly ? "ro" : "rw")") }),
        ]
        if let memory = container.memoryBytes { host["Memory"] = .int(Int(memory)) }
        if let cpus = container.cpus { host["NanoCpus"] = .int(Int((cpus * 1e9).rounded())) }
        var body: [String: JSONValue] = [
            "Image": .string(image),
            "Env": .array(environment.sorted { $0.key < $1.key }.map { .string("\($0.key)=\($0.value)") }),
            "Labels": .object(labels.mapValues(JSONValue.string)),
            "ExposedPorts": .object(exposed),
            "StopTimeout": .int(container.stopTimeoutSeconds),
            "HostConfig": .object(host),
        ]
        if let command = container.command { body["Cmd"] = .array(command.map(JSONValue.string)) }
        if let entrypoint = container.entrypoint { body["Entrypoint"] = .array(entrypoint.map(JSONValue.string)) }
        if let check = container.healthcheck { body["Healthcheck"] = healthcheckBody(check) }
        return .object(body)
    }

    /// A declared health check as the canonical value has it, Docker's defaults filled in.
    static func healthcheckValue(_ check: HealthCheck) -> JSONValue {
        .object([
            "test": .array(check.test.map(JSONValue.string)),
            "interval_ms": .int(check.intervalMilliseconds ?? defaultHealthIntervalMilliseconds),
            "timeout_ms": .int(check.timeoutMilliseconds ?? defaultHealthTimeoutMilliseconds),
            "retries": .int(check.retries ?? defaultHealthRetries),
        ])
    }

    /// An engine's `Healthcheck` (a container's config or a service's container spec) as the canonical value has it,
    /// its zeros read as Docker's defaults; nil for none, or for checks switched off (`NONE`).
    static func observedHealthcheck(_ health: JSONValue?) -> JSONValue? {
        guard let health, let test = health["Test"]?.arrayValue, !test.isEmpty, test.first?.stringValue != "NONE" else { return nil }
        func milliseconds(_ key: String, _ fallback: Int) -> Int {
            let nanoseconds = health[key]?.intValue ?? 0
            return nanoseconds > 0 ? nanoseconds / 1_000_000 : fallback
        }
        return .object([
            "test": .array(test),
            "interval_ms": .int(milliseconds("Interval", defaultHealthIntervalMilliseconds)),
            "timeout_ms": .int(milliseconds("Timeout", defaultHealthTimeoutMilliseconds)),
            "retries": .int((health["Retries"]?.intValue).flatMap { $0 > 0 ? $0 : nil } ?? defaultHealthRetries),
        ])
    }

    /// A declared health check as the Engine API takes it (nanoseconds).
    static func healthcheckBody(_ check: HealthCheck) -> JSONValue {
        .object([
            "Test": .array(check.test.map(JSONValue.string)),
            "Interval": .int((check.intervalMilliseconds ?? defaultHealthIntervalMilliseconds) * 1_000_000),
            "Timeout": .int((check.timeoutMilliseconds ?? defaultHealthTimeoutMilliseconds) * 1_000_000),
            "Retries": .int(check.retries ?? defaultHealthRetries),
        ])
    }
}
