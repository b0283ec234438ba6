import AsyncHTTPClient
import Drivers
import Foundation
import Logging
import NIOCore
import Reconciler
import Sandbox
import Spec
import TestSupport
import Testing

/// A sandbox, a configuration folder and a state file: one fleet under test, driven through the
/// same ReconcileSession the CLI uses, over real HTTP.
final class TelegramFleetHarness: Sendable {
    let sandbox: RunningSandbox
    /// One per harness, as the daemon keeps one: it remembers 429 pauses and unreachable endpoints.
    let catalog: DriverCatalog
    let folder: String
    let environment: [String: String]
    let tokens: [String: String]

    /// Calls that change something at Telegram (everything but get*).
    static func isWrite(_ call: SandboxCall) -> Bool { !call.method.hasPrefix("get") }

    /// - Parameters:
    ///   - bots: names of the bots the sandbox knows (tokens are made up per bot).
    ///   - unknownBots: names whose tokens are well-formed but unknown to the sandbox (401).
    /// - Parameter webhookSetInterval: the sandbox's one-setWebhook-per-bot-per-second rule; off
    ///   by default, since tests apply several revisions within a second.
    init(bots: [String], unknownBots: [String] = [], failRate: Double = 0, seed: UInt64? = 7,
         latency: Duration = .zero, webhookSetInterval: Duration = .zero, chats: [SandboxChat] = [],
         failKinds: Set<SandboxFailure> = SandboxFailure.quick, slowAnswer: Duration = .seconds(35),
         retryAttempts: Int = 10, telegramTimeout: TimeAmount = .seconds(30), parallelism: Int = 4) async throws {
        catalog = DriverCatalog(retry: RetryPolicy(maxAttempts: retryAttempts, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200)),
                                telegramTimeout: telegramTimeout, parallelism: parallelism)
        var tokens: [String: String] = [:]
        for (index, name) in (bots + unknownBots).enumerated() {
            tokens[name] = "\(7_000_000 + index):AAH\(String(repeating: "x", count: 10))\(name.replacingOccurrences(of: "-", with: "_"))\(String(repeating: "Q", count: 24))"
        }
        self.tokens = tokens
        var configuration = SandboxConfiguration(
            bots: bots.map { SandboxBot(token: tokens[$0]!, username: "\($0.replacingOccurrences(of: "-", with: "_"))_bot") },
            latency: latency, failRate: failRate, failKinds: failKinds, retryAfter: 1, seed: seed, webhookSetInterval: webhookSetInterval)
        configuration.chats = chats
        configuration.slowAnswer = slowAnswer
        sandbox = try await RunningSandbox.start(configuration)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-fleet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var environment: [String: String] = [:]
        for (name, token) in tokens {
            environment[Self.tokenVariable(name)] = token
            environment[Self.secretVariable(name)] = "secret-\(name)-1"
        }
        self.environment = environment
        try write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: test}
            spec:
              telegram: {apiURL: "\(sandbox.baseURL)"}
            """)
    }

    static func tokenVariable(_ bot: String) -> String { bot.uppercased().replacingOccurrences(of: "-", with: "_") + "_TOKEN" }
    static func secretVariable(_ bot: String) -> String { bot.uppercased().replacingOccurrences(of: "-", with: "_") + "_SECRET" }

    func write(_ path: String, _ text: String) throws {
        let full = folder + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: folder + "/" + path)
    }

    /// A bot document with a profile, two command sets, a menu button and rights.
    static func botYAML(_ name: String, description: String = "Does things", languages: [String] = ["ru"]) -> String {
        var yaml = """
            apiVersion: botops/v1
            kind: Bot
            metadata: {name: \(name)}
            spec:
              token: {fromEnv: \(tokenVariable(name))}
              profile:
                name: \(name.capitalized)
                description: \(description)
                shortDescription: Short \(name)

            """
        if !languages.isEmpty {
            yaml += "    languages:\n"
            for language in languages {
                yaml += "      \(language): {name: \(name.capitalized) \(language), description: Описание \(language)}\n"
            }
        }
        yaml += """
              commands:
                - commands:
                    - {command: start, description: Start}
                    - {command: help, description: Help}
                - scope: all_group_chats
                  language: ru
                  commands:
                    - {command: start, description: Начать}
              menuButton: commands
              administratorRights:
                groups: {canDeleteMessages: true, canPinMessages: true}

            """
        return yaml
    }

    static func webhookYAML(_ bot: String, url: String? = nil, drop: Bool = false) -> String {
        """
        apiVersion: botops/v1
        kind: Webhook
        metadata: {name: \(bot)}
        spec:
          bot: \(bot)
          url: \(url ?? "https://gateway.example.com/tg/\(bot)")
          secretToken: {fromEnv: \(secretVariable(bot))}
          allowedUpdates: [message, callback_query]
          dropPendingUpdates: \(drop)

        """
    }

    func session(environment override: [String: String] = [:]) throws -> ReconcileSession {
        let result = try SpecLoader().load(from: DirectorySource(root: folder))
        guard let state = result.state else {
            throw HarnessError(message: "invalid test configuration: \(result.diagnostics)")
        }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return ReconcileSession(state: state, store: FileStateStore(path: folder + "/.botops/state.json"),
                                drivers: catalog.drivers(for: state.project, logger: logger),
                                secrets: SecretResolver(environment: environment.merging(override) { _, new in new }),
                                logger: logger, parallelism: 4)
    }

    /// Plans; a partial plan throws its unknown resources, as a failed read used to.
    func plan(environment: [String: String] = [:]) async throws -> Plan {
        let plan = try await session(environment: environment).plan()
        if plan.isPartial { throw ResourceErrors(plan.unknown) }
        return plan
    }

    /// Plans and applies without asking; the report is nil when nothing ran (refused). A partial
    /// plan throws its unknown resources.
    @discardableResult
    func apply(environment: [String: String] = [:]) async throws -> (Plan, ApplyReport?) {
        switch try await session(environment: environment).apply(approve: { _ in true }) {
        case let .applied(plan, report), let .cancelled(plan, report): return (plan, report)
        case let .noChanges(plan): return (plan, ApplyReport(outcomes: [:], actions: [:]))
        case let .refused(plan, _) where plan.isPartial: throw ResourceErrors(plan.unknown)
        case let .planned(plan), let .refused(plan, _), let .declined(plan): return (plan, nil)
        }
    }

    func writes() async -> [SandboxCall] { await sandbox.calls().filter(Self.isWrite) }

    func inventory() async throws -> Inventory {
        try await FileStateStore(path: folder + "/.botops/state.json").load()
    }

    /// Calls the sandbox directly, as a person clicking in a client would (drift from outside botops).
    func callDirectly(_ bot: String, _ method: String, _ body: String) async throws {
        var request = HTTPClientRequest(url: "\(sandbox.baseURL)/bot\(tokens[bot]!)/\(method)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        #expect(text.contains("\"ok\":true"), "\(text)")
    }

    /// The bot's id in the sandbox: what its token starts with.
    func botID(_ bot: String) -> String { String(tokens[bot]!.prefix { $0 != ":" }) }

    /// Changes a bot's place in a chat, as the chat's owner would.
    func setMember(_ chat: String, bot: String, status: String, rights: [String] = []) async throws {
        var request = HTTPClientRequest(url: "\(sandbox.baseURL)/_sandbox/chats/\(chat)/members/\(botID(bot))")
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "application/json")
        let list = rights.map { "\"\($0)\"" }.joined(separator: ",")
        request.body = .bytes(ByteBuffer(string: #"{"status": "\#(status)", "rights": [\#(list)]}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(response.status.code == 204)
    }

    func shutdown() async {
        try? await catalog.shutdown()
        await sandbox.stop()
        TestArtifacts.discard(folder)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
