import ArgumentParser
import Daemon
import Drivers
import Foundation
import Logging
import Reconciler
import Sandbox
import Spec

/// `botops reconcile`: the daemon. Reconciles on start, every interval and on request, and serves
/// health and status over HTTP.
struct ReconcileCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Run the reconcile daemon: a pass on start, every --interval, and on POST /api/v1/reconcile.",
        discussion: """
            Each pass reads the configuration again (with --repo, the tracked --ref's newest commit), applies \
            without asking, and applies what could be read when something could not. Passes never overlap; \
            requests during a pass make one next pass. A failing pass is retried with backoff; an invalid \
            configuration waits for the next change. Endpoints: GET /healthz, GET /readyz (after the first pass), \
            GET /metrics (Prometheus), GET /api/v1/status and /api/v1/events (a read key), POST /api/v1/reconcile (an operate key). SIGTERM lets the calls in flight finish and exits 0.
            """
    )

    @OptionGroup var options: ReconcileOptions

    @Option(help: ArgumentHelp("Time between full passes, jittered by ±10 %: 30s, 5m, 1h, or seconds.", valueName: "duration"))
    var interval = "5m"

    @Option(help: ArgumentHelp("Address of the HTTP endpoints (port 0 picks a free one).", valueName: "host:port"))
    var listen = "127.0.0.1:9100"

    @Option(help: ArgumentHelp("Enables POST /hooks/github with this webhook secret (X-Hub-Signature-256).", valueName: "env:NAME|file:PATH"))
    var githubSecret: String?

    @Option(help: ArgumentHelp("Enables POST /hooks/gitlab with this token (X-Gitlab-Token).", valueName: "env:NAME|file:PATH"))
    var gitlabToken: String?

    @Option(help: ArgumentHelp("Enables POST /hooks/gitea with this webhook secret (X-Gitea-Signature).", valueName: "env:NAME|file:PATH"))
    var giteaSecret: String?

    @Option(help: ArgumentHelp("Enables POST /hooks/generic: HMAC-SHA256 of the body, hex, in X-Botops-Signature: sha256=...",
                               valueName: "env:NAME|file:PATH"))
    var genericSecret: String?

    @Option(help: ArgumentHelp("A bearer key of the API with its role: read (status) or operate (also reconcile). Repeatable.",
                               valueName: "read|operate=env:NAME|file:PATH"))
    var apiKey: [String] = []

    @Flag(help: "Require a read key for /metrics, /healthz and /readyz too.")
    var protectMetrics = false

    @Option(help: ArgumentHelp("The address people open the fleet page at, behind a reverse proxy (https://botops.example.com): "
        + "its session cookie is then Secure, and its forms are accepted from there.", valueName: "url"))
    var publicUrl: String?

    /// The `--api-key` values, read.
    func apiKeys() throws -> APIKeys {
        var keys: [(key: String, role: APIKeys.Role)] = []
        for entry in apiKey {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let role = APIKeys.Role(rawValue: parts[0]) else {
                throw ValidationError("--api-key takes ROLE=REF with ROLE read or operate, such as operate=env:BOTOPS_API_KEY")
            }
            let key = try SecretOption.read(parts[1], option: "--api-key")!
            // The key itself is never said, only where it came from and how long it is.
            guard key.count >= APIKeys.minimumLength else {
                throw ValidationError("--api-key \(entry): the key has \(key.count) character\(key.count == 1 ? "" : "s"); "
                    + "use at least \(APIKeys.minimumLength), such as the output of `openssl rand -hex 16`")
            }
            keys.append((key, role))
        }
        return APIKeys(keys)
    }

    func validate() throws {
        // A daemon would only fail every pass, quietly retrying; a folder missing at start is a typo.
        if options.source.repo == nil {
            do {
                try DirectorySource(root: options.source.directory ?? ".").checkFolder()
            } catch {
                throw ValidationError(error.message)
            }
        }
        guard Self.seconds(interval) != nil else {
            throw ValidationError("--interval must be a duration such as 30s, 5m or 1h (at least 1s), not '\(interval)'")
        }
        _ = try SandboxTelegramCommand.parseListenForDaemon(listen)
        _ = try SecretOption.read(githubSecret, option: "--github-secret")
        _ = try SecretOption.read(genericSecret, option: "--generic-secret")
        _ = try SecretOption.read(gitlabToken, option: "--gitlab-token")
        _ = try SecretOption.read(giteaSecret, option: "--gitea-secret")
        let keys = try apiKeys()
        if protectMetrics && keys.isEmpty {
            throw ValidationError("--protect-metrics needs an --api-key read=... for the scraper to use")
        }
    }

    /// Whole seconds of an `--interval`, at least one; nil for anything else.
    static func seconds(_ text: String) -> Int? {
        guard let duration = DurationArgument.parse(text), duration >= .seconds(1) else { return nil }
        return Int(duration.components.seconds)
    }

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        let (host, port) = try SandboxTelegramCommand.parseListenForDaemon(listen)
        let json = Terminal.json
        var logger = Logger(label: "botops.daemon") { label -> any LogHandler in
            json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
        }
        logger.logLevel = .info
        let metrics = DaemonMetrics()
        let (session, request) = try options.makeSession(recorder: metrics)
        let source = options.source
        let schedule = PassSchedule(interval: .seconds(Self.seconds(interval) ?? 300), start: .now)
        let notifier = NotificationDispatcher(logger: logger, metrics: metrics)
        let loop = ReconcileLoop(schedule: schedule, session: session, state: request.state, options: request.options,
                                 logger: logger, metrics: metrics, notifier: notifier,
                                 commitLink: options.source.repo.flatMap(CommitLink.init(repository:))) {
            try source.makeSource()
        }
        do {
            let hooks = PushReceiver(githubSecret: try SecretOption.read(githubSecret, option: "--github-secret"),
                                     gitlabToken: try SecretOption.read(gitlabToken, option: "--gitlab-token"),
                                     giteaSecret: try SecretOption.read(giteaSecret, option: "--gitea-secret"),
                                     genericSecret: try SecretOption.read(genericSecret, option: "--generic-secret"),
                                     branch: options.source.repo == nil ? nil : options.source.ref)
            try await Daemon.run(loop: loop, hooks: hooks, keys: try apiKeys(), protectMetrics: protectMetrics,
                                 publicURL: publicUrl, host: host, port: port, logger: logger) { bound in
                Terminal.write("botops reconcile: listening on http://\(host.contains(":") ? "[\(host)]" : host):\(bound)\n")
            }
        } catch {
            // Closing connections is best effort; the error reported is the command's.
            try? await session.catalog.shutdown()
            await notifier.shutdown()
            Terminal.error("the daemon stopped: \(error)")
            throw ExitCode(1)
        }
        try? await session.catalog.shutdown()
        await notifier.shutdown()
    }
}

extension SandboxTelegramCommand {
    /// `--listen` for the daemon, with the daemon's wording.
    static func parseListenForDaemon(_ text: String) throws -> (host: String, port: Int) {
        do {
            return try parseListen(text)
        } catch let error as SandboxConfigurationError {
            throw ValidationError(error.message)
        }
    }
}
