import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Postgres: schedules and boosters converge", .timeLimit(.minutes(5)), .enabled(if: PostgresHarness.available), .serialized)
struct PostgresConvergeTests {
    /// A schedule that never fires (30 February) is written without a next run, and reads back converged.
    @Test func aScheduleThatNeverFiresHasNoNextRunAndConverges() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try db.write("schedules/odd.yaml", PostgresHarness.scheduleYAML("never", cron: "0 0 30 2 *")
            + "---\n" + PostgresHarness.scheduleYAML("leap", cron: "0 0 29 2 *", timezone: "UTC"))
        let (_, report) = try await db.apply()
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        #expect(try await db.sql("SELECT name || ' ' || coalesce(to_char(next_run_at AT TIME ZONE 'UTC', 'MM-DD'), 'none') "
                                 + "FROM \(db.schema).schedules ORDER BY name") == ["leap 02-29", "never none"])
        let again = try await db.plan()
        #expect(!again.hasChanges, "\(again.actionable.map(\.address))")
    }

    @Test func fromEmptyToConvergedInOneTransactionAndThenNothing() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try db.write("schedules/news.yaml", PostgresHarness.scheduleYAML("morning") + "---\n"
            + PostgresHarness.scheduleYAML("evening", cron: "30 18 * * *", timezone: "America/New_York"))
        try db.write("boosters/news.yaml", PostgresHarness.boosterYAML("views"))

        let (plan, report) = try await db.apply()
        #expect(plan.actionable.map(\.action) == [.create, .create, .create])
        #expect(plan.actionable.allSatisfy { $0.batch == "postgres" })
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        #expect(try await db.sql("SELECT max(version)::text FROM \(db.schema).schema_migrations") == ["8"], "the last migration is the lock generation")
        #expect(try await db.sql("SELECT name || '/' || managed_by FROM \(db.schema).schedules ORDER BY name")
                == ["evening/pgtest", "morning/pgtest"])
        #expect(try await db.sql("SELECT (next_run_at > now())::text FROM \(db.schema).schedules") == ["true", "true"])
        // 08:00 in Moscow is 05:00 UTC, every day.
        #expect(try await db.sql("SELECT to_char(next_run_at AT TIME ZONE 'UTC', 'HH24:MI') FROM \(db.schema).schedules WHERE name = 'morning'")
                == ["05:00"])
        #expect(try await db.sql("SELECT settings::text FROM \(db.schema).boosters") == [#"{"perPost": 500}"#])

        let stamp = try await db.sql("SELECT updated_at::text FROM \(db.schema).schedules WHERE name = 'morning'")
        let again = try await db.plan()
        #expect(!again.hasChanges, "\(again.actionable.map(\.address))")
        let (_, second) = try await db.apply()
        #expect(second?.writes == 0, "a converged run writes nothing")
        #expect(try await db.sql("SELECT updated_at::text FROM \(db.schema).schedules WHERE name = 'morning'") == stamp)
        #expect(try await db.sql("SELECT count(*)::text FROM \(db.schema).schema_migrations") == ["8"], "each migration ran once")
    }

    @Test func aChangeAndItsRevertGoThroughAndAChangedCronMovesTheNextRun() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try db.write("schedules/news.yaml", PostgresHarness.scheduleYAML("morning"))
        try await db.apply()
        try db.write("schedules/news.yaml", PostgresHarness.scheduleYAML("morning", cron: "0 9 * * *", args: "{channel: \"@news\", edition: late}"))
        let (plan, report) = try await db.apply()
        let change = try #require(plan.actionable.first)
        #expect(change.action == .update)
        #expect(Set(change.fields.map(\.path)) == ["args.edition", "cron"])
        #expect(report?.succeeded == true)
        #expect(try await db.sql("SELECT to_char(next_run_at AT TIME ZONE 'UTC', 'HH24:MI') FROM \(db.schema).schedules") == ["06:00"])
        // Revert the commit: the old values come back.
        try db.write("schedules/news.yaml", PostgresHarness.scheduleYAML("morning"))
        try await db.apply()
        #expect(try await db.sql("SELECT cron || ' ' || (args->>'edition') FROM \(db.schema).schedules") == ["0 8 * * * morning"])
        #expect(try await db.sql("SELECT to_char(next_run_at AT TIME ZONE 'UTC', 'HH24:MI') FROM \(db.schema).schedules") == ["05:00"])
    }
}
