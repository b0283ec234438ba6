import Drivers
import Foundation
import Logging
import PostgresNIO
import Reconciler
import Spec
import Testing

/// The claim query of docs/postgres.md: two workers at once never take the same schedule, the lease
/// is not drift, and the worker's columns survive the next apply.
@Suite("Postgres: the workers' claim query", .timeLimit(.minutes(5)), .enabled(if: PostgresHarness.available), .serialized)
struct PostgresClaimQueryTests {
    static func claim(_ schema: String, limit: Int) -> PostgresQuery {
        PostgresQuery(unsafeSQL: """
            UPDATE \(schema).schedules AS s
            SET next_run_at = now() + interval '5 minutes'
            FROM (SELECT name FROM \(schema).schedules
                  WHERE enabled AND next_run_at <= now()
                  ORDER BY next_run_at
                  LIMIT \(limit)
                  FOR UPDATE SKIP LOCKED) AS due
            WHERE s.name = due.name
            RETURNING s.name
            """)
    }

    static func connect() async throws -> PostgresConnection {
        let location = try PostgresLocation(url: PostgresHarness.url ?? "")
        return try await PostgresConnection.connect(
            configuration: .init(host: location.host, port: location.port, username: location.username, password: nil,
                                 database: location.database, tls: .disable),
            id: 7, logger: Logger(label: "worker"))
    }

    static func names(_ rows: PostgresRowSequence) async throws -> [String] {
        var names: [String] = []
        for try await name in rows.decode(String.self) { names.append(name) }
        return names.sorted()
    }

    @Test func twoWorkersClaimDisjointSchedulesAndTheLeaseIsNotDrift() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        let names = (1...5).map { "job\($0)" }
        try db.write("schedules/jobs.yaml", names.map { PostgresHarness.scheduleYAML($0) }.joined(separator: "---\n"))
        try await db.apply()
        try await db.sql("UPDATE \(db.schema).schedules SET next_run_at = now() - interval '1 minute'")

        let logger = Logger(label: "worker")
        let first = try await Self.connect(), second = try await Self.connect()
        try await first.query("BEGIN", logger: logger)
        try await second.query("BEGIN", logger: logger)
        let a = try await Self.names(try await first.query(Self.claim(db.schema, limit: 3), logger: logger))
        // The first worker's rows stay locked until it commits: the second skips them.
        let b = try await Self.names(try await second.query(Self.claim(db.schema, limit: 10), logger: logger))
        try await first.query("COMMIT", logger: logger)
        try await second.query("COMMIT", logger: logger)
        #expect(a.count == 3)
        #expect(b.count == 2)
        #expect(Set(a).isDisjoint(with: b))
        #expect(Set(a + b) == Set(names))

        // The workers finish: record the run and the next instant.
        for name in a + b {
            try await first.query("""
                UPDATE \(unescaped: db.schema).schedules
                SET last_run_at = now(), run_count = run_count + 1, last_error = \(String?.none), next_run_at = now() + interval '1 day'
                WHERE name = \(name)
                """, logger: logger)
        }
        let third = try await Self.names(try await first.query(Self.claim(db.schema, limit: 10), logger: logger))
        #expect(third.isEmpty, "nothing is due any more")
        try await first.close()
        try await second.close()

        #expect(try await db.plan().hasChanges == false, "the workers' next_run_at and columns are not drift")
        try await db.apply()
        #expect(try await db.sql("SELECT sum(run_count)::text FROM \(db.schema).schedules") == ["5"])
    }
}
