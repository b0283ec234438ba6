import Foundation

/// Reads a `Project` spec.
struct ProjectDecoder {
    let spec: MappingReader
    let metadata: ResourceMetadata
    var context: ReadContext { spec.context }

    func decode() -> Project? {
        spec.rejectUnknownKeys(["telegram", "docker", "postgres", "state", "prune", "maxDeletes"])
        var project = Project(metadata: metadata)
        if let telegram = spec.mapping("telegram") {
            telegram.rejectUnknownKeys(["apiURL"])
            if let url = telegram.string("apiURL") {
                let components = URLComponents(string: url)
                if let scheme = components?.scheme, scheme == "https" || scheme == "http", components?.host?.isEmpty == false {
                    project.telegramAPIURL = url.hasSuffix("/") ? String(url.dropLast()) : url
                } else {
                    context.sink.error(.invalidValue, at: telegram.valueLocation("apiURL"),
                        "'spec.telegram.apiURL' must be an http(s) URL such as https://api.telegram.org, not '\(url)'")
                }
            }
        }
        if let docker = spec.mapping("docker") {
            docker.rejectUnknownKeys(["engines"])
            if let engines = docker.mapping("engines") {
                project.dockerEngines = readEngines(engines)
            }
        }
        if let postgres = spec.mapping("postgres") {
            postgres.rejectUnknownKeys(["url", "schema"])
            project.postgresURL = postgres.secret("url")
            if let schema = postgres.string("schema") {
                if isSQLIdentifier(schema) {
                    project.postgresSchema = schema
                } else {
                    context.sink.error(.invalidValue, at: postgres.valueLocation("schema"),
                        "'spec.postgres.schema' must be a lowercase SQL identifier ([a-z_][a-z0-9_]*, at most 63), not '\(schema)'")
                }
            }
        }
        if let state = spec.oneOf("state", Project.StateBackend.allCases.map(\.rawValue)) {
            project.state = Project.StateBackend(rawValue: state)!
            if project.state == .postgres, project.postgresURL == nil {
                context.sink.error(.missingField, at: spec.valueLocation("state"),
                    "'spec.state' is postgres but 'spec.postgres.url' is not set; add the database URL as a secret reference")
            }
        }
        if let prune = spec.bool("prune") { project.prune = prune }
        if let maxDeletes = spec.int("maxDeletes") {
            if maxDeletes >= 0 {
                project.maxDeletes = maxDeletes
            } else {
                context.sink.error(.invalidValue, at: spec.valueLocation("maxDeletes"),
                    "'spec.maxDeletes' must be 0 or more, not \(maxDeletes)")
            }
        }
        return project
    }

    private func readEngines(_ engines: MappingReader) -> [String: Project.DockerEngine] {
        var result: [String: Project.DockerEngine] = [:]
        for (name, _) in engines.keys {
            guard let engine = engines.mapping(name) else { continue }
            engine.rejectUnknownKeys(["host", "tls"])
            guard let host = engine.string("host", required: true) else { continue }
            guard host.hasPrefix("unix:///") || isTCPHost(host) else {
                context.sink.error(.invalidValue, at: engine.valueLocation("host"),
                    "'\(engine.childPath("host"))' must be unix:///path/to/docker.sock or tcp://host:port, not '\(host)'")
                continue
            }
            var tls: Project.DockerTLS?
            if let tlsReader = engine.mapping("tls") {
                tlsReader.rejectUnknownKeys(["ca", "cert", "key"])
                tls = Project.DockerTLS(ca: tlsReader.string("ca"), cert: tlsReader.string("cert"), key: tlsReader.string("key"))
                if host.hasPrefix("unix://") {
                    context.sink.warning(.advice, at: engine.keyLocation("tls"),
                        "'\(engine.childPath("tls"))' is ignored for a unix socket; TLS applies to tcp:// hosts only")
                }
            }
            result[name] = Project.DockerEngine(host: host, tls: tls, location: engines.keyLocation(name))
        }
        return result
    }

    /// `tcp://host:port` with a port Docker can listen on.
    private func isTCPHost(_ host: String) -> Bool {
        guard host.hasPrefix("tcp://"), let components = URLComponents(string: host),
              components.host?.isEmpty == false, let port = components.port else { return false }
        return (1...65535).contains(port) && (components.path.isEmpty || components.path == "/")
    }

    private func isSQLIdentifier(_ text: String) -> Bool {
        guard (1...63).contains(text.count), let first = text.unicodeScalars.first,
              ("a"..."z").contains(first) || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { SpecSyntax.isLowerAlnum($0) || $0 == "_" }
    }
}
