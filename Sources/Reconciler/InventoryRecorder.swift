import Foundation
import Spec

/// Keeps the inventory up to date while changes complete, saving after each one, so a failure or a
/// crash half-way never loses the record of what was already applied.
actor InventoryRecorder {
    private var inventory: Inventory
    private let store: any StateStore

    init(inventory: Inventory, store: any StateStore) {
        self.inventory = inventory
        self.store = store
    }

    /// Replaces the entries given (nil forgets one) and saves once; nothing to do, no save.
    func record(_ entries: [ResourceAddress: InventoryEntry?]) async throws {
        guard !entries.isEmpty else { return }
        for (address, entry) in entries { inventory.resources[address] = entry }
        try await store.save(inventory)
    }

    func finish(revision: String?, complete: Bool) async throws -> Inventory {
        if complete {
            inventory.revision = revision
            inventory.appliedAt = Date()
        }
        try await store.save(inventory)
        return inventory
    }
}
