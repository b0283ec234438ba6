import Foundation
import PostgresNIO
import Reconciler
import Spec

extension PostgresDriver {
    public func apply(_ change: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        guard let result = await apply(batch: [change], context: context)[change.address] else {
            throw ResourceError(address: change.address, code: .applyFailed, message: "no result")
        }
        return try result.get()
    }

    /// Every change of the batch in one transaction (the schema migrated first, in it): one
    /// statement per table and action. A failure rolls all of it back and fails every change.
    public func apply(batch all: [PendingChange], context: DriverContext) async -> [ResourceAddress: Result<ApplyOutcome, ResourceError>] {
        let project = context.project.metadata.name
        let revision = context.revision
        var results: [ResourceAddress: Result<ApplyOutcome, ResourceError>] = [:]
        let batch = all
        guard !batch.isEmpty else { return results }
        let result = await withDatabase(context, addresses: batch.map(\.address), operation: "write") { connection, schema in
            try await connection.query("BEGIN", logger: context.logger)
            statements.add(1)
            do {
                try await schema.migrate(on: connection, logger: context.logger)
                statements.add(5)
                try await write(batch, connection: connection, schema: schema, project: project,
                                revision: revision, context: context)
                // Where the state lives in this database too, the rows and their record commit
                // together: a crash between the two cannot leave rows the state does not know. The
                // URL resolved a moment ago to connect; if it no longer does, the engine's own
                // record after the commit still writes the entries.
                if let store = context.store as? any TransactionalStateStore, let location = try? currentLocation(context),
                   store.shares(location, schema: schema.name, project: project) {
                    try await store.write(InventoryDelta(Dictionary(uniqueKeysWithValues: batch.map { change in
                        (change.address, change.change.action == .delete ? nil : entry(for: change))
                    })), on: connection)
                    statements.add(3)
                }
                try await connection.query("COMMIT", logger: context.logger)
                statements.add(1)
            } catch {
                // The error that made the run roll back is the one to report; a failed ROLLBACK adds nothing.
                _ = try? await connection.query("ROLLBACK", logger: context.logger)
                throw error
            }
        }
        switch result {
        case .success:
            for change in batch {
                results[change.address] = .success(ApplyOutcome(entry: change.change.action == .delete ? nil : entry(for: change),
                                                                writes: 1))
            }
        case let .failure(errors):
            let byAddress = Dictionary(errors.errors.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
            // What the database said about the statement that failed; the rest of the batch is rolled back with it.
            let cause = errors.errors.first
            for change in batch {
                results[change.address] = .failure(byAddress[change.address].map { error in
                    error.code == .readFailed || error.code == .conflict ? ResourceError(address: error.address, code: error.code == .conflict
                        ? .conflict : .applyFailed, message: error.message, location: change.desired?.location) : error
                } ?? ResourceError(address: change.address, code: .applyFailed,
                                   message: "rolled back with its batch: \(cause?.message ?? "the transaction failed")",
                                   location: change.desired?.location))
            }
        }
        return results
    }

    /// What the inventory holds for a row botops wrote, as the engine records it.
    private func entry(for change: PendingChange) -> InventoryEntry {
        InventoryEntry(address: change.address, attributes: change.desired?.attributes ?? [:],
                       dependsOn: change.desired?.dependsOn ?? [], lane: change.change.lane, batch: change.change.batch)
    }

    /// Where the Project's database is, for comparing with the state store's.
    private func currentLocation(_ context: DriverContext) throws -> PostgresLocation? {
        guard let reference = context.project.postgresURL else { return nil }
        return try PostgresLocation(url: try context.secrets.resolve(reference))
    }

    private func write(_ batch: [PendingChange], connection: PostgresConnection, schema: PostgresSchema,
                       project: String, revision: String?, context: DriverContext) async throws {
        let schedules = #""\#(schema.name)".schedules"#, boosters = #""\#(schema.name)".boosters"#
        let deletes = batch.filter { $0.change.action == .delete }
        for kind in [ResourceKind.schedule, .booster, .botRecord] {
            let names = deletes.filter { $0.address.kind == kind }.map(\.address.name)
            guard !names.isEmpty else { continue }
            try await connection.query("""
                DELETE FROM \(unescaped: #""\#(schema.name)".\#(Self.table(kind))"#) WHERE name = ANY(\(names)) AND managed_by = \(project)
                """, logger: context.logger)
            statements.add(1)
        }
        let upserts = batch.filter { $0.change.action != .delete }
        let now = Date()
        let scheduleRows = upserts.compactMap { $0.desired?.input(as: ScheduleInput.self)?.schedule }
        if !scheduleRows.isEmpty {
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
                """, logger: context.logger)
            statements.add(1)
            try await expectWritten(rows, names: scheduleRows.map(\.metadata.name), kind: .schedule, schema: schema)
        }
        let boosterRows = upserts.compactMap { $0.desired?.input(as: BoosterInput.self)?.booster }
        if !boosterRows.isEmpty {
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
                """, logger: context.logger)
            statements.add(1)
            try await expectWritten(rows, names: boosterRows.map(\.metadata.name), kind: .booster, schema: schema)
        }
        let records = upserts.filter { $0.address.kind == .botRecord }.compactMap { change in change.desired.map { (change.address.name, $0.value) } }
        if !records.isEmpty {
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
                """, logger: context.logger)
            statements.add(1)
            try await expectWritten(rows, names: records.map(\.0), kind: .botRecord, schema: schema)
        }
    }

    /// An upsert that skipped a name met a row botops does not manage: the whole batch is rolled back.
    private func expectWritten(_ rows: PostgresRowSequence, names: [String], kind: ResourceKind, schema: PostgresSchema) async throws {
        var written = Set<String>()
        for try await name in rows.decode(String.self) { written.insert(name) }
        let skipped = names.filter { !written.contains($0) }
        guard !skipped.isEmpty else { return }
        throw ResourceErrors(skipped.map {
            ResourceError(address: ResourceAddress(kind, $0), code: .conflict,
                          message: "a row named '\($0)' in \(schema.name).\(Self.table(kind)) appeared that is not botops'; "
                              + "nothing was written; rename the \(kind.rawValue) or remove that row")
        })
    }
}
