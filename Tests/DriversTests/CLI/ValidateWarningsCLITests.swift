import Foundation
import Testing

/// `botops validate --warnings-as-errors` fails a CI run on a warning, with the same report; without it a
/// configuration with warnings only is valid.
@Suite("validate: warnings can fail a run", .timeLimit(.minutes(5)))
struct ValidateWarningsCLITests {
    @Test func aWarningFailsTheRunOnlyWhenAsked() async throws {
        let root = try ValidateLimitsCLITests.folder([
            "botops.yaml": ValidateLimitsCLITests.project,
            "bot.yaml": "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: news}\nspec:\n  token: {fromEnv: NEWS_TOKEN}\n",
            "channel.yaml": "apiVersion: botops/v1\nkind: Channel\nmetadata: {name: news}\nspec:\n  chat: \"@acme_news\"\n  bot: news\n",
            "booster.yaml": "apiVersion: botops/v1\nkind: Booster\nmetadata: {name: views}\nspec:\n  bot: news\n"
                + "  channel: \"@acme_newz\"\n  type: views\n  provider: viewsmith\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let plain = try await BotopsProcess.run(["validate", root])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("booster.yaml:6:12: warning: Booster/views works in @acme_newz"), "\(plain.stdout)")
        let strict = try await BotopsProcess.run(["validate", root, "--warnings-as-errors"])
        #expect(strict.status == 1)
        #expect(strict.stdout == plain.stdout, "the report is the same")
    }
}
