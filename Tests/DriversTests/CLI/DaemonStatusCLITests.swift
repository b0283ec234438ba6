import Foundation
import Testing

/// `/api/v1/status` tells each resource's sync state and each webhook's delivery health, read from
/// Telegram's `getWebhookInfo` by the passes.
@Suite("botops reconcile: the status names each resource's sync and each webhook's health", .timeLimit(.minutes(5)))
struct DaemonStatusCLITests {
    struct Status: Decodable {
        struct Resource: Decodable { let sync: String; let status: String? }
        struct Webhook: Decodable { let pendingUpdates: Int; let lastError: String?; let lastErrorAt: String? }
        let resources: [String: Resource]
        let webhooks: [String: Webhook]
    }

    @Test func aFailingWebhookShowsWithItsPendingUpdates() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha"))
        let daemon = try await RunningDaemon.start(fleet)
        defer { daemon.terminateIfRunning() }

        let botID = String(fleet.tokens["alpha"]!.prefix { $0 != ":" })
        await fleet.sandbox.setPendingUpdateCount(botID: botID, to: 5)
        await fleet.sandbox.setLastWebhookError(botID: botID, at: Date(timeIntervalSince1970: 1_796_200_000),
                                                message: "Wrong response from the webhook: 502 Bad Gateway")
        #expect(try await daemon.reconcile())
        var status: Status?
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            let (code, body) = try await daemon.get("/api/v1/status")
            guard code == 200 else { return false }
            status = try JSONDecoder().decode(Status.self, from: Data(body.utf8))
            return status?.webhooks["alpha"]?.lastError != nil
        })
        let webhook = try #require(status?.webhooks["alpha"])
        #expect(webhook.pendingUpdates == 5)
        #expect(webhook.lastError == "Wrong response from the webhook: 502 Bad Gateway")
        #expect(webhook.lastErrorAt?.hasPrefix("2026-") == true, "\(webhook.lastErrorAt ?? "none")")
        #expect(status?.resources["Bot/alpha"]?.sync == "synced")
        #expect(status?.resources["Webhook/alpha"]?.sync == "synced")
        #expect(status?.resources["Webhook/alpha"]?.status?.contains("last delivery failed at") == true)

        #expect(await daemon.stop().status == 0)
    }
}
