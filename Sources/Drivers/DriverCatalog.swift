import AsyncHTTPClient
import Logging
import NIOCore
import Reconciler
import Spec
import Synchronization

/// Builds the drivers a project needs, each pointed at its live system, and keeps what must outlive
/// one run: the HTTP client and, per Bot API URL, the pacing that remembers each bot's 429 pauses
/// and whether the endpoint is down. The CLI makes one per command; the daemon one for its life.
///
/// Call ``shutdown()`` when done with it.
public final class DriverCatalog: Sendable {
    /// Overrides the Project's `telegram.apiURL` (staging against the sandbox, a local Bot API server).
    public let telegramAPIURL: String?
    /// Each bot's pace of calls a second.
    public let telegramPerBotPerSecond: Double
    /// Fleet-wide ceiling on Telegram calls a second; 0 means none (the default).
    public let telegramRequestsPerSecond: Double
    public let retry: RetryPolicy
    /// How long a Bot API call may take before it counts as lost (and, being transient, is retried).
    public let telegramTimeout: TimeAmount
    /// Reads (and writes) that run at once.
    public let parallelism: Int
    private let http: HTTPClient
    private let clients = Mutex<[String: TelegramClient]>([:])
    private let connectTimeout: TimeAmount
    private let databaseAnswerDeadline: Duration
    /// Whether the database answers, remembered across runs like the Bot API's.
    private let databaseBreaker = EndpointBreaker()
    /// Statements sent to Postgres by the drivers of this catalog (the benchmark's round trips).
    public let postgresStatements = StatementCounter()
    /// Replaces the host of the built-in `default` engine when the Project declares none (`DOCKER_HOST`).
    public let dockerHost: String?
    /// One client per engine endpoint: its negotiated API version and whether it is down outlive a run.
    private let dockerClients = Mutex<[DockerEndpoint: DockerClient]>([:])
    /// Told of every request the drivers send (the daemon's metrics).
    public let recorder: (any CallRecorder)?
    /// The kinds configurations are read with; each one but the Project is served by exactly one driver.
    public let kinds: KindRegistry
    /// Drivers of kinds added to the registry beyond botops' own (a test's kind).
    private let extraDrivers: [any Driver]
    /// Loads of commits, kept for the next pass (the daemon loads the applied revision again on every push).
    public let loads = LoadCache(capacity: 4)
    /// The state files' snapshots as last read or written, shared by the file stores of every session.
    public let snapshots = FileSnapshotCache()

    public init(telegramAPIURL: String? = nil, telegramPerBotPerSecond: Double = 30, telegramRequestsPerSecond: Double = 0,
                retry: RetryPolicy = RetryPolicy(), telegramTimeout: TimeAmount = .seconds(30),
                parallelism: Int = 10, connectTimeout: TimeAmount = .seconds(5),
                databaseAnswerDeadline: Duration = PostgresDriver.defaultAnswerDeadline,
                dockerHost: String? = nil, recorder: (any CallRecorder)? = nil,
                kinds: KindRegistry = .standard, drivers extraDrivers: [any Driver] = []) {
        self.kinds = kinds
        self.extraDrivers = extraDrivers
        self.recorder = recorder
        self.dockerHost = dockerHost.flatMap { $0.isEmpty ? nil : $0 }
        self.telegramAPIURL = telegramAPIURL
        self.telegramPerBotPerSecond = telegramPerBotPerSecond
        self.telegramRequestsPerSecond = telegramRequestsPerSecond
        self.retry = retry
        self.telegramTimeout = telegramTimeout
        self.parallelism = max(1, parallelism)
        self.connectTimeout = connectTimeout
        self.databaseAnswerDeadline = databaseAnswerDeadline
        http = TelegramClient.makeHTTPClient(connectTimeout: connectTimeout, connections: self.parallelism)
    }

    /// Lets every system marked down be tried again: the daemon calls it as each pass starts, so a system
    /// that came back is used at once instead of after the rest of its minute marked down.
    public func reopenEndpoints() async {
        await databaseBreaker.reopen()
        for client in clients.withLock({ Array($0.values) }) { await client.reopen() }
        for client in dockerClients.withLock({ Array($0.values) }) { await client.reopen() }
    }

    /// The Bot API client of `project` (or of the override), shared with its drivers, so any other
    /// call (a notification) is paced with theirs and counts against the same bots' limits.
    public func telegramClient(for project: Project, logger: Logger) -> TelegramClient {
        let baseURL = telegramAPIURL ?? project.telegramAPIURL
        return clients.withLock { clients in
            if let client = clients[baseURL] { return client }
            let client = TelegramClient(baseURL: baseURL, http: http, perBotPerSecond: telegramPerBotPerSecond,
                                        requestsPerSecond: telegramRequestsPerSecond, retry: retry, timeout: telegramTimeout, logger: logger,
                                        recorder: recorder)
            clients[baseURL] = client
            return client
        }
    }

    public func drivers(for project: Project, logger: Logger) -> [any Driver] {
        let telegram = telegramClient(for: project, logger: logger)
        let dockerHost = self.dockerHost
        let docker = DockerDriver(concurrency: parallelism) { [weak self] engine in
            guard let self else { return nil }
            // The built-in default engine (not declared, so no location) follows DOCKER_HOST, as docker does.
            let host = engine.location == nil ? dockerHost ?? engine.host : engine.host
            return self.dockerClient(DockerEndpoint(host: host, tls: engine.tls), logger: logger)
        }
        let drivers: [any Driver] = [
            TelegramDriver(client: telegram, concurrency: parallelism), docker,
            PostgresDriver(connectTimeout: connectTimeout, answerDeadline: databaseAnswerDeadline, breaker: databaseBreaker,
                           statements: postgresStatements, recorder: recorder),
        ] + extraDrivers
        for kind in kinds.kinds where kind != .project {
            let serving = drivers.filter { $0.kinds.contains(kind) }.map(\.name)
            precondition(serving.count == 1, "kind \(kind) must be served by exactly one driver, not \(serving)")
        }
        return drivers
    }

    /// The driver that serves `kind`, for what only that driver can do (a restart).
    public func driver(for kind: ResourceKind, project: Project, logger: Logger) -> (any Driver)? {
        drivers(for: project, logger: logger).first { $0.kinds.contains(kind) }
    }

    func dockerClient(_ endpoint: DockerEndpoint?, logger: Logger) -> DockerClient? {
        guard let endpoint else { return nil }
        return dockerClients.withLock { clients in
            if let client = clients[endpoint] { return client }
            let client = DockerClient(endpoint: endpoint, http: http, logger: logger, recorder: recorder)
            clients[endpoint] = client
            return client
        }
    }

    /// Calls made to the Docker engines of this catalog: reads and writes (the benchmark's and tests' count).
    public var dockerCalls: (reads: Int, writes: Int) {
        dockerClients.withLock { clients in
            clients.values.reduce((0, 0)) { ($0.0 + $1.counter.readCalls, $0.1 + $1.counter.writeCalls) }
        }
    }

    /// Closes the HTTP client's connections.
    public func shutdown() async throws {
        try await http.shutdown()
    }
}
