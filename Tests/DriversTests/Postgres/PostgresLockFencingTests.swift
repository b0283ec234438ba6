import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// The Postgres state lock's fencing token: a holder whose lock was taken by another run writes nothing more.
@Suite("Postgres state lock: fencing", .timeLimit(.minutes(5)), .serialized, .enabled(if: PostgresHarness.available))
struct PostgresLockFencingTests {
    @Test func aWriteUnderAGenerationThatMovedOnIsRefusedAndWritesNothing() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        let store = try PostgresStateStoreTests.store(db)
        let lock = try await store.lock(timeout: .zero, run: RunInfo())
        try await store.record(InventoryDelta(upserts: [PostgresStateStoreTests.entry]), under: lock)
        // Another run took the lock (its generation moved on) while this one's session still looks alive.
        _ = try await db.sql("UPDATE \(db.schema).state_locks SET generation = generation + 1")
        await #expect(throws: StateLockLostError.self) {
            try await store.record(InventoryDelta(upserts: [InventoryEntry(address: ResourceAddress(.bot, "late"))]), under: lock)
        }
        #expect(!(await lock.isHeld()), "a fenced lock is never believed held again")
        #expect(try await store.load().resources[ResourceAddress(.bot, "late")] == nil, "the fenced write left nothing")
        #expect(try await store.load().resources[PostgresStateStoreTests.entry.address] != nil, "what came before stays")
        await lock.release()
    }
}
