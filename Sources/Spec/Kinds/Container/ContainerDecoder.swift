import Foundation

/// Reads a `Container` spec: Docker's syntax for ports, volumes, memory, restart policy and healthchecks.
struct ContainerDecoder {
    let spec: MappingReader
    let metadata: ResourceMetadata
    var context: ReadContext { spec.context }

    func decode() -> Container? {
        spec.rejectUnknownKeys(["image", "command", "entrypoint", "env", "state", "restartPolicy", "ports", "volumes",
                                "network", "labels", "engine", "pullPolicy", "memory", "cpus", "healthcheck",
                                "stopTimeout", "healthTimeout", "replace", "build", "replicas", "placement", "update", "rollback",
                                "publishMode"])
        let build = spec.mapping("build").flatMap(readBuild)
        if spec.has("build"), spec.has("image") {
            context.sink.error(.invalidValue, at: spec.keyLocation("image"),
                "'spec.image' and 'spec.build' exclude each other: a built image is tagged botops/\(metadata.name):<tree id>; "
                + "remove one of them")
        }
        let image: String
        if build != nil {
            image = "botops/\(metadata.name)"
        } else if spec.has("build") {
            readRest()
            return nil
        } else if let declared = spec.nonEmptyString("image") {
            image = declared
        } else {
            readRest()
            return nil
        }
        var container = Container(metadata: metadata, image: image)
        container.build = build
        container.imageLocation = spec.valueLocation(build != nil ? "build" : "image")
        readRun(into: &container)
        readLimits(into: &container)
        readSwarm(into: &container)
        return container
    }

    /// What runs and how: command, environment, run state, restart policy, ports, volumes, network,
    /// labels, engine and pull policy.
    private func readRun(into container: inout Container) {
        container.command = spec.stringOrList("command")
        container.entrypoint = spec.stringOrList("entrypoint")
        container.environment = spec.mapping("env").map(readEnvironment) ?? [:]
        if spec.has("env") { container.environmentLocation = spec.keyLocation("env") }
        if let state = spec.oneOf("state", Container.RunState.allCases.map(\.rawValue)) {
            container.state = Container.RunState(rawValue: state)!
        }
        if let policy = spec.string("restartPolicy") {
            if let parsed = parseRestartPolicy(policy) {
                container.restartPolicy = parsed
            } else {
                context.sink.error(.invalidValue, at: spec.valueLocation("restartPolicy"),
                    "'spec.restartPolicy' must be no, always, unless-stopped, on-failure or on-failure:N, not '\(policy)'")
            }
        }
        container.ports = readList("ports", parsePort,
            expected: "[ip:]hostPort:containerPort[/tcp|/udp] with ports 1-65535")
        container.volumes = readList("volumes", parseVolume,
            expected: "name-or-/host/path:/container/path[:ro|:rw] with an absolute container path")
        container.network = spec.string("network")
        container.labels = spec.stringMap("labels") ?? [:]
        container.engine = spec.nonEmptyString("engine", required: false) ?? "default"
        if let pull = spec.oneOf("pullPolicy", Container.PullPolicy.allCases.map(\.rawValue)) {
            container.pullPolicy = Container.PullPolicy(rawValue: pull)!
        }
    }

    /// What it may use and how it is replaced: memory, CPUs, the health check, stop and health timeouts.
    private func readLimits(into container: inout Container) {
        if let memory = spec.string("memory") {
            if let bytes = SpecSyntax.bytes(ofMemory: memory), bytes > 0 {
                container.memoryBytes = bytes
            } else {
                context.sink.error(.invalidValue, at: spec.valueLocation("memory"),
                    "'spec.memory' must be a size such as 256Mi, 512m or 1Gi (units b, k, m, g, Ki, Mi, Gi, Ti), not '\(memory)'")
            }
        }
        if let cpus = spec.number("cpus") {
            if cpus > 0 {
                container.cpus = cpus
            } else {
                context.sink.error(.invalidValue, at: spec.valueLocation("cpus"), "'spec.cpus' must be more than 0, not \(cpus)")
            }
        }
        container.healthcheck = spec.mapping("healthcheck").flatMap(readHealthCheck)
        if let seconds = duration("stopTimeout", allowZero: true, wholeSeconds: true) {
            container.stopTimeoutSeconds = seconds / 1000
        }
        if let milliseconds = duration("healthTimeout", allowZero: false, wholeSeconds: false) {
            container.healthTimeoutMilliseconds = milliseconds
        }
        if let replace = spec.oneOf("replace", Container.ReplaceStrategy.allCases.map(\.rawValue)) {
            container.replace = Container.ReplaceStrategy(rawValue: replace)!
            if container.replace == .overlap, !container.ports.isEmpty {
                context.sink.error(.invalidValue, at: spec.valueLocation("replace"),
                    "'spec.replace: overlap' cannot work for a container that publishes host ports: its successor could "
                    + "not bind them while it runs; use 'replace: recreate' (the default with ports) or drop the ports")
            }
        }
    }

