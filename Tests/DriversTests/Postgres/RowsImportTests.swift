@testable import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// A Django panel's tables brought over once: rows become Schedule and Booster documents by their columns'
/// names, a row already declared is skipped, one that would not validate is named and not written, and the
/// query cannot change the database.
@Suite("Import: rows of another tool's tables", .timeLimit(.minutes(5)), .enabled(if: PostgresHarness.available))
struct RowsImportTests {
    @Test func rowsBecomeDocumentsThatValidate() async throws {
        let postgres = try PostgresHarness()
        let panel = "panel_" + postgres.schema
        defer { Task { await postgres.shutdown(dropping: panel) } }
        try postgres.write("bots/news.yaml", "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: news}\nspec:\n  token: {fromEnv: NEWS_TOKEN}\n")
        try postgres.write("schedules/evening.yaml", PostgresHarness.scheduleYAML("evening"))
        for statement in [
            """
            CREATE SCHEMA \(panel)
            """,
            """
            CREATE TABLE \(panel).jobs (id serial PRIMARY KEY, slug text, bot text, cron_expr text, time_zone text, task text,
            payload jsonb, is_active boolean, created_at timestamptz DEFAULT now())
            """,
            """
            INSERT INTO \(panel).jobs (slug, bot, cron_expr, time_zone, task, payload, is_active) VALUES
            ('morning', 'news', '0 9 * * 1-5', 'Europe/Moscow', 'publish', '{"channel": "@acme_news", "template": "morning", "n": 3}', true),
            ('Weekly Digest', 'news', '0 18 * * 5', 'UTC', 'digest', '{}', false),
            ('evening', 'news', '0 20 * * *', 'UTC', 'publish', '{}', true),
            ('broken', 'news', '61 * * * *', 'UTC', 'publish', '{}', true)
            """,
            """
            CREATE TABLE \(panel).promos (id serial, name text, channel text, kind text, provider text, settings jsonb)
            """,
            """
            INSERT INTO \(panel).promos (name, channel, kind, provider, settings) VALUES
            ('views', '-1001987654321', 'views', 'viewsmith', '{"daily": 500}')
            """,
        ] { try await postgres.sql(statement) }
        let layout = ConfigLayout.locate(postgres.folder)
        let url = try #require(PostgresHarness.url)
        let schedules = await RowsImporter(url: url).run(
            query: "SELECT slug AS name, bot, cron_expr AS cron, time_zone, task, payload AS args, is_active AS enabled, id, created_at FROM \(panel).jobs ORDER BY id",
            kind: .schedule, declared: ["evening"]).validated(in: layout)
        #expect(schedules.documents.map(\.name) == ["morning", "weekly-digest"])
        #expect(schedules.notes.contains("row 2: 'Weekly Digest' is named Schedule/weekly-digest"))
        #expect(schedules.notes.contains("row 3: Schedule/evening is already declared, so the row is skipped"))
        #expect(schedules.notes.contains("columns not read (no such field in a Schedule): created_at, id"))
        #expect(schedules.failures.count == 1 && schedules.failures.first?.hasPrefix("schedules/broken.yaml:") == true, "\(schedules.failures)")
        let morning = try #require(schedules.documents.first?.text(schemaLine: nil))
        #expect(morning.contains("""
            spec:
              bot: news
              cron: "0 9 * * 1-5"
              timezone: Europe/Moscow
              task: publish
              args:
                channel: "@acme_news"
                "n": 3
                template: morning

            """), "\(morning)")
        #expect(schedules.documents.last?.text(schemaLine: nil).contains("enabled: false") == true)

        let boosters = await RowsImporter(url: url).run(query: "SELECT name, channel, kind AS type, provider, settings FROM \(panel).promos",
                                                        kind: .booster, declared: []).validated(in: layout)
        #expect(boosters.failures.isEmpty, "\(boosters.failures)")
        #expect(boosters.documents.first?.text(schemaLine: nil).contains("channel: -1001987654321\n") == true)

        try (schedules.files(in: layout) + boosters.files(in: layout)).write(into: layout.configRoot)
        let loaded = try SpecLoader().load(from: DirectorySource(root: postgres.folder))
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.state?.schedules.count == 3 && loaded.state?.boosters.count == 1)

        let writing = await RowsImporter(url: url).run(query: "SELECT nextval('\(panel).jobs_id_seq')::text AS name", kind: .schedule, declared: [])
        #expect(writing.failures.first?.contains("read-only transaction") == true, "\(writing.failures)")
        #expect(try await postgres.sql("SELECT last_value::text FROM \(panel).jobs_id_seq") == ["4"], "the query changed nothing")
    }
}
