import Foundation
import Testing

/// `/api/v1/status` tells each resource's sync state and each webhook's delivery health, read from
/// Telegram's `getWebhookInfo` by the passes.
@Suite("botops reconcile: the status names each resource's sync and each webhook's health")
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
        var environment = fleet.environment
        environment["OPERATE_KEY"] = "operate-key-for-status"
        let started = try BotopsProcess.start(["reconcile", fleet.folder, "--interval", "1h", "--listen", "127.0.0.1:0",
                                               "--api-key", "operate=env:OPERATE_KEY"], environment: environment)
        defer { if started.0.isRunning { started.0.terminate() } }
        let base = try await ReconcileDaemonCLITests.baseURL(of: started)
        let key = ["Authorization": "Bearer operate-key-for-status"]
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await ReconcileDaemonCLITests.get(base + "/readyz").0 == 200 })

        let botID = String(fleet.tokens["alpha"]!.prefix { $0 != ":" })
        await fleet.sandbox.setPendingUpdateCount(botID: botID, to: 5)
        await fleet.sandbox.setLastWebhookError(botID: botID, at: Date(timeIntervalSince1970: 1_796_200_000),
                                                message: "Wrong response from the webhook: 502 Bad Gateway")
        #expect(try await ReconcileDaemonCLITests.get(base + "/api/v1/reconcile", method: .POST, headers: key).0 == 202)
        var status: Status?
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            let (code, body) = try await ReconcileDaemonCLITests.get(base + "/api/v1/status", headers: key)
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

        started.0.interrupt()
        #expect(await BotopsProcess.finish(started).status == 0)
    }
}
