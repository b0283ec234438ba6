/// What an import knows that the first plan needs (the live id of a photo it downloaded), written into the
/// state under its lock: each entry's attributes merged over what the state already holds for it.
public struct InventoryImport: Sendable {
    public let store: any StateStore

    public init(store: any StateStore) {
        self.store = store
    }

    /// Records `entries`; returns how many there were. Waits for the lock up to `timeout`.
    public func record(_ entries: [InventoryEntry], timeout: Duration = .seconds(30),
                       as run: RunInfo = RunInfo(trigger: RunInfo.Trigger(rawValue: "import"))) async throws -> Int {
        guard !entries.isEmpty else { return 0 }
        let lock = try await store.acquire(timeout: timeout, run: run)
        do {
            let inventory = try await store.load()
            let merged = entries.map { entry in
                guard var existing = inventory.resources[entry.address] else { return entry }
                existing.attributes.merge(entry.attributes) { _, imported in imported }
                return existing
            }
            try await store.record(InventoryDelta(upserts: merged.sorted { $0.address < $1.address }), under: lock)
            await lock.release()
            return merged.count
        } catch {
            await lock.release()
            throw error
        }
    }
}
