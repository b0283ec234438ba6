import Foundation
import Reconciler
import Sandbox
import Spec
import Testing

@Suite("Telegram: a bot removed from git", .timeLimit(.minutes(5)), .serialized)
struct TelegramRemovalTests {
    @Test func removedBotLosesItsWebhookAndCommandSetsThenLeavesTheInventory() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha", "beta"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("bots/beta.yaml", TelegramFleetHarness.botYAML("beta"))
        try fleet.write("webhooks/beta.yaml", TelegramFleetHarness.webhookYAML("beta"))
        try await fleet.apply()

        try fleet.remove("bots/beta.yaml")
        try fleet.remove("webhooks/beta.yaml")
        let plan = try await fleet.plan()
        #expect(plan.actionable.map { "\($0.address) \($0.action.rawValue)" } == ["Bot/beta delete", "Webhook/beta delete"])
        await fleet.sandbox.clearCalls()
        let (_, report) = try await fleet.apply()
        #expect(report?.succeeded == true)
        let writes = await fleet.writes()
        let beta = fleet.tokens["beta"]!.split(separator: ":").first.map(String.init)
        #expect(writes.allSatisfy { $0.bot == beta }, "alpha is not touched")
        #expect(writes.filter { $0.method == "deleteMyCommands" }.count == 2, "both command sets botops set")
        #expect(writes.filter { $0.method == "deleteWebhook" }.count == 1)
        // The webhook goes first: it depends on its bot.
        let firstDeleteWebhook = try #require(writes.firstIndex { $0.method == "deleteWebhook" })
        #expect(writes[firstDeleteWebhook...].count == writes.count - firstDeleteWebhook)
        #expect(writes.first?.method == "deleteWebhook")
        let inventory = try await fleet.inventory()
        #expect(inventory.resources.keys.map(\.description).sorted() == ["Bot/alpha"])
        #expect(!(try await fleet.plan()).hasChanges)
    }

    @Test func pruneOffKeepsWhatGitNoLongerDeclares() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha"))
        try await fleet.apply()
        let project = try String(contentsOfFile: fleet.folder + "/botops.yaml", encoding: .utf8)
        try fleet.write("botops.yaml", project + "\n  prune: false\n")
        try fleet.remove("webhooks/alpha.yaml")
        let plan = try await fleet.plan()
        #expect(!plan.hasChanges)
        #expect(plan.changes.contains { $0.reason == "no longer declared, kept because prune is off" })
    }

    @Test func emptyConfigurationIsRefusedWithoutOverride() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try await fleet.apply()
        try fleet.remove("bots/alpha.yaml")
        await fleet.sandbox.clearCalls()
        let (plan, report) = try await fleet.apply()
        #expect(report == nil)
        #expect(plan.refusals.first?.message.contains("--allow-empty") == true)
        #expect(await fleet.writes().isEmpty)
    }
}
