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
/// must not go on believing it holds the lock while the server has let its session go and another run took
/// it. So the lock is a lease: the server is asked every ``heartbeat`` whether this session still holds it, and
/// the lock counts as held only for ``lease`` after the last question that was answered yes, timed from when it
/// was asked. A run that takes the lock over from a holder that did not let go waits ``lease`` (and a margin)
/// before changing anything, so the two never start changes at the same time; and every state write is fenced
/// by the lock's ``generation``.
public final class PostgresStateLock: StateLock {
    /// How long an answered heartbeat keeps the lock held. Long enough that a database slow to answer on a busy
    /// machine (seen: over 3 s) is not taken for a lost one, which would end a healthy run.
    public static let lease = Duration.seconds(8)
    /// Added to the lease by a run taking over, for clocks that tick a little apart between processes.
    public static let leaseMargin = Duration.milliseconds(500)
    static let heartbeat = Duration.seconds(2)

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
    /// When the last question the server answered "held" was asked.
    private let confirmedFrom: Mutex<ContinuousClock.Instant>
    private let logger: Logger

    init(run: RunInfo, connection: PostgresConnection, key: String, holders: String, project: String, generation: Int64 = 0,
         confirmedFrom: ContinuousClock.Instant = .now, logger: Logger) {
        self.run = run
        self.connection = connection
        self.key = key
        self.holders = holders
        self.project = project
        self.generation = generation
        self.confirmedFrom = Mutex(confirmedFrom)
        self.logger = logger
        Task { [weak self] in await self?.beat() }
    }

    public func isHeld() async -> Bool {
        !released.withLock { $0 } && !connection.isClosed && ContinuousClock.now - confirmedFrom.withLock { $0 } < Self.lease
    }

    /// Asks the server at every heartbeat while the lock is held; when the lease runs out unanswered, closes the
    /// connection, so that nothing waiting on it waits for ever and the lock can never be believed held again.
    private func beat() async {
        while !released.withLock({ $0 }), !connection.isClosed {
            do {
                try await Task.sleep(for: Self.heartbeat)
            } catch {
                return
            }
            guard !released.withLock({ $0 }) else { return }
            let asked = ContinuousClock.now
            switch await ask(within: Self.lease - Self.heartbeat, askedAt: asked) {
            case true?: break
            case false?: await lose("the server says this session no longer holds the lock")
            case nil:
                if ContinuousClock.now - confirmedFrom.withLock({ $0 }) >= Self.lease {
                    await lose("the database did not answer for \(Self.lease)")
                }
            }
        }
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

    /// The server said, to a question asked at `asked`, that this session holds the lock.
    private func renew(from asked: ContinuousClock.Instant) {
        confirmedFrom.withLock { $0 = max($0, asked) }
    }

    /// A write found another run's generation on the lock row: this one was taken over.
    func fenced() {
        released.withLock { $0 = true }
        connection.close().whenComplete { _ in }
    }

    /// Asks the server, within 5 s, whether this session still holds the lock. A link that died
    /// without a word (a NAT's idle drop, a failover) still looks open, while the server has dropped
    /// the session and its lock and a standby leads: no answer counts as lost, and the connection is
    /// closed so the lock can never be believed held again.
    public func confirm() async -> Bool {
        guard await isHeld() else { return false }
        guard await ask(within: .seconds(5), askedAt: .now) == true else {
            await lose("the server did not confirm the lock")
            return false
        }
        return true
    }

    /// Whether the server says this session holds the lock; nil when no answer came within `deadline` (or the
    /// question could not be sent). Returns at the deadline even if the question never comes back (a link that
    /// went silent): it is left to end when the connection is closed. A yes renews the lease from `askedAt` even
    /// when it comes after the deadline: it still proves the session held the lock when it was asked.
    private func ask(within deadline: Duration, askedAt: ContinuousClock.Instant) async -> Bool? {
        let connection = self.connection, key = self.key, logger = self.logger
        let first = FirstAnswer()
        return await withCheckedContinuation { continuation in
            first.wait(continuation)
            let answer = first.give
            Task {
                do {
                    var held = false
                    let rows = try await connection.query("""
                        SELECT count(*) > 0 FROM pg_locks
                        WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
                          AND objid = (hashtext(\(key))::bigint & 4294967295)::oid
                        """, logger: logger)
                    for try await value in rows.decode(Bool.self) { held = value }
                    if held { self.renew(from: askedAt) }
                    answer(held)
                } catch {
                    answer(nil)
                }
            }
            Task {
                do {
                    try await Task.sleep(for: deadline)
                } catch {
                    // Not cancelled by anyone; the deadline stands.
                }
                answer(nil)
            }
        }
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

/// The first of several answers raced against each other, handed to one waiting continuation.
private final class FirstAnswer: Sendable {
    private let waiting = Mutex<CheckedContinuation<Bool?, Never>?>(nil)

    func wait(_ continuation: CheckedContinuation<Bool?, Never>) { waiting.withLock { $0 = continuation } }

    /// Resumes the waiting continuation with `value` if no answer came before; later answers are dropped.
    @Sendable func give(_ value: Bool?) {
        waiting.withLock { continuation in
            continuation?.resume(returning: value)
            continuation = nil
        }
    }
}
