import Foundation
import Logging
import Reconciler
import Spec

/// `botops import docker`: containers started by hand or by compose, as Container documents that declare them
/// as they run. Environment values that look secret are written as references, never as values. The
/// containers carry no botops label, so the first apply takes them over with `--adopt`: a replace by the
/// same container carrying the labels (an adoption, counted apart from changes).
public struct DockerImporter: Sendable {
    /// Which containers to import.
    public enum Selection: Sendable, Hashable {
        case names([String])
        /// Containers carrying every one of these `key=value` labels.
        case labels([String: String])
        case all
    }

    let catalog: DriverCatalog
    let project: Project
    let engine: String
    let logger: Logger

    /// - Parameter engine: a key of the Project's `docker.engines` (the built-in default follows DOCKER_HOST).
    public init(catalog: DriverCatalog, project: Project, engine: String = "default", logger: Logger = Logger(label: "botops.import")) {
        self.catalog = catalog
        self.project = project
        self.engine = engine
        self.logger = logger
    }

    /// Variable names whose values are taken for secrets: `*TOKEN*`, `*SECRET*`, `*PASSWORD*`, `*KEY*`.
    static let secretWords = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY"]

    static func looksSecret(name: String, value: String) -> Bool {
        let upper = name.uppercased()
        return secretWords.contains { upper.contains($0) } || TelegramRules.containsBotToken(value)
    }

    public func run(_ selection: Selection) async -> ImportedFleet {
        var fleet = ImportedFleet()
        guard let declared = project.dockerEngines[engine] else {
            fleet.failures.append("the Project declares no Docker engine '\(engine)' (declared: "
                + project.dockerEngines.keys.sorted().joined(separator: ", ") + ")")
            return fleet
        }
        let host = declared.location == nil ? catalog.dockerHost ?? declared.host : declared.host
        guard let client = catalog.dockerClient(DockerEndpoint(host: host, tls: declared.tls), logger: logger) else {
            fleet.failures.append("the Docker engine '\(engine)' has no usable address: \(host)")
            return fleet
        }
        let listed: JSONValue
        do throws(DockerAPIError) {
            var query = [("all", "1")]
            if case let .labels(labels) = selection {
                let filter = JSONValue.object(["label": .array(labels.sorted { $0.key < $1.key }.map { .string("\($0.key)=\($0.value)") })])
                query.append(("filters", filter.description))
            }
            listed = try await client.json(.GET, "/containers/json", query: query)
        } catch {
            fleet.failures.append("cannot list the containers of the Docker engine '\(engine)' (\(host)): \(error.description)")
            return fleet
        }
        var found: [(name: String, id: String)] = []
        var managed: Set<String> = []
        for item in listed.arrayValue ?? [] {
            guard let id = item["Id"]?.stringValue,
                  let name = item["Names"]?.arrayValue?.first?.stringValue.map({ $0.hasPrefix("/") ? String($0.dropFirst()) : $0 })
            else { continue }
            if case let .names(names) = selection, !names.contains(name) { continue }
            if let owner = item["Labels"]?[ContainerValues.projectLabel]?.stringValue {
                fleet.notes.append("\(name) is skipped: botops' project '\(owner)' already manages it")
                managed.insert(name)
                continue
            }
            found.append((name, id))
        }
        if case let .names(names) = selection {
            for missing in Set(names).subtracting(found.map(\.name)).subtracting(managed).sorted() {
                fleet.failures.append("no container named '\(missing)' on the Docker engine '\(engine)'")
            }
        }
        var containers: [ImportedContainer] = []
        for (name, id) in found.sorted(by: { $0.name < $1.name }) {
            guard ResourceMetadata.isValidName(name) else {
                fleet.failures.append("\(name): a Container's name is its container's, and '\(name)' cannot name a document "
                    + "(lowercase letters, digits and '-'); rename the container (docker rename) and import it again")
                continue
            }
            do throws(DockerAPIError) {
                let inspected = try await client.json(.GET, "/containers/\(id)/json")
                var imageConfig: JSONValue?
                if let image = inspected["Image"]?.stringValue {
                    do {
                        imageConfig = try await client.json(.GET, "/images/\(DockerClient.escape(image))/json")["Config"]
                    } catch {
                        // The image is gone (the container still runs): nothing is known to be inherited.
                        fleet.notes.append("\(name): its image is no longer on the engine, so everything it runs with is written")
                    }
                }
                containers.append(ImportedContainer(name: name, inspected: inspected, imageConfig: imageConfig, engine: engine))
            } catch {
                fleet.failures.append("\(name): cannot inspect it: \(error.description)")
            }
        }
        let variables = Self.secretVariables(containers)
        for container in containers {
            fleet.documents.append(container.document(secretVariables: variables))
            for (variable, _) in container.secrets.sorted(by: { $0.key < $1.key }) {
                let reference = variables[ImportedContainer.SecretKey(container: container.name, variable: variable)] ?? variable
                fleet.notes.append("Container/\(container.name): \(variable) looks secret and is written as {fromEnv: \(reference)}: "
                    + "export \(reference) with the value the container has now (it is not written anywhere)")
            }
        }
        if !containers.isEmpty {
            fleet.notes.append("the containers carry no botops labels yet: the first plan and apply take them over with "
                + containers.map { "--adopt Container/\($0.name)" }.joined(separator: " ")
                + " (each is replaced by the same container carrying the labels)")
        }
        return fleet
    }

    /// The variable each secret is read from: its own name, unless containers hold different values under
    /// it, then prefixed with the container's name (`WORKER_BOT_TOKEN`).
    static func secretVariables(_ containers: [ImportedContainer]) -> [ImportedContainer.SecretKey: String] {
        var values: [String: Set<String>] = [:]
        for container in containers {
            for (variable, value) in container.secrets { values[variable, default: []].insert(value) }
        }
        var result: [ImportedContainer.SecretKey: String] = [:]
        for container in containers {
            for variable in container.secrets.keys {
                let shared = (values[variable]?.count ?? 0) <= 1
                let prefix = container.name.uppercased().replacingOccurrences(of: "-", with: "_")
                result[.init(container: container.name, variable: variable)] = shared ? variable : "\(prefix)_\(variable)"
            }
        }
        return result
    }
}
