import Foundation
import PostgresNIO
import Reconciler
import Spec

/// The event log in botops' schema (`events`, one row an event, per Project), so every replica reads
/// the same log; an append and its trimming are one transaction.
extension PostgresStateStore: EventStore {
    public func append(_ events: [FleetEvent], retentionDays: Int) async throws {
        guard !events.isEmpty else { return }
        let encoder = coding.encoder(pretty: false)
        // A bot's name is never empty (the spec requires one), so an empty string stands for none.
        let bodies = try events.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        try await inTransaction("the event log's append") { connection in
            try await connection.query("""
                INSERT INTO \(unescaped: table("events")) (project, id, at, kind, resource, bot, event)
                SELECT \(project), v.id, v.at, v.kind, v.resource, NULLIF(v.bot, ''), v.event::jsonb
                FROM unnest(\(events.map(\.id))::text[], \(events.map(\.at))::timestamptz[], \(events.map(\.kind.rawValue))::text[],
                            \(events.map(\.resource.description))::text[], \(events.map { $0.bot ?? "" })::text[], \(bodies)::text[])
                     AS v(id, at, kind, resource, bot, event)
                ON CONFLICT (project, id) DO NOTHING
                """, logger: logger)
            try await connection.query("""
                DELETE FROM \(unescaped: table("events")) WHERE project = \(project)
                  AND (at < now() - make_interval(days => \(Int32(retentionDays)))
                       OR seq NOT IN (SELECT seq FROM \(unescaped: table("events")) WHERE project = \(project)
                                      ORDER BY at DESC, seq DESC LIMIT \(EventStoreLimits.maximumEvents)))
                """, logger: logger)
        }
    }

    public func events(_ query: EventQuery) async throws -> [FleetEvent] {
        try await withConnection { connection in
            guard let version = try await schema.version(on: connection, logger: logger), version >= 6 else { return [] }
            let since = query.since ?? Date(timeIntervalSince1970: 0)
            let rows = try await connection.query("""
                SELECT event::text FROM \(unescaped: table("events"))
                WHERE project = \(project) AND at > \(since) AND (\(query.until)::timestamptz IS NULL OR at <= \(query.until))
                  AND (\(query.bot)::text IS NULL OR bot = \(query.bot))
                  AND (\(query.resource?.description)::text IS NULL OR resource = \(query.resource?.description))
                ORDER BY at DESC, seq DESC LIMIT \(query.limit)
                """, logger: logger)
            let decoder = coding.decoder()
            var events: [FleetEvent] = []
            for try await text in rows.decode(String.self) {
                events.append(try decoder.decode(FleetEvent.self, from: Data(text.utf8)))
            }
            return events
        }
    }
}
