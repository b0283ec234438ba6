import Foundation
import PostgresNIO
import Reconciler

extension PostgresStateStore: LeadershipStore {
    /// Apart from the run lock's key, so a leader's own passes can take the run lock.
    var leaderKey: String { "botops-leader:\(schema.name):\(project)" }

    public var leadershipScope: String { "\(location) \(leaderKey)" }

    /// A session advisory lock on a connection of its own, held while the daemon leads; the server
    /// drops it with the connection, so a killed leader's lock is gone as soon as its session is.
    public func lead(as replica: RunInfo) async throws -> (any StateLock)? {
        let connection = try await connect()
        do {
            try await connection.query("BEGIN", logger: logger)
            try await schema.migrate(on: connection, logger: logger)
            try await connection.query("COMMIT", logger: logger)
            var taken = false
            for try await value in try await connection.query("SELECT pg_try_advisory_lock(hashtext(\(leaderKey)))", logger: logger)
                .decode(Bool.self) { taken = value }
            guard taken else {
                try? await connection.close()
                return nil
            }
            let holder = String(decoding: try JSONEncoder().encode(replica), as: UTF8.self)
            try await connection.query("""
                INSERT INTO \(unescaped: table("state_leaders")) (project, holder, backend_pid, since)
                VALUES (\(project), \(holder)::jsonb, pg_backend_pid(), now())
                ON CONFLICT (project) DO UPDATE SET holder = EXCLUDED.holder, backend_pid = EXCLUDED.backend_pid, since = EXCLUDED.since
                """, logger: logger)
            return PostgresStateLock(run: replica, connection: connection, key: leaderKey, holders: table("state_leaders"),
                                     project: project, logger: logger)
        } catch {
            try? await connection.close()
            throw StateStoreError(store: description, message: PostgresFailure.reason(error))
        }
    }

    /// The row of a leader killed without releasing outlives its session, so it counts only while
    /// the session that wrote it still holds an advisory lock.
    public func leader() async throws -> RunInfo? {
        try await withConnection { connection in
            guard let version = try await schema.version(on: connection, logger: logger), version >= 4 else { return nil }
            let rows = try await connection.query("""
                SELECT l.holder::text FROM \(unescaped: table("state_leaders")) l
                WHERE l.project = \(project)
                  AND EXISTS (SELECT 1 FROM pg_locks k WHERE k.locktype = 'advisory' AND k.granted AND k.pid = l.backend_pid)
                """, logger: logger)
            var holder: RunInfo?
            for try await text in rows.decode(String.self) { holder = try JSONDecoder().decode(RunInfo.self, from: Data(text.utf8)) }
            return holder
        }
    }
}
