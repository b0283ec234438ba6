import Reconciler
import Spec

/// Turns `GET /containers/{id}/json` (and the image's defaults) into the canonical value
/// ``ContainerValues/desired(_:image:project:secretFingerprint:)`` makes, so the two diff field by field.
///
/// Values botops did not declare are never shown in clear: an env value is shown only when its
/// variable is declared as plain text in git; any other (a declared secret, a variable added by hand)
/// appears as its keyed fingerprint.
struct ContainerInspection {
    let engine: String
    /// `Config` of the container's image: what the container inherits and the config did not say.
    let imageConfig: JSONValue?
    let fingerprint: (String) -> String

    func value(of inspected: JSONValue, desired: JSONValue?) -> JSONValue {
        let config = inspected["Config"] ?? .null
        let host = inspected["HostConfig"] ?? .null
        let labels = config["Labels"]?.objectValue ?? [:]
        let wanted = desired?.objectValue ?? [:]
        let policy = host["RestartPolicy"] ?? .null
        let memory = host["Memory"]?.intValue ?? 0
        let nanoCPUs = host["NanoCpus"]?.intValue ?? 0
        var name = inspected["Name"]?.stringValue ?? ""
        if name.hasPrefix("/") { name.removeFirst() }
        return ContainerValues.compact([
            "name": .string(name),
            "engine": .string(engine),
            "managed_by": labels[ContainerValues.projectLabel] ?? .null,
            "image": config["Image"] ?? .null,
            "command": inheritable(config["Cmd"], image: imageConfig?["Cmd"], declared: wanted["command"]),
            "entrypoint": inheritable(config["Entrypoint"], image: imageConfig?["Entrypoint"], declared: wanted["entrypoint"]),
            "env": .object(environment(config, declared: desired?["env"]?.objectValue ?? [:])),
            "labels": .object(userLabels(labels, declared: wanted["labels"]?.objectValue ?? [:])),
            "ports": .array(Self.ports(host).sorted().map(JSONValue.string)),
            "volumes": .array(Self.volumes(host).sorted().map(JSONValue.string)),
            "network": .string(ContainerValues.network(host["NetworkMode"]?.stringValue)),
            "restart": .string(ContainerValues.restartText(name: policy["Name"]?.stringValue ?? "",
                                                          retries: policy["MaximumRetryCount"]?.intValue ?? 0)),
            "memory": memory > 0 ? .int(memory) : .null,
            "cpus": nanoCPUs > 0 ? .double(Double(nanoCPUs) / 1e9) : .null,
            "healthcheck": healthcheck(config, declared: wanted["healthcheck"]),
            "stop_timeout": .int(config["StopTimeout"]?.intValue ?? 10),
            "state": .string(Self.runState(inspected["State"]?["Status"]?.stringValue)),
        ])
    }

    /// The environment the container runs with, less what the image and the engine put there unasked.
    private func environment(_ config: JSONValue, declared: [String: JSONValue]) -> [String: JSONValue] {
        var env: [String: JSONValue] = [:]
        let inherited = Set((imageConfig?["Env"]?.arrayValue ?? []).compactMap(\.stringValue))
        for entry in (config["Env"]?.arrayValue ?? []).compactMap(\.stringValue) {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]), value = parts.count > 1 ? String(parts[1]) : ""
            let wanted = declared[name]
            if wanted == nil, inherited.contains(entry) || ContainerValues.engineEnvironment.contains(name) { continue }
            if let plain = wanted?.stringValue, !plain.hasPrefix("hmac-sha256:"), plain == value {
                env[name] = .string(value)
            } else {
                // Anything git does not say in clear (a secret, a value set by hand, or one that was a
                // secret before this commit made it plain) is shown as its fingerprint only.
                env[name] = .string(fingerprint(value))
            }
        }
        return env
    }

    /// The labels someone set: not botops' own, not the image's, not a tool's unless declared.
    private func userLabels(_ labels: [String: JSONValue], declared: [String: JSONValue]) -> [String: JSONValue] {
        let imageLabels = imageConfig?["Labels"]?.objectValue ?? [:]
        var user: [String: JSONValue] = [:]
        for (key, value) in labels where !ContainerValues.isBotopsLabel(key) && imageLabels[key] != value {
            if declared[key] == nil, ContainerValues.engineLabelPrefixes.contains(where: key.hasPrefix) { continue }
            user[key] = value
        }
        return user
    }

    /// `[ip:]host:container/proto` for every published port.
    private static func ports(_ host: JSONValue) -> [String] {
        var ports: [String] = []
        for (key, bindings) in host["PortBindings"]?.objectValue ?? [:] {
            let parts = key.split(separator: "/")
            guard let inner = parts.first else { continue }
            let proto = parts.count > 1 ? String(parts[1]) : "tcp"
            for binding in bindings.arrayValue ?? [] {
                let ip = binding["HostIp"]?.stringValue ?? ""
                let hostPort = binding["HostPort"]?.stringValue ?? ""
                let prefix = ip.isEmpty ? "" : ip.contains(":") ? "[\(ip)]:" : "\(ip):"
                ports.append("\(prefix)\(hostPort):\(inner)/\(proto)")
            }
        }
        return ports
    }

    /// `source:target:ro|rw` for every bind.
    private static func volumes(_ host: JSONValue) -> [String] {
        (host["Binds"]?.arrayValue ?? []).compactMap(\.stringValue).map { bind -> String in
            let parts = bind.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 2 else { return bind }
            let options = parts.count > 2 ? parts[2].split(separator: ",") : []
            return "\(parts[0]):\(parts[1]):\(options.contains("ro") ? "ro" : "rw")"
        }
    }

    /// The container's own health check with Docker's defaults filled in; null when it only inherits
    /// the image's and none is declared, or when checks are off.
    private func healthcheck(_ config: JSONValue, declared: JSONValue?) -> JSONValue {
        let inheritedCheck = declared == nil && config["Healthcheck"] == imageConfig?["Healthcheck"]
        guard !inheritedCheck else { return .null }
        return ContainerValues.observedHealthcheck(config["Healthcheck"]) ?? .null
    }

    /// The command (or entrypoint) as the config would say it: null when the container just inherits
    /// the image's and nothing was declared. podman reports no entrypoint as `[]`, Docker as null.
    private func inheritable(_ live: JSONValue?, image: JSONValue?, declared: JSONValue?) -> JSONValue {
        let value = normalized(live)
        if (declared ?? .null) == .null, value == normalized(image) { return .null }
        return value
    }

    private func normalized(_ value: JSONValue?) -> JSONValue {
        guard let array = value?.arrayValue, !array.isEmpty else { return .null }
        return .array(array)
    }

    /// `running` or `stopped` as declared; `paused` and the like as they are, so they show as drift.
    static func runState(_ status: String?) -> String {
        switch status ?? "" {
        case "running", "restarting": return "running"
        case "created", "exited", "dead", "stopped", "configured": return "stopped"
        default: return status ?? "unknown"
        }
    }
}
