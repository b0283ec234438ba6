import Foundation
import Reconciler
import Sandbox
import Spec
import Testing

@Suite("Telegram: webhook secrets are compared by fingerprint and never shown", .timeLimit(.minutes(5)), .serialized)
struct TelegramSecretTests {
    @Test func rotatingTheSecretIsASensitiveChange() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha"))
        try await fleet.apply()

        let rotated = [TelegramFleetHarness.secretVariable("alpha"): "rotated-secret-2"]
        let plan = try await fleet.plan(environment: rotated)
        let change = try #require(plan.actionable.first)
        #expect(change.fields.map(\.path) == ["secret_token"])
        #expect(change.fields.first?.sensitive == true)
        let text = TextPlanRenderer().render(plan)
        #expect(text.contains("secret_token: (sensitive value changed)"))
        let json = try JSONPlanRenderer().render(plan)
        let markdown = MarkdownPlanRenderer().render(plan)
        for output in [text, json, markdown] {
            #expect(!output.contains("rotated-secret-2") && !output.contains("secret-alpha-1"))
            #expect(!output.contains("hmac-sha256"), "not even the fingerprint is printed")
        }
        await fleet.sandbox.clearCalls()
        try await fleet.apply(environment: rotated)
        #expect(await fleet.writes().map(\.method) == ["setWebhook"])
        #expect(!(try await fleet.plan(environment: rotated)).hasChanges)

        let state = try String(contentsOfFile: fleet.folder + "/.botops/state.json", encoding: .utf8)
        #expect(!state.contains("rotated-secret-2") && !state.contains(fleet.tokens["alpha"]!),
                "the state holds fingerprints and references, never values")
        #expect(state.contains("hmac-sha256:"))
    }

    @Test func dropPendingUpdatesGoesOnlyWithSettingTheWebhook() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha", drop: true))
        try await fleet.apply()
        #expect(await fleet.writes().first { $0.method == "setWebhook" }?.params["drop_pending_updates"] == .bool(true))
        await fleet.sandbox.clearCalls()
        try await fleet.apply()
        #expect(await fleet.writes().isEmpty, "not re-set on every run to drop updates")
    }
}
