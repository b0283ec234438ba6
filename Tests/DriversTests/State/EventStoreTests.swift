@testable import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// Both state stores keep the daemon's event log the same way: newest first, an event seen twice kept once,
/// filtered by bot and resource, old events and those beyond the bound dropped, another store instance (a
/// replica) reading what one wrote.
@Suite("Event log: both state stores keep the same bounded log", .timeLimit(.minutes(5)))
struct EventStoreTests {
    static func event(_ id: String, minutesAgo: Double, kind: FleetEvent.Kind = .webhookError, bot: String? = "alpha",
                      resource: ResourceAddress = ResourceAddress(.webhook, "alpha")) -> FleetEvent {
        FleetEvent(id: id, at: Date().addingTimeInterval(-minutesAgo * 60), kind: kind, resource: resource, bot: bot,
                   text: "event \(id)", revision: "abc")
    }

    static func check(_ write: any EventStore, _ read: any EventStore) async throws {
        #expect(try await read.events(EventQuery()).isEmpty, "a new store has no events")
        try await write.append([event("a", minutesAgo: 30), event("b", minutesAgo: 20, kind: .containerExited, bot: nil,
                                                                  resource: ResourceAddress(.container, "worker"))],
                               retentionDays: 30)
        try await write.append([event("a", minutesAgo: 30), event("c", minutesAgo: 10, kind: .backlog)], retentionDays: 30)
        let all = try await read.events(EventQuery())
        #expect(all.map(\.id) == ["c", "b", "a"], "newest first, the repeated one kept once")
        #expect(all.first?.kind == .backlog && all.first?.text == "event c" && all.first?.revision == "abc")
        #expect(try await read.events(EventQuery(bot: "alpha")).map(\.id) == ["c", "a"])
        #expect(try await read.events(EventQuery(resource: ResourceAddress(.container, "worker"))).map(\.id) == ["b"])
        #expect(try await read.events(EventQuery(limit: 2)).map(\.id) == ["c", "b"])
        #expect(try await read.events(EventQuery(since: Date().addingTimeInterval(-15 * 60))).map(\.id) == ["c"])

        // An event older than the retention goes at the next append, whoever wrote it.
        try await write.append([event("old", minutesAgo: 40 * 24 * 60), event("d", minutesAgo: 1)], retentionDays: 30)
        #expect(try await read.events(EventQuery()).map(\.id) == ["d", "c", "b", "a"])
        try await write.append([event("e", minutesAgo: 0)], retentionDays: 1)
        #expect(try await read.events(EventQuery()).map(\.id) == ["e", "d", "c", "b", "a"], "a day keeps the last hour")

        // Beyond the bound, the oldest go.
        let many = (0..<(EventStoreLimits.maximumEvents + 5)).map { event("m\($0)", minutesAgo: -0.001 * Double($0 + 1)) }
        try await write.append(many, retentionDays: 30)
        let kept = try await read.events(EventQuery(limit: EventQuery.maximumLimit))
        #expect(kept.count == EventQuery.maximumLimit)
        #expect(kept.first?.id == "m\(EventStoreLimits.maximumEvents + 4)")
        #expect(try await read.events(EventQuery(resource: ResourceAddress(.container, "worker"))).isEmpty,
                "the older events went to keep \(EventStoreLimits.maximumEvents)")
    }

    @Test func aFileStoreKeepsTheLog() async throws {
        let path = FileStateStoreTests.temporaryPath()
        defer { FileStateStoreTests.removeFolder(of: path) }
        try await Self.check(FileStateStore(path: path), FileStateStore(path: path))
        let mode = try FileManager.default.attributesOfItem(atPath: path + ".events")[.posixPermissions] as? Int
        #expect(mode == 0o600, "readable by its owner only, like the state")
    }

    @Test(.enabled(if: PostgresHarness.available)) func aPostgresStoreKeepsTheLog() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try await Self.check(PostgresStateStoreTests.store(db), PostgresStateStoreTests.store(db))
        let other = try PostgresStateStoreTests.store(db, project: "another")
        #expect(try await other.events(EventQuery()).isEmpty, "each Project has its own log")
    }

    @Test func aDamagedLineIsAnErrorNotAnEmptyLog() async throws {
        let path = FileStateStoreTests.temporaryPath()
        defer { FileStateStoreTests.removeFolder(of: path) }
        let store = FileStateStore(path: path)
        try await store.append([Self.event("a", minutesAgo: 1)], retentionDays: 30)
        let handle = try #require(FileHandle(forWritingAtPath: path + ".events"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{not an event\n".utf8))
        try handle.close()
        await #expect(throws: StateStoreError.self) { try await store.events(EventQuery()) }
    }
}
