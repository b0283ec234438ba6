import Foundation

/// Reads a `Project` spec.
struct ProjectDecoder {
    let spec: MappingReader
    let metadata: ResourceMetadata
    var context: ReadContext { spec.context }

    func decode() -> Project? {
        spec.rejectUnknownKeys(["telegram", "docker", "postgres", "state", "prune", "maxDeletes", "notifications", "events"])
        var project = Project(metadata: metadata)
        if let telegram = spec.mapping("telegram") {
            telegram.rejectUnknownKeys(["apiURL"])
            if let url = telegram.string("apiURL") {
                if Self.httpURL(url) != nil {
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
        if let nodes = spec.sequence("notifications") {
            project.notifications = nodes.enumerated().compactMap { readNotification($1, path: "spec.notifications[\($0)]") }
        }
        if let events = spec.mapping("events") { project.events = readEventSettings(events) }
        return project
    }

    /// `{retentionDays, backlogThreshold}`, each within its range (reported where written otherwise).
    private func readEventSettings(_ events: MappingReader) -> EventSettings {
        events.rejectUnknownKeys(["retentionDays", "backlogThreshold"])
        var settings = EventSettings()
        if let days = events.int("retentionDays") {
            if (1...EventSettings.maximumRetentionDays).contains(days) {
                settings.retentionDays = days
            } else {
                context.sink.error(.invalidValue, at: events.valueLocation("retentionDays"),
                    "'spec.events.retentionDays' must be from 1 to \(EventSettings.maximumRetentionDays) days, not \(days)")
            }
        }
        if let threshold = events.int("backlogThreshold") {
            if threshold >= 1 {
                settings.backlogThreshold = threshold
            } else {
                context.sink.error(.invalidValue, at: events.valueLocation("backlogThreshold"),
                    "'spec.events.backlogThreshold' must be 1 or more pending updates, not \(threshold)")
            }
        }
        return settings
    }

    /// One `{telegram: {bot, chatId, events}}` or `{webhook: {url, secret, events}}`.
    private func readNotification(_ node: YAMLNode, path: String) -> NotificationChannel? {
        guard let entry = MappingReader(node, path: path, context: context) else { return nil }
        let kinds = ["telegram", "webhook"]
        entry.rejectUnknownKeys(kinds)
        let given = kinds.filter(entry.has)
        guard given.count == 1, let kind = given.first, let reader = entry.mapping(kind) else {
            if given.count != 1 {
                context.sink.error(given.isEmpty ? .missingField : .invalidValue, at: entry.location,
                    "'\(path)' must have exactly one of telegram: {bot, chatId} or webhook: {url, secret}"
                    + (given.isEmpty ? "" : ", not both"))
            }
            return nil
        }
        let events = readEvents(reader)
        if kind == "telegram" {
            reader.rejectUnknownKeys(["bot", "chatId", "events"])
            let bot = reader.nonEmptyString("bot")
            let chat = reader.chat("chatId")
            guard let bot, let chat, let events else { return nil }
            return NotificationChannel(destination: .telegram(bot: bot, chat: chat), events: events, location: entry.location,
                                       botLocation: reader.valueLocation("bot"))
        }
        reader.rejectUnknownKeys(["url", "secret", "events"])
        let url = reader.string("url", required: true).flatMap { checkedURL($0, reader) }
        let secret = reader.secret("secret", required: true)
        guard let url, let secret, let events else { return nil }
        return NotificationChannel(destination: .webhook(url: url, secret: secret), events: events, location: entry.location)
    }

    /// Every event when `events` is left out; nil when it names one that does not exist (reported).
    private func readEvents(_ reader: MappingReader) -> Set<NotificationEvent>? {
        guard reader.has("events") else { return Set(NotificationEvent.allCases) }
        guard let nodes = reader.sequence("events") else { return nil }
        var events: Set<NotificationEvent> = []
        var valid = true
        let allowed = NotificationEvent.allCases.map(\.rawValue)
        for (index, node) in nodes.enumerated() {
            guard let name = node.stringScalar else {
                valid = false
                context.sink.error(.typeMismatch, at: context.location(of: node),
                    "'\(reader.childPath("events"))[\(index)]' must be a string, not \(node.typeDescription)")
                continue
            }
            if let event = NotificationEvent(rawValue: name) {
                events.insert(event)
            } else {
                valid = false
                context.sink.error(.invalidValue, at: context.location(of: node),
                    "'\(reader.childPath("events"))' lists '\(name)', which is not an event; the events are "
                    + allowed.joined(separator: ", ") + Suggestion.phrase(for: name, in: allowed))
            }
        }
        if valid && events.isEmpty {
            context.sink.error(.invalidValue, at: reader.valueLocation("events"),
                "'\(reader.childPath("events"))' is empty, so nothing would be sent; leave it out for every event")
            return nil
        }
        return valid ? events : nil
    }

    /// An http(s) URL without credentials in it (the channel's name is logged); plain http to a host
    /// other than loopback is allowed with a warning, since the body then travels in clear.
    private func checkedURL(_ url: String, _ reader: MappingReader) -> String? {
        guard let components = Self.httpURL(url), let scheme = components.scheme, let host = components.host else {
            context.sink.error(.invalidValue, at: reader.valueLocation("url"),
                "'\(reader.childPath("url"))' must be an http(s) URL such as https://hooks.example.org/botops, not '\(url)'")
            return nil
        }
        if components.user != nil || components.password != nil {
            context.sink.error(.literalSecret, at: reader.valueLocation("url"),
                "'\(reader.childPath("url"))' holds credentials, which never go into git; authenticate the receiver "
                + "with the signature of 'secret' instead")
            return nil
        }
        if scheme == "http", !["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) {
            context.sink.warning(.advice, at: reader.valueLocation("url"),
                "'\(reader.childPath("url"))' is plain http: notifications (revisions, resource names) travel in clear; use https")
        }
        return url
    }

    /// The parts of an `http://` or `https://` URL with a host; nil for anything else.
    static func httpURL(_ text: String) -> URLComponents? {
        guard let components = URLComponents(string: text), components.scheme == "https" || components.scheme == "http",
              components.host?.isEmpty == false else { return nil }
        return components
    }

    private func readEngines(_ engines: MappingReader) -> [String: Project.DockerEngine] {
        var result: [String: Project.DockerEngine] = [:]
        for (name, _) in engines.keys {
            guard let engine = engines.mapping(name) else { continue }
            engine.rejectUnknownKeys(["host", "tls", "mode"])
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
            let mode = engine.oneOf("mode", Project.DockerEngine.Mode.allCases.map(\.rawValue)).flatMap(Project.DockerEngine.Mode.init)
            result[name] = Project.DockerEngine(host: host, tls: tls, mode: mode ?? .standalone, location: engines.keyLocation(name))
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
