import Foundation
import Reconciler
import Sandbox
import Testing

@Suite("Telegram: editing one field makes exactly that call", .timeLimit(.minutes(5)), .serialized)
struct TelegramSingleEditTests {
    @Test func descriptionEditIsOneCall() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha", "beta"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("bots/beta.yaml", TelegramFleetHarness.botYAML("beta"))
        try await fleet.apply()

        try fleet.write("bots/beta.yaml", TelegramFleetHarness.botYAML("beta", description: "Does other things"))
        let plan = try await fleet.plan()
        #expect(plan.actionable.map(\.address.description) == ["Bot/beta"])
        #expect(plan.actionable.first?.fields.map(\.path) == ["profile.default.description"])

        await fleet.sandbox.clearCalls()
        try await fleet.apply()
        let writes = await fleet.writes()
        #expect(writes.map(\.method) == ["setMyDescription"])
        #expect(writes.first?.bot == fleet.tokens["beta"]!.split(separator: ":").first.map(String.init))
        #expect(writes.first?.params["description"] == .string("Does other things"))
    }

    @Test func droppingALanguageClearsItsTexts() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha", languages: ["ru", "de"]))
        try await fleet.apply()
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha", languages: ["ru"]))
        await fleet.sandbox.clearCalls()
        try await fleet.apply()
        let writes = await fleet.writes()
        // name and description were set for de; the short description never was, so it needs no call.
        #expect(Set(writes.map(\.method)) == ["setMyName", "setMyDescription"])
        #expect(writes.allSatisfy { $0.params["language_code"] == .string("de") })
        #expect(!(try await fleet.plan()).hasChanges)
    }
}
