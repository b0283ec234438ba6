import Foundation
import Reconciler
import Sandbox
import Testing

@Suite("Telegram: a fleet is created from empty and converges", .timeLimit(.minutes(5)), .serialized)
struct TelegramConvergeTests {
    @Test func createThenSecondApplyMakesNoWriteCall() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha", "beta", "gamma"])
        defer { Task { await fleet.shutdown() } }
        for bot in ["alpha", "beta", "gamma"] {
            try fleet.write("bots/\(bot).yaml", TelegramFleetHarness.botYAML(bot))
        }
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha"))
        try fleet.write("webhooks/beta.yaml", TelegramFleetHarness.webhookYAML("beta"))

        let (plan, report) = try await fleet.apply()
        #expect(plan.summary.create == 2, "two webhooks")
        #expect(plan.summary.update == 3, "three bots configured")
        let applied = try #require(report)
        #expect(applied.succeeded, "\(applied.failures)")
        #expect(await fleet.writes().contains { $0.method == "setWebhook" })

        let again = try await fleet.plan()
        #expect(!again.hasChanges, "\(again.actionable.map { ($0.address, $0.fields.map(\.path)) })")

        await fleet.sandbox.clearCalls()
        let (second, secondReport) = try await fleet.apply()
        #expect(!second.hasChanges)
        #expect(secondReport?.writes == 0)
        let writes = await fleet.writes()
        #expect(writes.isEmpty, "a converged fleet gets no write call: \(writes.map(\.method))")

        let inventory = try await fleet.inventory()
        #expect(Set(inventory.resources.keys.map(\.description)) == [
            "Bot/alpha", "Bot/beta", "Bot/gamma", "Webhook/alpha", "Webhook/beta",
        ])
    }
}
