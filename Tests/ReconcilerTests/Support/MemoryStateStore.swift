import Reconciler
import Spec

/// A ``StateStore`` in memory: keeps every saved inventory, so tests can count saves and look at
/// each one, and holds a really exclusive lock (a second `withLock` while one is held throws).
actor MemoryStateStore: StateStore {
    nonisolated let description = "memory:test"
    private(set) var inventory: Inventory
    /// Every inventory saved, oldest first.
    private(set) var saves: [Inventory] = []
    private var holder: String?

    init(_ inventory: Inventory = Inventory()) {
        self.inventory = inventory
    }

    var saveCount: Int { saves.count }

    func load() -> Inventory { inventory }

    func save(_ inventory: Inventory) {
        self.inventory = inventory
        saves.append(inventory)
    }

    func withLock<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R {
        if let holder { throw StateLockError(store: description, holder: holder) }
        holder = "test run"
        // The actor is reentrant while `body` awaits; the flag, not the actor, makes the lock exclusive.
        defer { holder = nil }
        return try await body()
    }
}
