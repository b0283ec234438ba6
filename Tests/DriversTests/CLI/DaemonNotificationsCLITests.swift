import Foundation
import Testing

/// The daemon tells the ops chat (the sandbox's, through one of the fleet's bots) about drift it
/// healed, changes it applied, a webhook Telegram cannot deliver to, and a configuration that fails.
@Suite("botops reconcile: notifications reach the ops chat", .timeLimit(.minutes(5)))
struct DaemonNotificationsCLITests {
    struct Message: Decodable { let chat: String; let text: String }

    static func messages(_ fleet: TelegramFleetHarness) async throws -> [Message] {
        try JSONDecoder().decode([Message].self, from: Data(try await ReconcileDaemonCLITests.get(fleet.sandbox.baseURL + "/_sandbox/messages").1.utf8))
    }

    @Test func driftAppliesWebhookTroubleAndAFailingPassAreTold() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: test}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              notifications:
                - telegram: {bot: alpha, chatId: -1001987654321, events: [drift-healed, pass-failed, webhook-unhealthy]}
                - telegram: {bot: alpha, chatId: "@acme_deploys", events: [applied]}
            """)
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha"))
        let daemon = try await RunningDaemon.start(fleet)
        defer { daemon.terminateIfRunning() }
        var messages: [Message] = []
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            messages = try await Self.messages(fleet)
            return messages.contains { $0.chat == "@acme_deploys" }
        }, "the first pass applied the fleet: \(messages)")
        #expect(messages.map(\.chat) == ["@acme_deploys"], "applies go to their own chat only: \(messages)")
        #expect(messages.first?.text.hasPrefix("botops · test: applied 2 changes (1 create, 1 update)") == true, "\(messages)")
        #expect(messages.first?.text.contains("• Webhook/alpha") == true)

        // The webhook removed by hand is drift; then Telegram starts failing to deliver to it.
        try await fleet.callDirectly("alpha", "deleteWebhook", "{}")
        #expect(try await daemon.reconcile())
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            messages = try await Self.messages(fleet)
            return messages.contains { $0.text.contains("drift healed") }
        }, "\(messages)")
        let ops = messages.filter { $0.chat == "-1001987654321" }
        #expect(ops.map { $0.text.split(separator: "\n").first.map(String.init) ?? "" }
            == ["botops · test: drift healed: 1 resource changed outside botops set back"], "\(messages)")
        #expect(ops.first?.text.contains("• Webhook/alpha") == true)

        let botID = String(fleet.tokens["alpha"]!.prefix { $0 != ":" })
        await fleet.sandbox.setLastWebhookError(botID: botID, at: Date().addingTimeInterval(-5), message: "Connection refused")
        #expect(try await daemon.reconcile())
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            messages = try await Self.messages(fleet)
            return messages.contains { $0.text.contains("Telegram cannot deliver to Webhook/alpha: Connection refused") }
        }, "\(messages)")
        // Seen once, told once: the next pass finds the same error and says nothing.
        let count = messages.count
        #expect(try await daemon.reconcile())

        // A commit that breaks the configuration: the last good one's channels hear of it.
        try fleet.write("bots/broken.yaml", "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: Broken}\nspec: {}\n")
        #expect(try await daemon.reconcile())
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            messages = try await Self.messages(fleet)
            return messages.contains { $0.text.contains("pass failed") }
        }, "\(messages)")
        #expect(messages.count == count + 1, "the repeated webhook error was not told again: \(messages)")
        for message in messages {
            #expect(!message.text.contains(fleet.tokens["alpha"]!), "no token in a message")
            #expect(!message.text.contains("secret-alpha-1"), "no webhook secret in a message")
        }
        let stopped = await daemon.stop()
        #expect(stopped.status == 0)
        let failedPass = stopped.stderr.split(separator: "\n").first { $0.contains("result=failed") }
        #expect(failedPass?.contains("error=") == true && failedPass?.contains("warning") == true,
                "a failed pass says why in the log: \(stopped.stderr)")
    }
}
