import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// The Postgres state lock as a lease with a fencing token: a holder whose lock was taken by another run writes
/// nothing more, and a run that takes the lock over from a holder that did not let go waits out its lease first.
@Suite("Postgres state lock: fencing and the lease", .timeLimit(.minutes(5)), .serialized, .enabled(if: PostgresHarness.available))
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

    @Test func aLockTakenOverFromAHolderThatDidNotLetGoIsGivenOnlyAfterItsLease() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        let store = try PostgresStateStoreTests.store(db)
        let first = try await store.lock(timeout: .zero, run: RunInfo())
        // The server lets the holder's session go without a word to it (a partition it noticed first).
        let killed = try await db.sql("""
            SELECT pg_terminate_backend(pid)::text FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objid = (hashtext('botops-run:\(db.schema):pgtest')::bigint & 4294967295)::oid
            """)
        #expect(killed.contains("true"))
        let clock = ContinuousClock()
        let asked = clock.now
        let second = try await PostgresStateStoreTests.store(db).lock(timeout: .seconds(10), run: RunInfo())
        #expect(clock.now - asked >= PostgresStateLock.lease, "nothing is changed before the old holder's lease ran out")
        #expect(await second.isHeld())
        // A lock let go cleanly is taken at once.
        await second.release()
        let again = clock.now
        let third = try await PostgresStateStoreTests.store(db).lock(timeout: .seconds(10), run: RunInfo())
        #expect(clock.now - again < PostgresStateLock.lease)
        await third.release()
        await first.release()
    }
}
