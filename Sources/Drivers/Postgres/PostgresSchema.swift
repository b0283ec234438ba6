import Logging
import PostgresNIO

/// botops' own schema in the database: versioned migrations, each applied once, in the transaction
/// of the run that needs it, under an advisory lock so two runs never migrate at once.
struct PostgresSchema: Sendable {
    /// A lowercase SQL identifier (validated by the spec), so it can stand in SQL as `"name"`.
    let name: String

    /// Every migration, in order; the last one's number is the version this botops knows.
    static let migrations: [(version: Int, name: String, sql: @Sendable (String) -> [String])] = [
        (1, "schedules and boosters", { schema in [
            """
            CREATE TABLE IF NOT EXISTS "\(schema)".schedules (
              name text PRIMARY KEY,
              managed_by text,
              bot text,
              cron text NOT NULL,
              timezone text NOT NULL,
              task text NOT NULL,
              args jsonb NOT NULL DEFAULT '{}'::jsonb,
              enabled boolean NOT NULL DEFAULT true,
              next_run_at timestamptz,
              revision text,
              updated_at timestamptz NOT NULL DEFAULT now(),
              last_run_at timestamptz,
              last_error text,
              run_count bigint NOT NULL DEFAULT 0
            )
            """,
            #"CREATE INDEX IF NOT EXISTS schedules_due ON "\#(schema)".schedules (next_run_at) WHERE enabled"#,
            """
            CREATE TABLE IF NOT EXISTS "\(schema)".boosters (
              name text PRIMARY KEY,
              managed_by text,
              bot text,
              channel text NOT NULL,
              type text NOT NULL,
              provider text NOT NULL,
              settings jsonb NOT NULL DEFAULT '{}'::jsonb,
              enabled boolean NOT NULL DEFAULT true,
              revision text,
              updated_at timestamptz NOT NULL DEFAULT now(),
              last_run_at timestamptz,
              last_error text,
              counters jsonb NOT NULL DEFAULT '{}'::jsonb
            )
            """,
        ] }),
        (2, "state store", { schema in [
            """
            CREATE TABLE IF NOT EXISTS "\(schema)".state (
              project text PRIMARY KEY,
              fingerprint_key text,
              revision text,
              applied_at timestamptz
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS "\(schema)".state_resources (
              project text NOT NULL,
              address text NOT NULL,
              entry jsonb NOT NULL,
              PRIMARY KEY (project, address)
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS "\(schema)".state_locks (
              project text PRIMARY KEY,
              holder jsonb NOT NULL,
              since timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE IF NOT EXISTS "\(schema)".runs (
              seq bigserial,
              id text PRIMARY KEY,
              project text NOT NULL,
              started_at timestamptz NOT NULL,
              finished_at timestamptz NOT NULL,
              result text NOT NULL,
              record jsonb NOT NULL
            )
            """,
            #"CREATE INDEX IF NOT EXISTS runs_recent ON "\#(schema)".runs (project, seq DESC)"#,
        ] }),
        (3, "bot registry", { schema in [
            """
            CREATE TABLE IF NOT EXISTS "\(schema)".bots (
              name text PRIMARY KEY,
              managed_by text,
              telegram_id bigint NOT NULL,
              username text,
              delivery text NOT NULL,
              webhook_url text,
              container text,
              engine text,
              revision text,
              updated_at timestamptz NOT NULL DEFAULT now()
            )
            """,
        ] }),
        (4, "daemon leadership", { schema in [
            """
            CREATE TABLE IF NOT EXISTS "\(schema)".state_leaders (
              project text PRIMARY KEY,
              holder jsonb NOT NULL,
              backend_pid integer NOT NULL,
              since timestamptz NOT NULL DEFAULT now()
            )
            """,
        ] }),
        (5, "channel registry", { schema in [
            """
            CREATE TABLE IF NOT EXISTS "\(schema)".channels (
              name text PRIMARY KEY,
              managed_by text,
              chat text NOT NULL,
              chat_id bigint,
              username text,
              type text,
              title text,
              bot text NOT NULL,
              rights_declared jsonb NOT NULL DEFAULT '[]'::jsonb,
              rights_missing jsonb,
              revision text,
              updated_at timestamptz NOT NULL DEFAULT now()
            )
            """,
        ] }),
        (6, "event log", { schema in [
            """
            CREATE TABLE IF NOT EXISTS "\(schema)".events (
              seq bigserial,
              project text NOT NULL,
              id text NOT NULL,
              at timestamptz NOT NULL,
              kind text NOT NULL,
              resource text NOT NULL,
              bot text,
              event jsonb NOT NULL,
              PRIMARY KEY (project, id)
            )
            """,
            #"CREATE INDEX IF NOT EXISTS events_recent ON "\#(schema)".events (project, at DESC)"#,
        ] }),
        (7, "replica roll", { schema in [
            """
            CREATE TABLE IF NOT EXISTS "\(schema)".state_replicas (
              project text NOT NULL,
              replica text NOT NULL,
              record jsonb NOT NULL,
              expires_at timestamptz NOT NULL,
              PRIMARY KEY (project, replica)
            )
            """,
        ] }),
        (8, "lock generation", { schema in [
            #"ALTER TABLE "\#(schema)".state_locks ADD COLUMN IF NOT EXISTS generation bigint NOT NULL DEFAULT 0"#,
        ] }),
    ]

    static var knownVersion: Int { migrations.last?.version ?? 0 }

    var qualifiedMigrations: String { #""\#(name)".schema_migrations"# }

    /// The version the database is at; nil when botops' schema is not there yet.
    func version(on connection: PostgresConnection, logger: Logger) async throws -> Int? {
        let exists = try await connection.query("SELECT to_regclass(\(qualifiedMigrations)) IS NOT NULL", logger: logger)
        var present = false
        for try await value in exists.decode(Bool.self) { present = value }
        guard present else { return nil }
        let rows = try await connection.query("SELECT coalesce(max(version), 0) FROM \(unescaped: qualifiedMigrations)", logger: logger)
        var version = 0
        for try await value in rows.decode(Int.self) { version = value }
        return version
    }

    /// Brings the schema to ``knownVersion`` inside the caller's transaction. Throws
    /// ``PostgresSchemaTooNew`` when the database is ahead of this botops.
    func migrate(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\("botops-schema:" + name)))", logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: #"CREATE SCHEMA IF NOT EXISTS "\#(name)""#), logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: """
            CREATE TABLE IF NOT EXISTS \(qualifiedMigrations) (
              version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
            """), logger: logger)
        let current = try await version(on: connection, logger: logger) ?? 0
        if current > Self.knownVersion { throw PostgresSchemaTooNew(schema: name, version: current) }
        for migration in Self.migrations where migration.version > current {
            for statement in migration.sql(name) {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.query(
                "INSERT INTO \(unescaped: qualifiedMigrations) (version, name) VALUES (\(migration.version), \(migration.name))",
                logger: logger)
        }
    }
}

/// The database's botops schema is newer than this botops knows.
struct PostgresSchemaTooNew: Error, CustomStringConvertible {
    let schema: String
    let version: Int
    var description: String {
        "the database's schema \"\(schema)\" is at version \(version), newer than this botops knows (\(PostgresSchema.knownVersion)); "
            + "upgrade botops, since an older one could undo what a newer one wrote"
    }
}
