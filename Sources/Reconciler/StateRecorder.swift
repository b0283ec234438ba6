import Foundation
import Spec

/// Records each step of an apply in the state store as it completes, as a delta under the run's
/// lock, so a failure or a crash half-way never loses the record of what was already applied.
actor StateRecorder {
    private let store: any StateStore
    private let lock: any StateLock
    private(set) var inventory: Inventory

    init(inventory: Inventory, store: any StateStore, lock: any StateLock) {
        self.inventory = inventory
        self.store = store
        self.lock = lock
    }

    /// Records the delta; an empty one is not written.
    func record(_ delta: InventoryDelta) async throws {
        guard !delta.isEmpty else { return }
        try await store.record(delta, under: lock)
        inventory.apply(delta)
    }
}
