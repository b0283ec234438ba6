import Foundation
import Reconciler
import Spec

/// One container as import reads it: its canonical value (as the driver compares it, so the document
/// written plans as no change), and its environment split into plain values and secrets.
struct ImportedContainer: Sendable {
    struct SecretKey: Sendable, Hashable {
        let container: String
        let variable: String
    }

    let name: String
    let engine: String
    /// The value ``ContainerInspection`` reads: what the first plan compares the document with.
    let value: JSONValue
    /// Variables the container sets itself (not its image's, not the engine's), by name.
    let plain: [String: String]
    let secrets: [String: String]
    /// Labels of the tool that made it (compose), left out of the document.
    let toolLabels: [String]

    init(name: String, inspected: JSONValue, imageConfig: JSONValue?, engine: String) {
        self.name = name
        self.engine = engine
        // Env values are read below, not from the value (which shows them only as fingerprints).
        value = ContainerInspection(engine: engine, imageConfig: imageConfig, fingerprint: { _ in "" })
            .value(of: inspected, desired: nil)
        let inherited = Set((imageConfig?["Env"]?.arrayValue ?? []).compactMap(\.stringValue))
        var plain: [String: String] = [:], secrets: [String: String] = [:]
        for entry in (inspected["Config"]?["Env"]?.arrayValue ?? []).compactMap(\.stringValue) where !inherited.contains(entry) {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let variable = String(parts[0]), text = parts.count > 1 ? String(parts[1]) : ""
            if ContainerValues.engineEnvironment.contains(variable) { continue }
            if DockerImporter.looksSecret(name: variable, value: text) { secrets[variable] = text } else { plain[variable] = text }
        }
        self.plain = plain
        self.secrets = secrets
        toolLabels = (inspected["Config"]?["Labels"]?.objectValue ?? [:]).keys
            .filter { key in ContainerValues.engineLabelPrefixes.contains(where: key.hasPrefix) }.sorted()
    }

    func document(secretVariables: [SecretKey: String]) -> ResourceDocument {
        func strings(_ key: String) -> YAMLTree? {
            guard let items = value[key]?.arrayValue, !items.isEmpty else { return nil }
            return .sequence(items.compactMap(\.stringValue).map(YAMLTree.string))
        }
        var env: [YAMLEntry] = plain.keys.sorted().map { YAMLEntry($0, .string(plain[$0]!)) }
        for variable in secrets.keys.sorted() {
            let reference = secretVariables[SecretKey(container: name, variable: variable)] ?? variable
            env.append(YAMLEntry(variable, .flow([YAMLEntry("fromEnv", .string(reference))])))
        }
        env.sort { $0.key < $1.key }
        let labels = (value["labels"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
            .map { YAMLEntry($0.key, .string($0.value.stringValue ?? $0.value.description)) }
        let network = value["network"]?.stringValue ?? ContainerValues.network(nil)
        let restart = value["restart"]?.stringValue ?? ContainerValues.restartText(name: "", retries: 0)
        let stopTimeout = value["stop_timeout"]?.intValue ?? 10
        let image: YAMLTree? = value["image"]?.stringValue.map(YAMLTree.string)
        let stopped = Container.RunState.stopped.rawValue
        let state: YAMLTree? = value["state"]?.stringValue == stopped ? .string(stopped) : nil
        let volumes: YAMLTree? = (value["volumes"]?.arrayValue).map { items in
            YAMLTree.sequence(items.compactMap(\.stringValue).map { YAMLTree.string($0.hasSuffix(":rw") ? String($0.dropLast(3)) : $0) })
        }
        let memory: YAMLTree? = value["memory"]?.intValue.map { YAMLTree.string(Self.memory(Int64($0))) }
        var cpus: YAMLTree?
        switch value["cpus"] {
        case let .double(number)?: cpus = .double(number)
        case let .int(number)?: cpus = .int(Int64(number))
        default: cpus = nil
        }
        let health: YAMLTree? = value["healthcheck"].map(Self.healthcheck)
        var pairs: [(String, YAMLTree?)] = [("image", image), ("command", strings("command")), ("entrypoint", strings("entrypoint"))]
        pairs.append(("env", env.isEmpty ? nil : YAMLTree.mapping(env)))
        pairs.append(("state", state))
        // What the spec writes when it says nothing: left out, as a person would.
        pairs.append(("restartPolicy", restart == ContainerValues.restartText(name: "", retries: 0) ? nil : YAMLTree.string(restart)))
        pairs.append(("ports", strings("ports")))
        pairs.append(("volumes", volumes))
        pairs.append(("network", network == ContainerValues.network(nil) ? nil : YAMLTree.string(network)))
        pairs.append(("labels", labels.isEmpty ? nil : YAMLTree.mapping(labels)))
        pairs.append(("engine", engine == "default" ? nil : YAMLTree.string(engine)))
        pairs.append(("memory", memory))
        pairs.append(("cpus", cpus))
        pairs.append(("healthcheck", health))
        pairs.append(("stopTimeout", stopTimeout == 10 ? nil : YAMLTree.string("\(stopTimeout)s")))
        let spec = YAMLTree.keyed(pairs)
        var header = ["Imported from the container '\(name)' on the Docker engine '\(engine)' by botops import docker.",
                      toolLabels.isEmpty ? nil : "The labels of the tool that made it (\(toolLabels.joined(separator: ", "))) are left out: "
                          + "the replacement is botops', not that tool's.",
                      "It has no botops labels yet: the first apply takes it over with --adopt Container/\(name), replacing it",
                      "by the same container carrying them."]
        if !secrets.isEmpty {
            header.append("Values that look secret are references: export each variable named with the container's current value.")
        }
        return ResourceDocument(kind: .container, name: name, header: header.compactMap { $0 }, spec: spec)
    }

    /// Bytes in the largest binary unit that divides them: 268435456 → `256Mi`.
    static func memory(_ bytes: Int64) -> String {
        for (unit, size) in [("Ti", Int64(1) << 40), ("Gi", Int64(1) << 30), ("Mi", Int64(1) << 20), ("Ki", Int64(1) << 10)]
            where bytes % size == 0 {
            return "\(bytes / size)\(unit)"
        }
        return "\(bytes)b"
    }

    /// Milliseconds as the spec writes a duration: `30s`, `1500ms`.
    static func duration(_ milliseconds: Int) -> String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }

    static func healthcheck(_ check: JSONValue) -> YAMLTree {
        .keyed([
            ("test", .sequence((check["test"]?.arrayValue ?? []).compactMap(\.stringValue).map(YAMLTree.string))),
            ("interval", check["interval_ms"]?.intValue.map { .string(duration($0)) }),
            ("timeout", check["timeout_ms"]?.intValue.map { .string(duration($0)) }),
            ("retries", check["retries"]?.intValue.map { .int(Int64($0)) }),
        ])
    }
}
