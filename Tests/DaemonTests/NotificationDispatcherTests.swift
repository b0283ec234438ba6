import Crypto
import Daemon
import Drivers
import Foundation
import Logging
import Sandbox
import Spec
import Testing

/// Notices reach the ops chat (through a bot, on the sandbox) and signed webhooks; identical ones are
/// sent once per window; a channel that fails is counted and never throws.
@Suite("Notification dispatcher: Telegram and webhooks, signed, rate-limited, failures counted", .timeLimit(.minutes(5)))
struct NotificationDispatcherTests {
    static let token = "7400001:" + String(repeating: "n", count: 35)

    static func state(_ channels: String, sandbox: String) throws -> DesiredState {
        let loaded = SpecLoader().load(files: [
            SourceFile(path: "botops.yaml", text: """
                apiVersion: botops/v1
                kind: Project
                metadata: {name: notify}
                spec:
                  telegram: {apiURL: "\(sandbox)"}
                  notifications:
                \(channels)
                """),
            SourceFile(path: "bot.yaml", text: """
                apiVersion: botops/v1
                kind: Bot
                metadata: {name: opsbot}
                spec:
                  token: {fromEnv: OPSBOT_TOKEN}
                """),
        ])
        return try #require(loaded.state, "\(loaded.diagnostics)")
    }

    static let secrets = SecretResolver(environment: ["OPSBOT_TOKEN": token, "HOOK_SECRET": "hook-signing-secret"])

    @Test func theOpsChatAndTheWebhookHearOnceAndTheSignatureChecks() async throws {
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(bots: [SandboxBot(token: Self.token, username: "ops_bot")]))
        defer { Task { await sandbox.stop() } }
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let state = try Self.state("""
                - telegram: {bot: opsbot, chatId: "-1001987654321", events: [drift-healed, pass-failed]}
                - webhook: {url: "\(receiver.url)", secret: {fromEnv: HOOK_SECRET}}
                - telegram: {bot: opsbot, chatId: "@acme_applies", events: [applied]}
                - webhook: {url: "\(receiver.url)?team=two", secret: {fromEnv: HOOK_SECRET}, events: [drift-healed]}
            """, sandbox: sandbox.baseURL)
        let metrics = DaemonMetrics()
        let catalog = DriverCatalog()
        let dispatcher = NotificationDispatcher(logger: Logger(label: "test"), metrics: metrics)
        defer { Task { try? await catalog.shutdown(); await dispatcher.shutdown() } }
        let notice = Notice(event: .driftHealed, project: "notify", revision: "1a2b3c4d5e6f7a8b",
                            commitURL: "https://github.com/acme/fleet/commit/1a2b3c4d5e6f7a8b",
                            summary: "drift healed: 1 resource changed outside botops set back", resources: ["Webhook/alpha"],
                            at: Date(timeIntervalSince1970: 1_796_300_000))
        await dispatcher.deliver(notice, state: state, catalog: catalog, secrets: Self.secrets)
        await dispatcher.deliver(notice, state: state, catalog: catalog, secrets: Self.secrets)

        let messages = await sandbox.messages()
        #expect(messages.map(\.chat) == ["-1001987654321"], "once, and not to the chat that only hears applies")
        #expect(messages.first?.text == """
            botops · notify: drift healed: 1 resource changed outside botops set back
            Revision 1a2b3c4d5e6f https://github.com/acme/fleet/commit/1a2b3c4d5e6f7a8b
            • Webhook/alpha
            """)
        let requests = receiver.requests
        #expect(requests.count == 2, "two receivers on one host are two channels, each told once")
        let request = try #require(requests.first)
        let expected = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Data("hook-signing-secret".utf8)))
        #expect(request.headers["x-botops-signature"] == "sha256=" + expected.map { String(format: "%02x", $0) }.joined())
        #expect(request.headers["x-botops-event"] == "drift-healed")
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"at":"2026-12-03T12:13:20Z","commitURL":"https://github.com/acme/fleet/commit/1a2b3c4d5e6f7a8b","event":"drift-healed","project":"notify","resources":["Webhook/alpha"],"revision":"1a2b3c4d5e6f7a8b","summary":"drift healed: 1 resource changed outside botops set back"}"#)
        let text = metrics.text()
        #expect(text.contains(#"botops_notifications_total{channel="telegram",event="drift-healed",result="sent"} 1"#), "\(text)")
        #expect(text.contains(#"botops_notifications_total{channel="telegram",event="drift-healed",result="suppressed"} 1"#))
        #expect(text.contains(#"botops_notifications_total{channel="webhook",event="drift-healed",result="suppressed"} 2"#))

        let other = Notice(event: .driftHealed, project: "notify", revision: "1a2b3c4d5e6f7a8b", commitURL: nil,
                           summary: "drift healed: 1 resource changed outside botops set back", resources: ["Bot/opsbot"])
        await dispatcher.deliver(other, state: state, catalog: catalog, secrets: Self.secrets)
        #expect(await sandbox.messages().count == 2, "another resource is another event")
    }

    @Test func failingChannelsAreCountedAndNothingThrows() async throws {
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(bots: [SandboxBot(token: Self.token, username: "ops_bot")]))
        defer { Task { await sandbox.stop() } }
        let refusing = try await WebhookReceiver.start(status: .internalServerError)
        defer { refusing.stop() }
        let state = try Self.state("""
                - telegram: {bot: opsbot, chatId: 0}
                - webhook: {url: "\(refusing.url)", secret: {fromEnv: HOOK_SECRET}}
                - webhook: {url: "http://127.0.0.1:1/hook", secret: {fromEnv: MISSING_SECRET}}
            """, sandbox: sandbox.baseURL)
        let metrics = DaemonMetrics()
        let catalog = DriverCatalog(retry: RetryPolicy(maxAttempts: 1))
        let dispatcher = NotificationDispatcher(window: .zero, logger: Logger(label: "test"), metrics: metrics)
        defer { Task { try? await catalog.shutdown(); await dispatcher.shutdown() } }
        await dispatcher.deliver(Notice(event: .passFailed, project: "notify", revision: nil, commitURL: nil,
                                        summary: "pass failed", resources: []),
                                 state: state, catalog: catalog, secrets: Self.secrets)
        let text = metrics.text()
        #expect(text.contains(#"botops_notifications_total{channel="telegram",event="pass-failed",result="failed"} 1"#), "\(text)")
        #expect(text.contains(#"botops_notifications_total{channel="webhook",event="pass-failed",result="failed"} 2"#), "\(text)")
        #expect(refusing.requests.count == 1)
        #expect(await sandbox.messages().isEmpty)
    }
}
