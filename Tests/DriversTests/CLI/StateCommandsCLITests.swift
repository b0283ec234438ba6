import Drivers
import Foundation
import Reconciler
import Testing

/// `botops history`, `status`, `state migrate` and `cron next`, as a user runs them.
@Suite("CLI: history, status, state migrate, cron next", .timeLimit(.minutes(5)))
struct StateCommandsCLITests {
    @Test func historyAndStatusReadTheStateAndAStateMovesWithItsHistory() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha") + "---\n" + TelegramFleetHarness.webhookYAML("alpha"))
        let applied = try await BotopsProcess.run(["apply", fleet.folder, "--auto-approve"], environment: fleet.environment)
        #expect(applied.status == 0, "\(applied.stderr)")

        let history = try await BotopsProcess.run(["history", fleet.folder, "--changes"], environment: fleet.environment)
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("succeeded  cli  (folder)  +1 ~1 -0 ±0"), "\(history.stdout)")
        #expect(history.stdout.contains("Webhook/alpha create: applied"))
        let json = try await BotopsProcess.run(["history", fleet.folder, "--format", "json"], environment: fleet.environment)
        let runs = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(runs?.first?["result"] as? String == "succeeded")

        let status = try await BotopsProcess.run(["status", fleet.folder], environment: fleet.environment)
        #expect(status.stdout.contains("Last run: succeeded, cli at "), "\(status.stdout)")
        #expect(status.stdout.contains("Webhook/alpha  synced (created)"))

        let moved = fleet.folder + "/elsewhere/state.json"
        let migrate = try await BotopsProcess.run(["state", "migrate", fleet.folder, "--to", "file:\(moved)"], environment: fleet.environment)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.contains("Copied 2 resources, 1 run and 0 events from file:"), "\(migrate.stdout)")
        let there = try await BotopsProcess.run(["plan", fleet.folder, "--state", "file:\(moved)", "--detailed-exitcode"],
                                          environment: fleet.environment)
        #expect(there.status == 0, "the moved state owns everything: \(there.stdout)")
        let again = try await BotopsProcess.run(["state", "migrate", fleet.folder, "--to", "file:\(moved)"], environment: fleet.environment)
        #expect(again.status == 1)
        #expect(again.stderr.contains("botops does not merge states"))
    }

    @Test func cronNextPrintsRunsInTheZoneAndAnswersABatch() async throws {
        let result = try await BotopsProcess.run(["cron", "next", "30 2 * * *", "--timezone", "Europe/Berlin",
                                            "--after", "2026-03-28T00:00:00Z", "--count", "2"])
        #expect(result.stdout == """
            2026-03-28T01:30:00Z  Sat 2026-03-28 02:30 Europe/Berlin
            2026-03-29T01:00:00Z  Sun 2026-03-29 03:00 Europe/Berlin

            """)
        let bad = try await BotopsProcess.run(["cron", "next", "61 * * * *"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("minute 61 is out of range 0-59"))
    }
}
