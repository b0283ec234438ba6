import Foundation
import Logging
import PostgresNIO
import Reconciler
import Synchronization

/// The write lock of a ``PostgresStateStore``: a session-level advisory lock held on a connection of
/// its own for the whole run. The server drops it when that connection goes, so a run that dies
/// never leaves it behind, and a run whose connection is lost sees ``isHeld()`` turn false.
///
/// A holder cut off from the database without a word (a partition: its side of the connection stays open)
/// learns it only by asking. ``confirm()`` (asked at each daemon pass) gives the lock up when the server does not
/// answer within 5 s; a state write on the lock's connection (recorded after each change, before the next one
/// starts) gives it up when not answered within ``writeDeadline``, so a cut-off run neither starts changes nor
/// hangs. Whatever it still writes to the state after another run took the lock is refused, because every state
/// write is fenced by the lock's ``generation`` in the same transaction.
public final class PostgresStateLock: StateLock {
    /// How long a state write on the lock's connection may go unanswered before the link is taken for dead. Far
    /// above what a busy machine's database was seen to take (over 3 s for a trivial query in a full test run).
    public static let writeDeadline = Duration.seconds(20)

    public let run: RunInfo
    /// Made the moment the advisory lock was granted.
    public let acquiredAt = Date()
    let connection: PostgresConnection
    let key: String
    /// The `state_locks` table and the Project's row in it, which names the holder.
    let holders: String
    let project: String
    /// The fencing token: the count of times the Project's lock was taken, this one included.
    let generation: Int64
    private let released = Mutex(false)
    private let logger: Logger

    init(run: RunInfo, connection: PostgresConnection, key: String, holders: String, project: String, generation: Int64 = 0,
         logger: Logger) {
        self.run = run
        self.connection = connection
        self.key = key
        self.holders = holders
        self.project = project
        self.generation = generation
        self.logger = logger
    }

    public func isHeld() async -> Bool {
        !released.withLock { $0 } && !connection.isClosed
    }

    private func lose(_ reason: String) async {
        let wasReleased = released.withLock { value in
            defer { value = true }
            return value
        }
        guard !wasReleased else { return }
        logger.warning("the state lock is lost; no further change is started", metadata: ["reason": "\(reason)"])
        do {
            try await connection.close()
        } catch {
            // A dead link may not even close cleanly; the lock is given up either way.
        }
    }

    /// Runs `write` on the lock's connection, giving the lock up when the server has not answered within
    /// ``writeDeadline``: the connection is closed and `write` left behind (see ``AnswerDeadline``), so nothing
    /// waits on a silent link. Throws `write`'s error, or ``StateLockLostError`` naming `store` at the deadline.
    func answering<T: Sendable>(store: String, _ write: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let result = await AnswerDeadline.answer(within: Self.writeDeadline, write) else {
            await lose("the database did not answer a state write within \(Self.writeDeadline)")
            throw StateLockLostError(store: store)
        }
        return try result.get()
    }

    /// Ends the transaction a failed write left open. The error that failed it is the one to report, so a ROLLBACK
    /// that fails too (the connection is gone, which rolls it back anyway) is only logged; one not answered within
    /// ``writeDeadline`` gives the lock up.
    func rollBack() async {
        // A lock given up or fenced is closing its connection, which may not show as closed yet: a ROLLBACK written
        // there would never be answered, and the caller would wait out the whole deadline.
        guard !released.withLock({ $0 }), !connection.isClosed else { return }
        let connection = self.connection, logger = self.logger
        switch await AnswerDeadline.answer(within: Self.writeDeadline, { try await connection.query("ROLLBACK", logger: logger) }) {
        case .success?: break
        case .failure(let error)?:
            logger.debug("ROLLBACK failed after a failed write", metadata: ["error": "\(PostgresFailure.reason(error))"])
        case nil:
            await lose("the database did not answer a ROLLBACK within \(Self.writeDeadline)")
        }
    }

    /// A write found another run's generation on the lock row: this one was taken over.
    func fenced() {
        released.withLock { $0 = true }
        Self.close(connection)
    }

    /// Closes `connection` without waiting, keeping it alive until it is closed: PostgresNIO fails a pending query
    /// before its channel goes inactive, so the task that asked it could otherwise drop the last reference to a
    /// connection still open, which PostgresNIO asserts against.
    private static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Asks the server, within 5 s, whether this session still holds the lock. A link that died
    /// without a word (a NAT's idle drop, a failover) still looks open, while the server has dropped
    /// the session and its lock and a standby leads: no answer counts as lost, and the connection is
    /// closed so the lock can never be believed held again.
    public func confirm() async -> Bool {
        guard await isHeld() else { return false }
        guard await ask(within: .seconds(5)) == true else {
            await lose("the server did not confirm the lock")
            return false
        }
        return true
    }

    /// Whether the server says this session holds the lock; nil when no answer came within `deadline` (or the
    /// question could not be sent). Returns at the deadline even if the question never comes back (a link that
    /// went silent): it is left to end when the connection is closed.
    private func ask(within deadline: Duration) async -> Bool? {
        let connection = self.connection, key = self.key, logger = self.logger
        let answer = await AnswerDeadline.answer(within: deadline) {
            var held = false
            let rows = try await connection.query("""
                SELECT count(*) > 0 FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
                  AND objid = (hashtext(\(key))::bigint & 4294967295)::oid
                """, logger: logger)
            for try await value in rows.decode(Bool.self) { held = value }
            return held
        }
        guard case .success(let held)? = answer else { return nil }
        return held
    }

    public func release() async {
        let wasReleased = released.withLock { value in
            defer { value = true }
            return value
        }
        // A connection the server dropped took the lock with it; asking it anything would wait for ever.
        guard !wasReleased, !connection.isClosed else { return }
        // A link gone silent would hold a stopping daemon for ever on these questions (see AnswerDeadline): they get
        // 5 s, then the connection is closed regardless, which lets the server drop the lock once it notices.
        // Closing the connection releases the advisory lock; the holder row goes first so it never names a run
        // that is over.
        let connection = self.connection, holders = self.holders, project = self.project, key = self.key, logger = self.logger
        let answer = await AnswerDeadline.answer(within: .seconds(5)) {
            try await connection.query("DELETE FROM \(unescaped: holders) WHERE project = \(project)", logger: logger)
            try await connection.query("SELECT pg_advisory_unlock(hashtext(\(key)))", logger: logger)
        }
        if case .failure(let error)? = answer {
            logger.debug("the lock's holder row could not be removed; closing its connection lets the lock go",
                         metadata: ["error": "\(PostgresFailure.reason(error))"])
        }
        Self.close(connection)
    }

    deinit {
        if !released.withLock({ $0 }) { Self.close(connection) }
    }
}
