import Foundation
import PostgresNIO
import Reconciler

/// The roll of replicas in botops' schema (`state_replicas`, one row a replica, per Project).
extension PostgresStateStore {
    public func checkIn(_ record: ReplicaRecord) async throws {
        let body = String(decoding: try coding.encoder(pretty: false).encode(record), as: UTF8.self)
        try await inTransaction("the replica roll's check-in") { connection in
            try await connection.query("""
                INSERT INTO \(unescaped: table("state_replicas")) (project, replica, record, expires_at)
                VALUES (\(project), \(record.replica.id), \(body)::jsonb, \(record.expiresAt))
                ON CONFLICT (project, replica) DO UPDATE SET record = EXCLUDED.record, expires_at = EXCLUDED.expires_at
                """, logger: logger)
            try await connection.query("""
                DELETE FROM \(unescaped: table("state_replicas")) WHERE project = \(project)
                  AND (expires_at <= now() OR (\(record.role.rawValue) = 'leader' AND record->>'role' = 'leader' AND replica <> \(record.replica.id)))
                """, logger: logger)
        }
    }

    public func checkOut(_ replica: RunInfo) async throws {
        try await withConnection { connection in
            guard let version = try await schema.version(on: connection, logger: logger), version >= 7 else { return }
            try await connection.query("""
                DELETE FROM \(unescaped: table("state_replicas")) WHERE project = \(project) AND replica = \(replica.id)
                """, logger: logger)
        }
    }

    public func replicas() async throws -> [ReplicaRecord] {
        try await withConnection { connection in
            guard let version = try await schema.version(on: connection, logger: logger), version >= 7 else { return [] }
            let rows = try await connection.query("""
                SELECT record::text FROM \(unescaped: table("state_replicas")) WHERE project = \(project)
                """, logger: logger)
            let decoder = coding.decoder()
            var records: [ReplicaRecord] = []
            for try await text in rows.decode(String.self) { records.append(try decoder.decode(ReplicaRecord.self, from: Data(text.utf8))) }
            return ReplicaRecord.roll(records)
        }
    }
}
