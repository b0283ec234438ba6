import Foundation
import Sandbox
import Testing

/// A right taken from a Channel's bot between two passes of the running daemon: the ops chat hears it once and
/// again once it is back, the metrics count it, `/api/v1/status` and `botops status` name the right and the chat.
@Suite("botops reconcile: a Channel losing a right is told, counted and shown", .timeLimit(.minutes(5)))
struct DaemonDegradedCLITests {
    struct Status: Decodable {
        struct Resource: Decodable { let sync: String; let status: String?; let health: String? }
        let resources: [String: Resource]
    }

    static let rights = ["can_change_info", "can_post_messages", "can_edit_messages"]
    static let lost = "degraded: Bot/alpha lacks Edit messages in @acme_news; ask an owner of @acme_news to grant the bot Edit messages"

    @Test func aRightRevokedBetweenPassesIsToldOnceCountedAndShown() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"], chats: [
            SandboxChat(id: -1_001_500_000_001, type: .channel, username: "acme_news", title: "ACME News",
                        members: ["7000000": .init(status: "administrator", rights: Self.rights)]),
        ])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: test}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              notifications:
                - telegram: {bot: alpha, chatId: -1001987654321, events: [degraded]}
            """)
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("channels/news.yaml", """
            apiVersion: botops/v1
            kind: Channel
            metadata: {name: news}
            spec:
              chat: "@acme_news"
              bot: alpha
              botRights: {canPostMessages: true, canEditMessages: true}
            """)
        let daemon = try await RunningDaemon.start(fleet)
        defer { daemon.terminateIfRunning() }
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            try await daemon.get("/metrics").1.contains(#"botops_degraded_resources{kind="Channel"} 0"#)
        }, "a healthy Channel counts zero")
        #expect(try await DaemonNotificationsCLITests.messages(fleet).isEmpty)

        try await fleet.setMember("@acme_news", bot: "alpha", status: "administrator", rights: ["can_change_info", "can_post_messages"])
        #expect(try await daemon.reconcile())
        var messages: [DaemonNotificationsCLITests.Message] = []
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            messages = try await DaemonNotificationsCLITests.messages(fleet)
            return !messages.isEmpty
        })
        #expect(messages.map(\.chat) == ["-1001987654321"])
        #expect(messages.first?.text.hasPrefix("botops · test: Channel/news: degraded: Bot/alpha lacks Edit messages in @acme_news") == true,
                "\(messages)")
        let metrics = try await daemon.get("/metrics").1
        #expect(metrics.contains(#"botops_degraded_resources{kind="Channel"} 1"#), "\(metrics)")
        let (code, body) = try await daemon.get("/api/v1/status")
        #expect(code == 200)
        let status = try JSONDecoder().decode(Status.self, from: Data(body.utf8))
        #expect(status.resources["Channel/news"]?.health == "degraded")
        #expect(status.resources["Channel/news"]?.status == Self.lost)

        // The same loss on the next pass is not told again; the state's last run shows it to `botops status`.
        #expect(try await daemon.reconcile())
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            try await Self.passes(daemon) >= 3
        })
        let shown = try await BotopsProcess.run(["status", fleet.folder], environment: fleet.environment)
        let line = shown.stdout.split(separator: "\n").first { $0.contains("Channel/news") }
        #expect(line?.hasSuffix("synced, \(Self.lost) at the last run") == true, "\(shown.stdout)\(shown.stderr)")

        try await fleet.setMember("@acme_news", bot: "alpha", status: "administrator", rights: Self.rights)
        #expect(try await daemon.reconcile())
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            messages = try await DaemonNotificationsCLITests.messages(fleet)
            return messages.count >= 2
        })
        #expect(messages.count == 2, "lost once, regained once: \(messages)")
        #expect(messages.last?.text.hasPrefix("botops · test: Channel/news is no longer degraded") == true, "\(messages)")
        #expect(try await daemon.get("/metrics").1.contains(#"botops_degraded_resources{kind="Channel"} 0"#))
        #expect(await daemon.stop().status == 0)
    }

    struct Passes: Decodable { let passes: Int }

    static func passes(_ daemon: RunningDaemon) async throws -> Int {
        try JSONDecoder().decode(Passes.self, from: Data(try await daemon.get("/api/v1/status").1.utf8)).passes
    }
}
