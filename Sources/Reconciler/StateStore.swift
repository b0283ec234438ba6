import Foundation
/// Keeps the ``Inventory`` and the history of runs between runs, and makes sure two runs never
/// apply at once.
///
/// Reading needs no lock: `plan` loads while another run applies, and never writes. Writing needs
/// the ``StateLock`` that `lock(timeout:run:)` hands out; a store checks it on every write, so a
/// run that lost its lock cannot write.
public protocol StateStore: Sendable {
    /// Where the state lives, for messages (`file:.botops/state.json`).
    var description: String { get }
    /// The current inventory, with every recorded delta applied; an empty, fresh one (no
    /// fingerprint key) when nothing was applied yet. Takes no lock and writes nothing.
    func load() async throws -> Inventory
    /// Takes the exclusive write lock, waiting up to `timeout` (zero: fail at once) and then
    /// failing with ``StateLockError`` naming who holds it.
    func lock(timeout: Duration, run: RunInfo) async throws -> any StateLock
    /// Records what one step changed, durably, before the run goes on.
    func record(_ delta: InventoryDelta, under lock: any StateLock) async throws
    /// Adds a finished run to the history (bounded: the oldest runs go first).
    func finish(_ run: RunRecord, under lock: any StateLock) async throws
    /// The most recent runs, newest first, at most `limit`.
    func history(limit: Int) async throws -> [RunRecord]
}

/// The write lock of one run. A lock can be lost while held (the lock file replaced, the database
/// connection gone); the run checks ``isHeld`` before each change and stops starting changes when
/// it is false, instead of writing without it.
public protocol StateLock: Sendable {
    /// Who holds it: this run.
    var run: RunInfo { get }
    /// When this run got it: the run's record keeps it (``RunRecord/lockedAt``), so a run that waited is not
    /// taken for one that overlapped another.
    var acquiredAt: Date { get }
    /// False once the lock is lost or released, as far as this process knows without asking.
    func isHeld() async -> Bool
    /// Asks the store whether the lock is still held, for locks kept a long time (a daemon's
    /// leadership): a connection that died silently still looks open to ``isHeld()``.
    func confirm() async -> Bool
    /// Gives it up; idempotent.
    func release() async
}

extension StateLock {
    public func confirm() async -> Bool { await isHeld() }
}

/// Another botops run holds the state lock.
public struct StateLockError: Error, Sendable, CustomStringConvertible {
    public let store: String
    /// The run holding it, when the store can tell.
    public let holder: RunInfo?
    /// How long this run waited.
    public let waited: Duration

    public init(store: String, holder: RunInfo?, waited: Duration = .zero) {
        self.store = store
        self.holder = holder
        self.waited = waited
    }

    public var description: String {
        let tenths = waited.components.seconds * 10 + waited.components.attoseconds / 100_000_000_000_000_000
        let waitedText = tenths > 0 ? " after waiting \(tenths / 10).\(tenths % 10) s" : ""
        return "the state \(store) is locked by another botops run\(holder.map { " (\($0))" } ?? "")\(waitedText); "
            + "wait for it to finish, or pass --lock-timeout to wait for it"
    }
}

/// The state lock was lost during the run (its file replaced, its connection closed).
public struct StateLockLostError: Error, Sendable, CustomStringConvertible {
    public let store: String
    public init(store: String) { self.store = store }
    public var description: String {
        "the lock on the state \(store) was lost; no further change was started; run again"
    }
}

/// The state could not be read or written.
public struct StateStoreError: Error, Sendable, CustomStringConvertible {
    public let store: String
    public let message: String
    public init(store: String, message: String) {
        self.store = store
        self.message = message
    }
    public var description: String { "state \(store): \(message)" }
}

extension StateStore {
    /// ``lock(timeout:run:)`` with its failures as the ``SessionError`` every command reports: busy (worth
    /// retrying) or the state unavailable.
    public func acquire(timeout: Duration, run: RunInfo) async throws(SessionError) -> any StateLock {
        do {
            return try await lock(timeout: timeout, run: run)
        } catch let error as StateLockError {
            throw SessionError(.lockBusy, error.description)
        } catch {
            throw SessionError(.stateUnavailable, "\(error)")
        }
    }
}
