import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// A Postgres state lock whose link went silent (a TCP proxy the test controls closes the server's side and leaves
/// botops' side open, hearing nothing): nothing botops asks on it may wait for ever, or a cut-off daemon could
/// neither give its lock up nor stop.
@Suite("Postgres state lock: a link gone silent", .timeLimit(.minutes(5)), .enabled(if: PostgresHarness.available))
struct PostgresLockSilentLinkTests {
    /// A state store whose every connection goes through a TCP proxy the test can partition; the proxy and the
    /// test database are torn down after `body`, whatever it throws.
    private func throughAProxy(_ body: (PostgresStateStore, TCPProxy) async throws -> Void) async throws {
        try await TCPProxy.aroundTestDatabase(harness: { _ in try PostgresHarness() }) { db, proxy, proxied in
            try await body(try PostgresStateStore(url: proxied, schema: db.schema, project: "silent"), proxy)
        }
    }

    @Test func releasingALeadershipLockOnASilentLinkReturns() async throws {
        try await throughAProxy { store, proxy in
            let lock = try #require(try await store.lead(as: RunInfo()))
            proxy.partition()
            let clock = ContinuousClock()
            let asked = clock.now
            await lock.release()
            #expect(clock.now - asked < .seconds(15), "release gave up on the silent link instead of waiting for ever")
            #expect(!(await lock.isHeld()))
        }
    }

    @Test func aStateWriteOnASilentLinkGivesTheLockUp() async throws {
        try await throughAProxy { store, proxy in
            let lock = try await store.lock(timeout: .zero, run: RunInfo())
            try await store.record(InventoryDelta(upserts: [PostgresStateStoreTests.entry]), under: lock)
            proxy.partition()
            let clock = ContinuousClock()
            let asked = clock.now
            await #expect(throws: StateLockLostError.self) {
                try await store.record(InventoryDelta(upserts: [InventoryEntry(address: ResourceAddress(.bot, "late"))]), under: lock)
            }
            #expect(clock.now - asked >= PostgresStateLock.writeDeadline, "a slow answer is waited for up to the deadline")
            #expect(clock.now - asked < PostgresStateLock.writeDeadline + .seconds(10))
            #expect(!(await lock.isHeld()), "the lock is given up, so no further change starts")
            let finishing = clock.now
            await #expect(throws: StateLockLostError.self) {
                try await store.finish(RunRecord(run: RunInfo(), revision: nil, result: .failed), under: lock)
            }
            await lock.release()
            #expect(clock.now - finishing < .seconds(1), "nothing more is asked on the dead link")
        }
    }
}