    /// A duration in milliseconds, or an integer number of seconds; nil (reported) when invalid.
    private func duration(_ key: String, allowZero: Bool, wholeSeconds: Bool) -> Int? {
        guard let node = spec.node(key) else { return nil }
        let milliseconds: Int?
        if let seconds = node.intScalar {
            milliseconds = seconds >= 0 && seconds <= 86_400 ? seconds * 1000 : nil
        } else if let text = node.stringScalar {
            milliseconds = text == "0" || text == "0s" ? 0 : SpecSyntax.milliseconds(ofDuration: text)
        } else {
            milliseconds = nil
        }
        guard let value = milliseconds, value > 0 || (allowZero && value == 0), value <= 86_400_000,
              !wholeSeconds || value % 1000 == 0 else {
            context.sink.error(.invalidValue, at: spec.valueLocation(key),
                "'spec.\(key)' must be a duration such as \(wholeSeconds ? "10s or 1m (whole seconds" : "60s or 2m (more than 0")"
                + ", at most 24h), not \(node.scalar.map { "'\($0.string)'" } ?? node.typeDescription)")
            return nil
        }
        return value
    }

    private func readBuild(_ reader: MappingReader) -> ImageBuild? {
        reader.rejectUnknownKeys(["repo", "ref", "path", "dockerfile", "args"])
        guard let repository = reader.nonEmptyString("repo") else { return nil }
        var build = ImageBuild(repository: repository, location: reader.valueLocation("repo"))
        if let ref = reader.nonEmptyString("ref", required: false) { build.ref = ref }
        if let path = reader.string("path") {
            let trimmed = path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
            if path.hasPrefix("/") || trimmed.split(separator: "/").contains("..") {
                context.sink.error(.invalidValue, at: reader.valueLocation("path"),
                    "'\(reader.childPath("path"))' must be a folder inside the repository (relative, no '..'), not '\(path)'")
            } else {
                build.path = trimmed
            }
        }
        if let dockerfile = reader.nonEmptyString("dockerfile", required: false) {
            if dockerfile.hasPrefix("/") || dockerfile.split(separator: "/").contains("..") {
                context.sink.error(.invalidValue, at: reader.valueLocation("dockerfile"),
                    "'\(reader.childPath("dockerfile"))' must be a path inside the build context, not '\(dockerfile)'")
            } else {
                build.dockerfile = dockerfile
            }
        }
        build.arguments = reader.stringMap("args") ?? [:]
        return build
    }

    /// Reports problems in the remaining fields even when the image is missing, so one run shows them all.
    private func readRest() {
        _ = spec.mapping("env").map(readEnvironment)
        _ = readList("ports", parsePort, expected: "[ip:]hostPort:containerPort[/tcp|/udp]")
        _ = readList("volumes", parseVolume, expected: "name-or-/host/path:/container/path[:ro|:rw]")
        _ = spec.mapping("healthcheck").flatMap(readHealthCheck)
    }

    private func readEnvironment(_ reader: MappingReader) -> [String: Container.EnvironmentValue] {
        var environment: [String: Container.EnvironmentValue] = [:]
        for (name, keyNode) in reader.keys {
            guard SpecSyntax.isEnvironmentName(name) else {
                context.sink.error(.invalidValue, at: context.location(of: keyNode),
                    "environment variable name '\(name)' must match [A-Za-z_][A-Za-z0-9_]*")
                continue
            }
            guard let node = reader.node(name) else { continue }
            if let text = node.stringScalar {
                environment[name] = .plain(text)
            } else if node.kind == .mapping {
                if let secret = MappingReader.secret(node, path: reader.childPath(name), context: context) {
                    environment[name] = .secret(secret)
                }
            } else {
                context.sink.error(.typeMismatch, at: context.location(of: node),
                    "'\(reader.childPath(name))' must be a string or a secret reference, not \(node.typeDescription)"
                    + (node.numberScalar != nil || node.boolScalar != nil ? " (quote it: \"\(node.scalar?.string ?? "")\")" : ""))
            }
        }
        return environment
    }

    private func readList<T>(_ key: String, _ parse: (String) -> T?, expected: String) -> [T] {
        guard let nodes = spec.sequence(key) else { return [] }
        var values: [T] = []
        for (index, node) in nodes.enumerated() {
            guard let text = node.stringScalar ?? (node.intScalar != nil ? node.scalar?.string : nil) else {
                context.sink.error(.typeMismatch, at: context.location(of: node),
                    "'spec.\(key)[\(index)]' must be a string, not \(node.typeDescription)")
                continue
            }
            guard let value = parse(text) else {
                context.sink.error(.invalidValue, at: context.location(of: node),
                    "'spec.\(key)[\(index)]' must be \(expected), not '\(text)'")
                continue
            }
            values.append(value)
        }
        return values
    }

    private func parseRestartPolicy(_ text: String) -> RestartPolicy? {
        switch text {
        case "no", "always", "unless-stopped", "on-failure": return RestartPolicy(name: text)
        default:
            guard text.hasPrefix("on-failure:"), let count = Int(text.dropFirst("on-failure:".count)), count >= 0 else {
                return nil
            }
            return RestartPolicy(name: "on-failure", maximumRetryCount: count)
        }
    }

    private func parsePort(_ text: String) -> PortMapping? {
        var body = Substring(text)
        var proto = "tcp"
        if let slash = body.lastIndex(of: "/") {
            proto = String(body[body.index(after: slash)...])
            guard ["tcp", "udp", "sctp"].contains(proto) else { return nil }
            body = body[..<slash]
        }
        var hostIP: String?
        if body.hasPrefix("["), let close = body.firstIndex(of: "]") {
            hostIP = String(body[body.index(after: body.startIndex)..<close])
            body = body[body.index(after: close)...]
            guard body.hasPrefix(":") else { return nil }
            body = body.dropFirst()
        }
        var parts = body.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 3, hostIP == nil {
            hostIP = String(parts.removeFirst())
        }
        guard parts.count == 2, SpecSyntax.isDigits(parts[0]), SpecSyntax.isDigits(parts[1]),
              let host = Int(parts[0]), let inner = Int(parts[1]),
              (1...65535).contains(host), (1...65535).contains(inner) else { return nil }
        if let ip = hostIP, !SpecSyntax.isIPAddress(ip) { return nil }
        return PortMapping(hostIP: hostIP, hostPort: host, containerPort: inner, proto: proto)
    }

    private func parseVolume(_ text: String) -> VolumeMount? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let source = parts[0], target = parts[1]
        var readOnly = false
        if parts.count == 3 {
            guard parts[2] == "ro" || parts[2] == "rw" else { return nil }
            readOnly = parts[2] == "ro"
        }
        guard !source.isEmpty, target.hasPrefix("/") else { return nil }
        if !source.hasPrefix("/") {
            // A named volume: Docker's rule for volume names.
            guard let first = source.unicodeScalars.first, SpecSyntax.isLowerAlnum(first) || ("A"..."Z").contains(first),
                  source.unicodeScalars.allSatisfy({ SpecSyntax.isLowerAlnum($0) || ("A"..."Z").contains($0) || "_.-".unicodeScalars.contains($0) })
            else { return nil }
        }
        return VolumeMount(source: source, target: target, readOnly: readOnly)
    }

    private func readHealthCheck(_ reader: MappingReader) -> HealthCheck? {
        reader.rejectUnknownKeys(["test", "interval", "timeout", "retries"])
        guard var test = reader.stringOrList("test", required: true) else { return nil }
        if reader.node("test")?.stringScalar != nil {
            test = ["CMD-SHELL", test[0]]
        } else if !["CMD", "CMD-SHELL", "NONE"].contains(test.first ?? "") {
            context.sink.error(.invalidValue, at: reader.valueLocation("test"),
                "'\(reader.childPath("test"))' as a list must start with CMD, CMD-SHELL or NONE, as Docker requires "
                + "(e.g. [CMD, curl, -f, http://localhost/health]); or write it as one shell string")
            return nil
        }
        var check = HealthCheck(test: test)
        for key in ["interval", "timeout"] {
            guard let text = reader.string(key) else { continue }
            guard let milliseconds = SpecSyntax.milliseconds(ofDuration: text), milliseconds > 0 else {
                context.sink.error(.invalidValue, at: reader.valueLocation(key),
                    "'\(reader.childPath(key))' must be a duration such as 30s, 1m30s or 500ms, not '\(text)'")
                continue
            }
            if key == "interval" { check.intervalMilliseconds = milliseconds } else { check.timeoutMilliseconds = milliseconds }
        }
        if let retries = reader.int("retries") {
            if retries >= 0 {
                check.retries = retries
            } else {
                context.sink.error(.invalidValue, at: reader.valueLocation("retries"),
                    "'\(reader.childPath("retries"))' must be 0 or more, not \(retries)")
            }
        }
        return check
    }
}
