import Foundation
import Logging
import PostgresNIO
import Reconciler
import Spec

/// The statements of one batch's transaction on `connection`: set-based, one per table and action.
struct RowWriter {
    let connection: PostgresConnection
    let schema: PostgresSchema
    let project: String
    let revision: String?
    let logger: Logger
    let statements: StatementCounter

    private var schedules: String { #""\#(schema.name)".schedules"# }
    private var boosters: String { #""\#(schema.name)".boosters"# }

    /// The rows of `deletes` that are this Project's.
    func delete(_ deletes: [PendingChange]) async throws {
        for kind in [ResourceKind.schedule, .booster, .botRecord, .channelRecord] {
            let names = deletes.filter { $0.address.kind == kind }.map(\.address.name)
            guard !names.isEmpty else { continue }
            try await connection.query("""
                DELETE FROM \(unescaped: #""\#(schema.name)".\#(PostgresDriver.table(kind))"#) WHERE name = ANY(\(names)) AND managed_by = \(project)
                """, logger: logger)
            statements.add(1)
        }
    }

    func upsertSchedules(_ scheduleRows: [Schedule]) async throws {
        let now = Date()
        guard !scheduleRows.isEmpty else { return }
        let next = scheduleRows.map { schedule in
            schedule.cron.nextRun(after: now, in: TimeZone(identifier: schedule.timezone) ?? .gmt)?.formatted(.iso8601) ?? ""
        }
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: schedules) AS t (name, managed_by, bot, cron, timezone, task, args, enabled, next_run_at,
                                                  revision, updated_at)
            SELECT v.name, \(project), NULLIF(v.bot, ''), v.cron, v.timezone, v.task, v.args::jsonb, v.enabled,
                   NULLIF(v.next_run_at, '')::timestamptz, \(revision), now()
            FROM unnest(\(scheduleRows.map(\.metadata.name))::text[], \(scheduleRows.map { $0.bot ?? "" })::text[],
                        \(scheduleRows.map(\.cron.source))::text[], \(scheduleRows.map(\.timezone))::text[],
                        \(scheduleRows.map(\.task))::text[], \(scheduleRows.map { JSONValue.object($0.args).description })::text[],
                        \(scheduleRows.map(\.enabled))::bool[], \(next)::text[])
                 AS v(name, bot, cron, timezone, task, args, enabled, next_run_at)
            ON CONFLICT (name) DO UPDATE SET
              bot = EXCLUDED.bot, cron = EXCLUDED.cron, timezone = EXCLUDED.timezone, task = EXCLUDED.task,
              args = EXCLUDED.args, enabled = EXCLUDED.enabled,
              next_run_at = CASE WHEN t.cron IS DISTINCT FROM EXCLUDED.cron OR t.timezone IS DISTINCT FROM EXCLUDED.timezone
                                   OR t.next_run_at IS NULL OR t.next_run_at < now() - interval '\(unescaped: String(Int(PostgresRows.dueGrace))) seconds'
                                 THEN EXCLUDED.next_run_at ELSE t.next_run_at END,
              revision = EXCLUDED.revision, updated_at = now()
            WHERE t.managed_by = EXCLUDED.managed_by
            RETURNING t.name
            """, logger: logger)
        statements.add(1)
        try await expectWritten(rows, names: scheduleRows.map(\.metadata.name), kind: .schedule, schema: schema)
    }

    func upsertBoosters(_ boosterRows: [Booster]) async throws {
        guard !boosterRows.isEmpty else { return }
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: boosters) AS t (name, managed_by, bot, channel, type, provider, settings, enabled, revision,
                                                 updated_at)
            SELECT v.name, \(project), NULLIF(v.bot, ''), v.channel, v.type, v.provider, v.settings::jsonb, v.enabled,
                   \(revision), now()
            FROM unnest(\(boosterRows.map(\.metadata.name))::text[], \(boosterRows.map { $0.bot ?? "" })::text[],
                        \(boosterRows.map(\.channel.description))::text[], \(boosterRows.map(\.type.rawValue))::text[],
                        \(boosterRows.map(\.provider))::text[], \(boosterRows.map { JSONValue.object($0.settings).description })::text[],
                        \(boosterRows.map(\.enabled))::bool[])
                 AS v(name, bot, channel, type, provider, settings, enabled)
            ON CONFLICT (name) DO UPDATE SET
              bot = EXCLUDED.bot, channel = EXCLUDED.channel, type = EXCLUDED.type, provider = EXCLUDED.provider,
              settings = EXCLUDED.settings, enabled = EXCLUDED.enabled, revision = EXCLUDED.revision, updated_at = now()
            WHERE t.managed_by = EXCLUDED.managed_by
            RETURNING t.name
            """, logger: logger)
        statements.add(1)
        try await expectWritten(rows, names: boosterRows.map(\.metadata.name), kind: .booster, schema: schema)
    }

