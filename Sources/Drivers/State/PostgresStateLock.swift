import Foundation
import Logging
import PostgresNIO
import Reconciler
import Synchronization

/// The write lock of a ``PostgresStateStore``: a session-level advisory lock held on a connection of
/// its own for the whole run. The server drops it when that connection goes, so a run that dies
/// never leaves it behind, and a run whose connection is lost sees ``isHeld()`` turn false.
public final class PostgresStateLock: StateLock {
    public let run: RunInfo
    /// Made the moment the advisory lock was granted.
    public let acquiredAt = Date()
    let connection: PostgresConnection
    let key: String
    /// The `state_locks` table and the Project's row in it, which names the holder.
    let holders: String
    let project: String
    private let released = Mutex(false)
    private let logger: Logger

    init(run: RunInfo, connection: PostgresConnection, key: String, holders: String, project: String, logger: Logger) {
        self.run = run
        self.connection = connection
        self.key = key
        self.holders = holders
        self.project = project
        self.logger = logger
    }

    public func isHeld() async -> Bool {
        !released.withLock { $0 } && !connection.isClosed
    }

    /// Asks the server, within 5 s, whether this session still holds the lock. A link that died
    /// without a word (a NAT's idle drop, a failover) still looks open, while the server has dropped
    /// the session and its lock and a standby leads: no answer counts as lost, and the connection is
    /// closed so the lock can never be believed held again.
    public func confirm() async -> Bool {
        guard await isHeld() else { return false }
        let connection = self.connection, key = self.key, logger = self.logger
        let held = await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                do {
                    var held = false
                    let rows = try await connection.query("""
                        SELECT count(*) > 0 FROM pg_locks
                        WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
                          AND objid = (hashtext(\(key))::bigint & 4294967295)::oid
                        """, logger: logger)
                    for try await value in rows.decode(Bool.self) { held = value }
                    return held
                } catch {
                    return false
                }
            }
            group.addTask {
                // The deadline; cancelled (and so ended early) when the answer comes first.
                try? await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
        if !held {
            released.withLock { $0 = true }
            // Best effort: a dead link may not even close cleanly.
            try? await connection.close()
        }
        return held
    }

    public func release() async {
        let wasReleased = released.withLock { value in
            defer { value = true }
            return value
        }
        // A connection the server dropped took the lock with it; asking it anything would wait for ever.
        guard !wasReleased, !connection.isClosed else { return }
        // Closing the connection releases the advisory lock; the holder row goes first so it never
        // names a run that is over.
        _ = try? await connection.query("DELETE FROM \(unescaped: holders) WHERE project = \(project)", logger: logger)
        _ = try? await connection.query("SELECT pg_advisory_unlock(hashtext(\(key)))", logger: logger)
        try? await connection.close()
    }

    deinit {
        if !released.withLock({ $0 }) { connection.close().whenComplete { _ in } }
    }
}
