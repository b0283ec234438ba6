import Foundation
import Reconciler
import Sandbox
import Spec
import Testing

/// A fleet of a hundred bots converges while the Bot API fails 30 % of calls: 429 with retry_after, 500,
/// dropped connections, and answers slower than the client waits (the call was carried out, the client
/// cannot know). Half the fleet is converged first, so the other half's apply shows that nothing outside
/// its plan is touched.
@Suite("Telegram: a 100-bot fleet under 30 % faults", .timeLimit(.minutes(5)), .serialized)
struct TelegramFleetFaultTests {
    @Test func aHundredBotsConvergeHonouringEveryRetryAfterAndTouchingNothingElse() async throws {
        let bots = (1...100).map { "fleet\($0)" }
        // 20 attempts: a call fails all of them with probability 0.3^20, so the apply is not left to luck.
        let fleet = try await TelegramFleetHarness(
            bots: bots, failRate: 0.3, seed: 30, failKinds: Set(SandboxFailure.allCases), slowAnswer: .milliseconds(1500),
            retryAttempts: 20, telegramTimeout: .seconds(1), parallelism: 16)
        defer { Task { await fleet.shutdown() } }
        let settled = Array(bots.prefix(50)), arriving = Array(bots.suffix(50))
        for bot in settled { try Self.declare(bot, in: fleet) }
        let (_, first) = try await fleet.apply()
        #expect(first?.succeeded == true, "\(first?.failures ?? [])")

        for bot in arriving { try Self.declare(bot, in: fleet) }
        await fleet.sandbox.clearCalls()
        let (plan, report) = try await fleet.apply()
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        #expect(!plan.actionable.contains { $0.action == .delete }, "nothing is planned for deletion")
        #expect(Set(plan.actionable.map(\.address.name)) == Set(arriving), "the plan is the arriving half")

        let calls = await fleet.sandbox.calls()
        let stats = await fleet.sandbox.stats()
        for failure in SandboxFailure.allCases {
            #expect(calls.contains { $0.failure == failure }, "\(failure) was injected")
        }
        #expect(Double(stats.injected) / Double(stats.calls) > 0.2, "\(stats.injected) of \(stats.calls) calls failed")
        #expect(stats.retryAfterViolations == 0, "no call came before its retry_after")
        let settledIDs = Set(settled.map { fleet.botID($0) })
        let outside = calls.filter { TelegramFleetHarness.isWrite($0) && settledIDs.contains($0.bot ?? "") }
        #expect(outside.isEmpty, "the converged half got no writes: \(outside.map(\.method))")
        #expect(!calls.contains { $0.method.hasPrefix("delete") }, "nothing was deleted")

        // Converged despite the faults: the next plan (still under faults) changes nothing, and the state
        // knows every bot and webhook.
        let again = try await fleet.plan()
        #expect(!again.hasChanges, "\(again.actionable.map(\.address))")
        #expect(await fleet.sandbox.stats().retryAfterViolations == 0)
        let inventory = try await fleet.inventory()
        #expect(inventory.resources.count == 200)
    }

    static func declare(_ bot: String, in fleet: TelegramFleetHarness) throws {
        try fleet.write("bots/\(bot).yaml", TelegramFleetHarness.botYAML(bot))
        try fleet.write("webhooks/\(bot).yaml", TelegramFleetHarness.webhookYAML(bot))
    }
}
