import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Postgres: ownership, rollback, a newer schema, an unreachable database", .timeLimit(.minutes(5)), .enabled(if: PostgresHarness.available),
       .serialized)
struct PostgresSafetyTests {
    @Test func pruneDeletesOnlyBotopsRowsAndAForeignRowWithADeclaredNameIsAConflict() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try db.write("schedules/news.yaml", PostgresHarness.scheduleYAML("morning") + "---\n" + PostgresHarness.scheduleYAML("evening"))
        try await db.apply()
        try await db.sql("INSERT INTO \(db.schema).schedules (name, cron, timezone, task) VALUES ('hand-made', '0 1 * * *', 'UTC', 'cleanup')")
        try await db.sql("""
            INSERT INTO \(db.schema).schedules (name, managed_by, cron, timezone, task)
            VALUES ('theirs', 'other-project', '0 1 * * *', 'UTC', 'x')
            """)
        try db.write("schedules/news.yaml", PostgresHarness.scheduleYAML("morning"))
        let (plan, report) = try await db.apply()
        #expect(plan.actionable.map(\.address) == [ResourceAddress(.schedule, "evening")])
        #expect(plan.actionable.first?.action == .delete)
        #expect(report?.succeeded == true)
        #expect(try await db.sql("SELECT name FROM \(db.schema).schedules ORDER BY name") == ["hand-made", "morning", "theirs"])

        try db.write("schedules/mine.yaml", PostgresHarness.scheduleYAML("hand-made"))
        let conflict = try await db.plan()
        let unknown = try #require(conflict.unknown.first)
        #expect(unknown.code == .conflict)
        #expect(unknown.message.contains("is not botops' (managed_by is empty)"))
        #expect(unknown.location?.file == "schedules/mine.yaml", "pointed at its declaration")
        #expect(conflict.refusals.map(\.code) == [.partial])
    }

    @Test func aFailingStatementRollsTheWholeBatchBackAndNothingIsRecorded() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try db.write("schedules/a.yaml", PostgresHarness.scheduleYAML("warmup"))
        try await db.apply()
        try await db.sql("""
            CREATE FUNCTION \(db.schema).refuse() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN IF NEW.name = 'poison' THEN RAISE EXCEPTION 'poison is not welcome'; END IF; RETURN NEW; END $$
            """)
        try await db.sql("CREATE TRIGGER refuse BEFORE INSERT ON \(db.schema).schedules FOR EACH ROW EXECUTE FUNCTION \(db.schema).refuse()")
        try db.write("schedules/b.yaml", PostgresHarness.scheduleYAML("first") + "---\n" + PostgresHarness.scheduleYAML("poison")
            + "---\n" + PostgresHarness.scheduleYAML("last"))
        let (_, report) = try await db.apply()
        let failures = try #require(report?.failures)
        #expect(failures.count == 3, "one statement failed, so every row of the batch failed")
        #expect(failures.contains { $0.message.contains("poison is not welcome") })
        #expect(try await db.sql("SELECT name FROM \(db.schema).schedules ORDER BY name") == ["warmup"])
        let inventory = try await FileStateStore(path: db.folder + "/.botops/state.json").load()
        #expect(inventory.resources.keys.sorted() == [ResourceAddress(.schedule, "warmup")], "a rolled-back batch records nothing")
    }

    @Test func aSchemaNewerThanThisBotopsIsRefusedAndNothingIsWritten() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try db.write("schedules/a.yaml", PostgresHarness.scheduleYAML("morning"))
        try await db.apply()
        try await db.sql("INSERT INTO \(db.schema).schema_migrations (version, name) VALUES (99, 'from the future')")
        try db.write("schedules/a.yaml", PostgresHarness.scheduleYAML("morning", cron: "0 9 * * *"))
        let (plan, report) = try await db.apply()
        #expect(report == nil)
        #expect(plan.unknown.first?.message.contains("is at version 99, newer than this botops knows (8)") == true, "\(plan.unknown)")
        #expect(try await db.sql("SELECT cron FROM \(db.schema).schedules") == ["0 8 * * *"])
    }

    @Test func anUnreachableDatabaseHoldsBackOnlyItsRowsAndNamesItWithoutThePassword() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try db.write("schedules/a.yaml", PostgresHarness.scheduleYAML("morning") + "---\n" + PostgresHarness.scheduleYAML("evening"))
        var environment = db.environment
        environment["TEST_DATABASE_URL"] = "postgres://botops:hunter2-secret@127.0.0.1:1/botops"
        let result = try SpecLoader().load(from: DirectorySource(root: db.folder))
        let state = try #require(result.state)
        let session = ReconcileSession(state: state, store: FileStateStore(path: db.folder + "/.botops/state.json"),
                                       drivers: db.catalog.drivers(for: state.project, logger: .init(label: "t")),
                                       secrets: SecretResolver(environment: environment))
        let plan = try await session.plan()
        #expect(plan.unknown.count == 2)
        #expect(plan.unknown.allSatisfy { $0.code == .unreachable })
        let message = try #require(plan.unknown.first?.message)
        #expect(message.contains("postgres://botops@127.0.0.1:1/botops"))
        #expect(!message.contains("hunter2"), "the password never appears")
        #expect(!TextPlanRenderer().render(plan).contains("hunter2"))
    }
}
