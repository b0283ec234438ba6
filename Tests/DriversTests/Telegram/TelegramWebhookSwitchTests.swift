import Foundation
import Reconciler
import Sandbox
import Spec
import Testing

@Suite("Telegram: switching a bot between webhook and polling", .timeLimit(.minutes(5)), .serialized)
struct TelegramWebhookSwitchTests {
    @Test func webhookToPollingAndBack() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha"))
        try await fleet.apply()

        // To polling: the owned Webhook is deleted, once.
        try fleet.remove("webhooks/alpha.yaml")
        let toPolling = try await fleet.plan()
        #expect(toPolling.actionable.map { "\($0.address) \($0.action.rawValue)" } == ["Webhook/alpha delete"])
        await fleet.sandbox.clearCalls()
        try await fleet.apply()
        #expect(await fleet.writes().map(\.method) == ["deleteWebhook"])
        #expect(!(try await fleet.plan()).hasChanges)
        #expect(try await fleet.inventory().resources[ResourceAddress(.webhook, "alpha")] == nil)

        // And back: set again with the secret.
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha"))
        await fleet.sandbox.clearCalls()
        try await fleet.apply()
        let writes = await fleet.writes()
        #expect(writes.map(\.method) == ["setWebhook"])
        #expect(writes.first?.params["secret_token"] == .string("***"), "the sandbox log masks the secret it received")
        #expect(!(try await fleet.plan()).hasChanges)
    }

    @Test func aPollingBotsStrayWebhookIsDeleted() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try await fleet.apply()
        // Someone sets a webhook by hand.
        try await fleet.callDirectly("alpha", "setWebhook", #"{"url":"https://elsewhere.example.com/hook"}"#)
        let plan = try await fleet.plan()
        let change = try #require(plan.actionable.first)
        #expect(change.address == ResourceAddress(.bot, "alpha"))
        #expect(change.fields.map(\.path) == ["webhook_url"])
        await fleet.sandbox.clearCalls()
        try await fleet.apply()
        #expect(await fleet.writes().map(\.method) == ["deleteWebhook"])
        #expect(!(try await fleet.plan()).hasChanges)
    }

    @Test func driftOutsideBotopsIsHealed() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha"))
        try await fleet.apply()
        try await fleet.callDirectly("alpha", "setWebhook", #"{"url":"https://elsewhere.example.com/hook","max_connections":5}"#)
        let plan = try await fleet.plan()
        let change = try #require(plan.actionable.first)
        #expect(change.address == ResourceAddress(.webhook, "alpha"))
        // allowed_updates was omitted by hand, so Telegram kept botops's; the secret set by hand cannot
        // be known, so it is set again.
        #expect(Set(change.fields.map(\.path)) == ["url", "max_connections", "secret_token"])
        try await fleet.apply()
        #expect(!(try await fleet.plan()).hasChanges)
    }
}

@Suite("Telegram: renaming a webhook", .timeLimit(.minutes(5)), .serialized)
struct TelegramWebhookRenameTests {
    /// The old name is deleted and the new one created in one lane: the deletion must go first, or
    /// it would remove the webhook just set.
    @Test(arguments: [("alpha", "zulu"), ("zulu", "alpha")])
    func renamingKeepsTheWebhookSet(_ old: String, _ new: String) async throws {
        let fleet = try await TelegramFleetHarness(bots: ["bot"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/bot.yaml", TelegramFleetHarness.botYAML("bot"))
        try fleet.write("webhooks/hook.yaml", TelegramFleetHarness.webhookYAML("bot").replacingOccurrences(
            of: "metadata: {name: bot}", with: "metadata: {name: \(old)}"))
        try await fleet.apply()
        try fleet.write("webhooks/hook.yaml", TelegramFleetHarness.webhookYAML("bot").replacingOccurrences(
            of: "metadata: {name: bot}", with: "metadata: {name: \(new)}"))
        await fleet.sandbox.clearCalls()
        let (_, report) = try await fleet.apply()
        #expect(report?.succeeded == true)
        #expect(await fleet.writes().map(\.method) == ["deleteWebhook", "setWebhook"])
        #expect(!(try await fleet.plan()).hasChanges, "the webhook is still set")
    }
}
