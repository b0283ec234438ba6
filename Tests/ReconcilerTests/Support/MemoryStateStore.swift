import Foundation
import Reconciler
import Spec

/// A ``StateStore`` in memory: keeps every recorded delta and finished run, so tests can count
/// writes and look at each one; its lock is really exclusive, can be waited for, and can be lost
/// on purpose (``loseLock()``).
actor MemoryStateStore: StateStore {
    nonisolated let description = "memory:test"
    private(set) var inventory: Inventory
    /// Every delta recorded, oldest first.
    private(set) var deltas: [InventoryDelta] = []
    private(set) var runs: [RunRecord] = []
    private var holder: MemoryLock?
    /// When the first delta was recorded, for tests that prove a write came after some event.
    private(set) var firstSaveAt: ContinuousClock.Instant?
    /// How many times `load` was called.
    private(set) var loads = 0

    init(_ inventory: Inventory = Inventory()) {
        self.inventory = inventory
    }

    /// Writes of any kind (deltas recorded).
    var saveCount: Int { deltas.count }

    func load() -> Inventory {
        loads += 1
        return inventory
    }

    func lock(timeout: Duration, run: RunInfo) async throws -> any StateLock {
        let clock = ContinuousClock()
        let start = clock.now
        while let holder, await holder.isHeld() {
            let waited = clock.now - start
            guard waited < timeout else { throw StateLockError(store: description, holder: holder.run, waited: waited) }
            try await Task.sleep(for: .milliseconds(10))
        }
        let lock = MemoryLock(run: run)
        holder = lock
        return lock
    }

    func record(_ delta: InventoryDelta, under lock: any StateLock) async throws {
        guard let lock = lock as? MemoryLock, lock === holder, await lock.isHeld() else {
            throw StateLockLostError(store: description)
        }
        inventory.apply(delta)
        deltas.append(delta)
        if firstSaveAt == nil { firstSaveAt = ContinuousClock.now }
    }

    func finish(_ run: RunRecord, under lock: any StateLock) async throws {
        guard let lock = lock as? MemoryLock, lock === holder, await lock.isHeld() else {
            throw StateLockLostError(store: description)
        }
        runs.append(run.locked(at: lock.acquiredAt))
    }

    func history(limit: Int) -> [RunRecord] { Array(runs.suffix(limit).reversed()) }

    /// Replaces the whole inventory, as another run would have changed it.
    func replace(_ inventory: Inventory) { self.inventory = inventory }

    /// The lock of the run holding it is lost from now on (as a dropped database connection would).
    func loseLock() async {
        await holder?.lose()
    }

    var isLocked: Bool {
        get async { await holder?.isHeld() ?? false }
    }
}

/// ``MemoryStateStore``'s lock.
actor MemoryLock: StateLock {
    nonisolated let run: RunInfo
    nonisolated let acquiredAt = Date()
    private var held = true

    init(run: RunInfo) { self.run = run }

    func isHeld() -> Bool { held }
    func release() { held = false }
    func lose() { held = false }
}
