import Foundation
import TestSupport
import Testing

/// `botops init` then `botops import telegram` from the command line: a repository that validates, documents
/// that plan clean but for the webhook's secret, the state told about the photo, and a second import that
/// writes nothing because the files are there.
@Suite("botops init and import telegram", .timeLimit(.minutes(5)))
struct ImportCLITests {
    @Test func initThenImportThenAPlanWithOnlyTheWebhookSecret() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try await fleet.callDirectly("alpha", "setMyName", #"{"name": "Alpha"}"#)
        try await fleet.callDirectly("alpha", "setWebhook", #"{"url": "https://gw.example.com/tg/alpha", "secret_token": "old"}"#)
        try await TelegramPhotoTests.setByHand(fleet, TestMedia.jpeg())

        let repository = fleet.folder + "/repo"
        let made = try await BotopsProcess.run(["init", repository, "--name", "acme"])
        #expect(made.status == 0, "\(made.stderr)")
        var environment = fleet.environment
        environment["BOTOPS_TELEGRAM_API_URL"] = fleet.sandbox.baseURL
        let imported = try await BotopsProcess.run(["import", "telegram", "--token-env", "ALPHA_TOKEN=alpha", "--out", repository],
                                                   environment: environment)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Wrote 2 documents (1 Bot, 1 Webhook) and 1 photo into \(repository)/fleet"), "\(imported.stdout)")
        #expect(imported.stderr.contains("recorded in the state"), "\(imported.stderr)")
        #expect(imported.stderr.contains("Webhook/alpha: export ALPHA_WEBHOOK_SECRET"))
        #expect(!(imported.stdout + imported.stderr).contains(fleet.tokens["alpha"]!))
        #expect(FileManager.default.fileExists(atPath: repository + "/fleet/bots/alpha.jpg"))

        environment["ALPHA_WEBHOOK_SECRET"] = "new-secret"
        let validated = try await BotopsProcess.run(["validate", repository + "/fleet", "--warnings-as-errors"], environment: environment)
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
        let plan = try await BotopsProcess.run(["plan", repository + "/fleet", "--detailed-exitcode"], environment: environment)
        #expect(plan.status == 2, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(plan.stdout)")
        #expect(plan.stdout.contains("~ secret_token: (sensitive value changed)"))

        let again = try await BotopsProcess.run(["import", "telegram", "--token-env", "ALPHA_TOKEN=alpha", "--out", repository],
                                                environment: environment)
        #expect(again.status == 1)
        #expect(again.stderr.contains("so nothing was written: bots/alpha.jpg, bots/alpha.yaml, webhooks/alpha.yaml"), "\(again.stderr)")
    }
}
