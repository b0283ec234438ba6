/// Keeps the ``Inventory`` between runs, and makes sure two runs never apply at once.
public protocol StateStore: Sendable {
    /// Where the state lives, for messages (`file:.botops/state.json`).
    var description: String { get }
    /// The current inventory; an empty one (with a new fingerprint key) when nothing was applied yet.
    func load() async throws -> Inventory
    /// Replaces the stored inventory atomically.
    func save(_ inventory: Inventory) async throws
    /// Runs `body` holding the store's exclusive lock; fails at once with ``StateLockError``
    /// when another run holds it.
    func withLock<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R
}

/// Another botops run holds the state lock.
public struct StateLockError: Error, Sendable, CustomStringConvertible {
    public let store: String
    public let holder: String?
    public init(store: String, holder: String?) {
        self.store = store
        self.holder = holder
    }
    public var description: String {
        "the state \(store) is locked by another botops run\(holder.map { " (\($0))" } ?? ""); "
            + "wait for it to finish and try again"
    }
}
