import Foundation
import Reconciler
import Sandbox
import Spec
import Testing

@Suite("Telegram: faults", .timeLimit(.minutes(5)), .serialized)
struct TelegramFaultTests {
    @Test func survivesTwentyPercentInjectedFailuresHonouringRetryAfter() async throws {
        let bots = ["alpha", "beta", "gamma", "delta"]
        let fleet = try await TelegramFleetHarness(bots: bots, failRate: 0.2, seed: 42)
        defer { Task { await fleet.shutdown() } }
        for bot in bots {
            try fleet.write("bots/\(bot).yaml", TelegramFleetHarness.botYAML(bot))
            try fleet.write("webhooks/\(bot).yaml", TelegramFleetHarness.webhookYAML(bot))
        }
        let (_, report) = try await fleet.apply()
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        let stats = await fleet.sandbox.stats()
        let calls = await fleet.sandbox.calls()
        #expect(stats.injected > 0)
        #expect(calls.contains { $0.injected && $0.status == 429 }, "429s were injected")
        #expect(calls.contains { $0.injected && $0.status == 500 }, "500s were injected")
        #expect(calls.contains { $0.injected && $0.status == 0 }, "connections were dropped")
        #expect(stats.retryAfterViolations == 0, "no call came before its retry_after")
        // Converged despite the faults: the next plan (still under faults) changes nothing.
        let again = try await fleet.plan()
        #expect(!again.hasChanges)
        #expect(await fleet.sandbox.stats().retryAfterViolations == 0)
    }

    @Test func anUnreadableBotIsRefusedWithoutTouchingAnyOther() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha", "beta"], unknownBots: ["ghost"])
        defer { Task { await fleet.shutdown() } }
        for bot in ["alpha", "beta", "ghost"] {
            try fleet.write("bots/\(bot).yaml", TelegramFleetHarness.botYAML(bot))
        }
        await #expect {
            try await fleet.apply()
        } throws: { error in
            guard let errors = error as? ResourceErrors, errors.errors.count == 1, let ghost = errors.errors.first else { return false }
            return ghost.address == ResourceAddress(.bot, "ghost") && ghost.code == .unauthorized
                && ghost.location == SourceLocation(file: "bots/ghost.yaml", line: 5, column: 10)
                && !ghost.message.contains(fleet.tokens["ghost"]!)
                && ghost.message.contains("env:GHOST_TOKEN")
        }
        #expect(await fleet.writes().isEmpty, "nothing is written when any read fails")
        #expect(try await fleet.inventory().resources.isEmpty)
    }

    @Test func aFailedWriteIsIsolatedToItsResource() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha", "beta"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("bots/beta.yaml", TelegramFleetHarness.botYAML("beta"))
        // A webhook on an address Telegram refuses (reserved IP): validation cannot know, Telegram says no.
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha", url: "https://127.0.0.1/hook"))
        let (_, report) = try await fleet.apply()
        let failures = try #require(report).failures
        #expect(failures.map(\.address) == [ResourceAddress(.webhook, "alpha")])
        #expect(failures.first?.message.contains("reserved") == true, "\(failures)")
        let inventory = try await fleet.inventory()
        #expect(inventory.resources[ResourceAddress(.bot, "beta")] != nil, "beta's work is kept")
        #expect(inventory.resources[ResourceAddress(.bot, "alpha")] != nil)
        #expect(inventory.revision == nil, "a partial apply does not claim the revision")
    }
}
