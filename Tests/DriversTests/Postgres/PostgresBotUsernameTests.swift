import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// A bot's registry row takes its username from what Telegram reports for the Bot (a data dependency
/// the engine hands over, not a call the Postgres driver makes): a row whose username went stale is
/// drift, set back from the bot's live details.
@Suite("Postgres: the registry's username comes from the Bot's live details", .timeLimit(.minutes(5)), .enabled(if: PostgresHarness.available),
       .serialized)
struct PostgresBotUsernameTests {
    @Test func aStaleUsernameIsDriftSetBackFromTelegram() async throws {
        let url = try #require(PostgresHarness.url)
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        defer { Task { await fleet.shutdown() } }
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: usernames}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              postgres:
                url: {fromEnv: TEST_DATABASE_URL}
                schema: \(schema)
            """)
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        let environment = ["TEST_DATABASE_URL": url]
        let db = try PostgresHarness()
        defer { Task { await db.shutdown(dropping: schema) } }

        let (_, report) = try await fleet.apply(environment: environment)
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        #expect(try await db.sql("SELECT username FROM \(schema).bots") == ["alpha_bot"])
        #expect(try await fleet.plan(environment: environment).hasChanges == false, "a converged row plans nothing")

        _ = try await db.sql("UPDATE \(schema).bots SET username = 'stale_bot'")
        let drifted = try await fleet.plan(environment: environment)
        let change = try #require(drifted.actionable.first)
        #expect(drifted.actionable.count == 1 && change.address == ResourceAddress(.botRecord, "alpha"))
        #expect(change.fields.map(\.path) == ["username"])
        #expect(change.fields.first?.after == "alpha_bot" && change.fields.first?.before == "stale_bot")
        try await fleet.apply(environment: environment)
        #expect(try await db.sql("SELECT username FROM \(schema).bots") == ["alpha_bot"])
    }
}
