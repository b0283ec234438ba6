@testable import Drivers
import Foundation
import Reconciler
import Testing

/// Both state stores keep the same roll of replicas: each replica once (its last check-in), the leader first,
/// one that checked out or whose time ran out gone, a dead leader's record gone once another leads, each
/// Project's roll its own, and another store instance (another replica) reading what one wrote.
@Suite("Replica roll: both state stores list the daemons that share them", .timeLimit(.minutes(5)))
struct ReplicaRollTests {
    static func check(_ one: any LeadershipStore, _ two: any LeadershipStore) async throws {
        #expect(try await two.replicas().isEmpty, "a new store has nobody on its roll")
        let first = RunInfo(host: "host-b", pid: 10, trigger: .daemon), second = RunInfo(host: "host-a", pid: 20, trigger: .daemon)
        let later = Date().addingTimeInterval(3600)
        try await one.checkIn(ReplicaRecord(replica: first, role: .standby, expiresAt: later))
        try await two.checkIn(ReplicaRecord(replica: second, role: .standby, expiresAt: later))
        try await one.checkIn(ReplicaRecord(replica: first, role: .leader, expiresAt: later))
        let roll = try await two.replicas()
        #expect(roll.map(\.replica.pid) == [10, 20], "the leader first, each replica once")
        #expect(roll.map(\.role) == [.leader, .standby])
        #expect(roll.first?.replica.id == first.id && roll.first?.replica.host == "host-b", "recorded whole")

        // The leader dies; the standby takes over and its check-in drops the dead leader's record.
        try await two.checkIn(ReplicaRecord(replica: second, role: .leader, expiresAt: later))
        #expect(try await one.replicas().map(\.replica.pid) == [20])

        // A replica whose time ran out is gone; one that stops checks out.
        let gone = RunInfo(host: "host-c", pid: 30, trigger: .daemon)
        try await one.checkIn(ReplicaRecord(replica: gone, role: .standby, seenAt: Date().addingTimeInterval(-120),
                                            expiresAt: Date().addingTimeInterval(-1)))
        #expect(try await two.replicas().map(\.replica.pid) == [20])
        try await two.checkOut(second)
        #expect(try await one.replicas().isEmpty)
    }

    @Test func aFileStoreKeepsTheRoll() async throws {
        let path = FileStateStoreTests.temporaryPath()
        defer { FileStateStoreTests.removeFolder(of: path) }
        try await Self.check(FileStateStore(path: path), FileStateStore(path: path))
        let mode = try FileManager.default.attributesOfItem(atPath: path + ".replicas")[.posixPermissions] as? Int
        #expect(mode == 0o600, "readable by its owner only, like the state")
    }

    @Test func aFileStoreTakesCheckInsFromManyAtOnce() async throws {
        let path = FileStateStoreTests.temporaryPath()
        defer { FileStateStoreTests.removeFolder(of: path) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for pid in 1...20 {
                group.addTask {
                    try await FileStateStore(path: path).checkIn(ReplicaRecord(replica: RunInfo(pid: Int32(pid), trigger: .daemon),
                                                                               role: .standby, expiresAt: Date().addingTimeInterval(60)))
                }
            }
            try await group.waitForAll()
        }
        #expect(try await FileStateStore(path: path).replicas().count == 20, "no check-in lost to another's rewrite")
    }

    @Test(.enabled(if: PostgresHarness.available)) func aPostgresStoreKeepsTheRoll() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try await Self.check(PostgresStateStoreTests.store(db), PostgresStateStoreTests.store(db))
        let store = try PostgresStateStoreTests.store(db)
        try await store.checkIn(ReplicaRecord(replica: RunInfo(trigger: .daemon), role: .standby, expiresAt: Date().addingTimeInterval(60)))
        #expect(try await PostgresStateStoreTests.store(db, project: "another").replicas().isEmpty, "each Project has its own roll")
    }
}
