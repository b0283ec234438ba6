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
