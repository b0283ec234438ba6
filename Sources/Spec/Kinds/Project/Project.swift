/// The fleet-wide settings: where Telegram, Docker and Postgres are, and safety limits.
public struct Project: Sendable, Hashable {
    /// Where botops keeps its record of what it applied.
    public enum StateBackend: String, Sendable, Hashable, CaseIterable {
        case file
        case postgres
    }

    public struct DockerEngine: Sendable, Hashable {
        /// What a Container becomes on the engine.
        public enum Mode: String, Sendable, Hashable, CaseIterable {
            /// A container (Docker Engine or podman).
            case standalone
            /// A swarm service of the same name, on a swarm manager.
            case swarm
        }

        /// `unix:///path/docker.sock` or `tcp://host:port`.
        public var host: String
        public var tls: DockerTLS?
        public var mode: Mode
        /// Where the engine is declared, for errors about reaching it; nil for the built-in default.
        public var location: SourceLocation?
        public init(host: String, tls: DockerTLS? = nil, mode: Mode = .standalone, location: SourceLocation? = nil) {
            self.host = host
            self.tls = tls
            self.mode = mode
            self.location = location
        }
    }

    public struct DockerTLS: Sendable, Hashable {
        public var ca: String?
        public var cert: String?
        public var key: String?
        public init(ca: String? = nil, cert: String? = nil, key: String? = nil) {
            self.ca = ca
            self.cert = cert
            self.key = key
        }
    }

    public static let defaultTelegramAPIURL = "https://api.telegram.org"
    public static let defaultEngines = ["default": DockerEngine(host: "unix:///var/run/docker.sock")]

    public var metadata: ResourceMetadata
    /// Base URL of the Bot API (`https://api.telegram.org`, a local Bot API server, or the sandbox).
    public var telegramAPIURL: String
    public var dockerEngines: [String: DockerEngine]
    public var postgresURL: SecretReference?
    public var postgresSchema: String
    public var state: StateBackend
    /// Whether resources botops owns but git no longer declares are deleted.
    public var prune: Bool
    /// Deletions one run may make without an explicit override.
    public var maxDeletes: Int
    /// Where the daemon reports failures, healed drift, applies, webhook trouble and leadership changes.
    public var notifications: [NotificationChannel] = []
    /// How long the daemon's event log keeps events, and when a webhook's backlog is one.
    public var events = EventSettings()

    public init(metadata: ResourceMetadata, telegramAPIURL: String = Project.defaultTelegramAPIURL,
                dockerEngines: [String: DockerEngine] = Project.defaultEngines, postgresURL: SecretReference? = nil,
                postgresSchema: String = "botops", state: StateBackend = .file, prune: Bool = true, maxDeletes: Int = 10) {
        self.metadata = metadata
        self.telegramAPIURL = telegramAPIURL
        self.dockerEngines = dockerEngines
        self.postgresURL = postgresURL
        self.postgresSchema = postgresSchema
        self.state = state
        self.prune = prune
        self.maxDeletes = maxDeletes
    }
}
