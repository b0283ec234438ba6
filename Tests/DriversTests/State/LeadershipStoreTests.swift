@testable import Drivers
import Foundation
import Reconciler
import Testing

/// One daemon leads a shared store; the others are told at once, see who leads, and take over when the
/// leader resigns or its lock goes with it. The run lock is a different lock.
@Suite("Leadership: one replica leads a shared state store, the others stand by", .timeLimit(.minutes(5)), .serialized)
struct LeadershipStoreTests {
    static func check(_ first: any LeadershipStore, _ second: any LeadershipStore) async throws {
        #expect(try await first.leader() == nil, "nobody led yet")
        let replica = RunInfo(trigger: .daemon)
        let held = try #require(try await first.lead(as: replica))
        #expect(await held.confirm(), "the store confirms the lock is held")
        #expect(try await second.lead(as: RunInfo(trigger: .daemon)) == nil, "a second replica stands by")
        #expect(try await second.leader()?.id == replica.id, "and sees who leads")

        // Leading does not hold the run lock: the leader's passes (and a CLI apply) still take it.
        let run = try await second.lock(timeout: .zero, run: RunInfo())
        await run.release()

        await held.release()
        #expect(try await second.leader() == nil, "a resigned leader is not named")
        let next = try #require(try await second.lead(as: RunInfo(trigger: .daemon)), "the standby takes over")
        #expect(await next.isHeld())
        await next.release()
    }

    @Test func aFileStoreHasOneLeader() async throws {
        let path = FileStateStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try await Self.check(FileStateStore(path: path), FileStateStore(path: path))
    }

    @Test(.enabled(if: PostgresHarness.available)) func aPostgresStoreHasOneLeader() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try await Self.check(PostgresStateStoreTests.store(db), PostgresStateStoreTests.store(db))
    }

    /// A killed leader never released anything: its row stays, but its session's lock is gone.
    @Test(.enabled(if: PostgresHarness.available)) func aDeadLeadersRecordNamesNobody() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        let store = try PostgresStateStoreTests.store(db)
        let held = try #require(try await store.lead(as: RunInfo(trigger: .daemon)))
        let lock = try #require(held as? PostgresStateLock)
        // The server drops the session (a failover, an operator): asked, the lock is no longer held.
        _ = try await db.sql("SELECT pg_terminate_backend(backend_pid)::text FROM \(db.schema).state_leaders")
        #expect(await lock.confirm() == false)
        #expect(await lock.isHeld() == false, "and it is never believed held again")
        try? await lock.connection.close().get()
        #expect(try await db.sql("SELECT count(*)::text FROM \(db.schema).state_leaders") == ["1"], "the row outlived its session")
        #expect(try await Self.eventually { try await store.leader() == nil }, "yet it names no leader")
        let next = try #require(try await store.lead(as: RunInfo(trigger: .daemon)))
        await next.release()
    }

    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<50 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
