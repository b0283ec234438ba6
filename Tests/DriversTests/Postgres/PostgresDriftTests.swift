import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Postgres: drift from an admin panel is put back; workers' columns are theirs", .timeLimit(.minutes(5)), .enabled(if: PostgresHarness.available),
       .serialized)
struct PostgresDriftTests {
    @Test func aRowEditedByHandIsPutBackAndWorkerColumnsAreLeftAlone() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try db.write("schedules/news.yaml", PostgresHarness.scheduleYAML("morning"))
        try db.write("boosters/news.yaml", PostgresHarness.boosterYAML("views"))
        try await db.apply()
        // A worker ran it; a person paused it and changed an argument; another raised a booster's budget.
        try await db.sql("""
            UPDATE \(db.schema).schedules SET last_run_at = now(), run_count = 7, last_error = 'flood wait',
              enabled = false, args = jsonb_set(args, '{edition}', '"noon"') WHERE name = 'morning'
            """)
        try await db.sql(#"UPDATE \#(db.schema).boosters SET settings = '{"perPost": 5000}', counters = '{"spent": 12}' WHERE name = 'views'"#)
        let plan = try await db.plan()
        let schedule = try #require(plan.change(for: ResourceAddress(.schedule, "morning")))
        #expect(schedule.action == .update)
        #expect(schedule.fields.map(\.path) == ["args.edition", "enabled"], "worker columns are not drift")
        #expect(plan.change(for: ResourceAddress(.booster, "views"))?.fields.map(\.path) == ["settings.perPost"])
        let (_, report) = try await db.apply()
        #expect(report?.succeeded == true)
        #expect(try await db.sql("SELECT enabled::text || ' ' || (args->>'edition') || ' ' || run_count || ' ' || last_error FROM \(db.schema).schedules")
                == ["true morning 7 flood wait"])
        #expect(try await db.sql("SELECT counters::text FROM \(db.schema).boosters") == [#"{"spent": 12}"#])
        #expect(try await db.plan().hasChanges == false)
    }

    @Test func aDeletedRowIsRecreatedAndAPastNextRunRecomputed() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try db.write("schedules/news.yaml", PostgresHarness.scheduleYAML("morning") + "---\n" + PostgresHarness.scheduleYAML("evening"))
        try await db.apply()
        try await db.sql("DELETE FROM \(db.schema).schedules WHERE name = 'evening'")
        // A worker that died left next_run_at a day in the past; a few minutes late is a claim in progress.
        try await db.sql("UPDATE \(db.schema).schedules SET next_run_at = now() - interval '1 day' WHERE name = 'morning'")
        let plan = try await db.plan()
        #expect(plan.change(for: ResourceAddress(.schedule, "evening"))?.action == .create)
        #expect(plan.change(for: ResourceAddress(.schedule, "evening"))?.reason == "missing live; botops makes it again")
        #expect(plan.change(for: ResourceAddress(.schedule, "morning"))?.fields.map(\.path) == ["next_run"])
        try await db.apply()
        #expect(try await db.sql("SELECT (next_run_at > now())::text FROM \(db.schema).schedules ORDER BY name") == ["true", "true"])
        try await db.sql("UPDATE \(db.schema).schedules SET next_run_at = now() - interval '2 minutes' WHERE name = 'morning'")
        #expect(try await db.plan().hasChanges == false, "a run that is due now is the worker's to claim")
    }
}
