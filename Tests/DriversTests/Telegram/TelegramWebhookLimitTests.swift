import Drivers
import Reconciler
import Sandbox
import Spec
import Testing

/// Telegram accepts one setWebhook with a URL per bot per second; botops never needs a second one
/// in a run, and a second run within the second waits for retry_after instead of failing.
@Suite("Telegram: one setWebhook per bot per second", .timeLimit(.minutes(5)))
struct TelegramWebhookLimitTests {
    @Test func anApplyFromEmptySetsEachWebhookOnceAndMeetsNoFloodControl() async throws {
        let bots = ["alpha", "beta", "gamma"]
        let fleet = try await TelegramFleetHarness(bots: bots, webhookSetInterval: .seconds(1))
        defer { Task { await fleet.shutdown() } }
        for bot in bots {
            try fleet.write("bots/\(bot).yaml", TelegramFleetHarness.botYAML(bot) + "---\n" + TelegramFleetHarness.webhookYAML(bot))
        }
        let (_, report) = try await fleet.apply()
        #expect(report?.succeeded == true)
        let calls = await fleet.sandbox.calls()
        #expect(calls.filter { $0.method == "setWebhook" }.count == 3, "one per bot")
        #expect(calls.allSatisfy { $0.status == 200 }, "no call met flood control")
        #expect(await fleet.sandbox.stats().retryAfterViolations == 0)
    }

    @Test func aSecondChangeWithinTheSecondWaitsForRetryAfter() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"], webhookSetInterval: .seconds(1))
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha") + "---\n" + TelegramFleetHarness.webhookYAML("alpha"))
        try await fleet.apply()
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha") + "---\n"
            + TelegramFleetHarness.webhookYAML("alpha", url: "https://gateway.example.com/tg/alpha-v2"))
        let (_, report) = try await fleet.apply()
        #expect(report?.succeeded == true)
        let sets = await fleet.sandbox.calls().filter { $0.method == "setWebhook" }
        #expect(sets.map(\.status).last == 200, "the retry after retry_after went through")
        #expect(await fleet.sandbox.stats().retryAfterViolations == 0, "no call came before retry_after had passed")
    }
}