    /// Registry rows by bot name; a username the desired row lacks keeps the stored one.
    func upsertRecords(_ records: [(String, JSONValue)]) async throws {
        guard !records.isEmpty else { return }
        func column(_ key: String) -> [String] { records.map { $0.1[key]?.stringValue ?? "" } }
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: #""\#(schema.name)".bots"#) AS t (name, managed_by, telegram_id, username, delivery, webhook_url,
                                                                      container, engine, revision, updated_at)
            SELECT v.name, \(project), v.telegram_id, NULLIF(v.username, ''), v.delivery, NULLIF(v.webhook_url, ''),
                   NULLIF(v.container, ''), NULLIF(v.engine, ''), \(revision), now()
            FROM unnest(\(records.map(\.0))::text[], \(records.map { $0.1["telegram_id"]?.intValue ?? 0 })::bigint[],
                        \(column("username"))::text[], \(column("delivery"))::text[],
                        \(column("webhook_url"))::text[], \(column("container"))::text[], \(column("engine"))::text[])
                 AS v(name, telegram_id, username, delivery, webhook_url, container, engine)
            ON CONFLICT (name) DO UPDATE SET
              telegram_id = EXCLUDED.telegram_id, username = coalesce(EXCLUDED.username, t.username), delivery = EXCLUDED.delivery,
              webhook_url = EXCLUDED.webhook_url, container = EXCLUDED.container, engine = EXCLUDED.engine,
              revision = EXCLUDED.revision, updated_at = now()
            WHERE t.managed_by = EXCLUDED.managed_by
            RETURNING t.name
            """, logger: logger)
        statements.add(1)
        try await expectWritten(rows, names: records.map(\.0), kind: .botRecord, schema: schema)
    }

    /// Channel rows by Channel name; what Telegram reports, when the desired row lacks it (the chat was not
    /// read), keeps what is stored.
    func upsertChannels(_ channels: [(String, JSONValue)]) async throws {
        guard !channels.isEmpty else { return }
        func column(_ key: String) -> [String] { channels.map { $0.1[key]?.stringValue ?? "" } }
        func json(_ key: String) -> [String] { channels.map { $0.1[key].flatMap { $0 == .null ? nil : $0.description } ?? "" } }
        let rows = try await connection.query("""
            INSERT INTO \(unescaped: #""\#(schema.name)".channels"#) AS t (name, managed_by, chat, chat_id, username, type, title, bot,
                                                                          rights_declared, rights_missing, revision, updated_at)
            SELECT v.name, \(project), v.chat, NULLIF(v.chat_id, '')::bigint, NULLIF(v.username, ''), NULLIF(v.type, ''),
                   NULLIF(v.title, ''), v.bot, v.rights_declared::jsonb, NULLIF(v.rights_missing, '')::jsonb, \(revision), now()
            FROM unnest(\(channels.map(\.0))::text[], \(column("chat"))::text[],
                        \(channels.map { $0.1["chat_id"]?.intValue.map(String.init) ?? "" })::text[], \(column("username"))::text[],
                        \(column("type"))::text[], \(column("title"))::text[], \(column("bot"))::text[], \(json("rights_declared"))::text[],
                        \(json("rights_missing"))::text[])
                 AS v(name, chat, chat_id, username, type, title, bot, rights_declared, rights_missing)
            ON CONFLICT (name) DO UPDATE SET
              chat = EXCLUDED.chat, bot = EXCLUDED.bot, rights_declared = EXCLUDED.rights_declared,
              chat_id = coalesce(EXCLUDED.chat_id, t.chat_id), username = CASE WHEN EXCLUDED.chat_id IS NULL THEN t.username ELSE EXCLUDED.username END,
              type = coalesce(EXCLUDED.type, t.type), title = CASE WHEN EXCLUDED.chat_id IS NULL THEN coalesce(EXCLUDED.title, t.title) ELSE EXCLUDED.title END,
              rights_missing = CASE WHEN EXCLUDED.chat_id IS NULL THEN t.rights_missing ELSE EXCLUDED.rights_missing END,
              revision = EXCLUDED.revision, updated_at = now()
            WHERE t.managed_by = EXCLUDED.managed_by
            RETURNING t.name
            """, logger: logger)
        statements.add(1)
        try await expectWritten(rows, names: channels.map(\.0), kind: .channelRecord, schema: schema)
    }

    /// An upsert that skipped a name met a row botops does not manage: the whole batch is rolled back.
    func expectWritten(_ rows: PostgresRowSequence, names: [String], kind: ResourceKind, schema: PostgresSchema) async throws {
        var written = Set<String>()
        for try await name in rows.decode(String.self) { written.insert(name) }
        let skipped = names.filter { !written.contains($0) }
        guard !skipped.isEmpty else { return }
        throw ResourceErrors(skipped.map {
            ResourceError(address: ResourceAddress(kind, $0), code: .conflict,
                          message: "a row named '\($0)' in \(schema.name).\(PostgresDriver.table(kind)) appeared that is not botops'; "
                              + "nothing was written; rename the \(kind.rawValue) or remove that row")
        })
    }
}
