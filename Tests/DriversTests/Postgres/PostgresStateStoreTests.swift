@testable import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Postgres state store: inventory, history, the advisory lock", .timeLimit(.minutes(5)), .enabled(if: PostgresHarness.available), .serialized)
struct PostgresStateStoreTests {
    static func store(_ db: PostgresHarness, project: String = "pgtest") throws -> PostgresStateStore {
        try PostgresStateStore(url: PostgresHarness.url ?? "", schema: db.schema, project: project)
    }

    /// An inventory as the state file writes it: dates to the millisecond, which is what a state keeps
    /// (Postgres keeps microseconds, so the Date values themselves differ in their last bits).
    static func text(_ inventory: Inventory) throws -> String {
        String(decoding: try StateCoding().encoder(pretty: true).encode(inventory), as: UTF8.self)
    }

    static let entry = InventoryEntry(address: ResourceAddress(.webhook, "w"), fingerprints: ["secret_token": "hmac-sha256:00"],
                                      attributes: ["bot": "b"], dependsOn: [ResourceAddress(.bot, "b")], lane: "telegram:b")

    @Test func deltasAndRunsRoundTripAndALoadCreatesNothing() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        let store = try Self.store(db)
        #expect(try await store.load().isFresh)
        #expect(try await db.sql("SELECT to_regnamespace('\(db.schema)')::text") == [nil], "a load writes nothing")

        let lock = try await store.lock(timeout: .zero, run: RunInfo(trigger: .push))
        try await store.record(InventoryDelta(upserts: [Self.entry, InventoryEntry(address: ResourceAddress(.bot, "b"))],
                                              fingerprintKey: "a2V5"), under: lock)
        try await store.record(InventoryDelta(removals: [ResourceAddress(.bot, "b")], completed: .init(revision: "abc")), under: lock)
        try await store.finish(RunRecord(run: lock.run, revision: "abc", result: .succeeded, counts: ["create": 2]), under: lock)
        await lock.release()

        let inventory = try await store.load()
        #expect(inventory.fingerprintKey == "a2V5")
        #expect(inventory.revision == "abc")
        #expect(inventory.resources == [Self.entry.address: inventory.resources[Self.entry.address]!])
        #expect(inventory.resources[Self.entry.address]?.lane == "telegram:b")
        #expect(inventory.resources[Self.entry.address]?.fingerprints == Self.entry.fingerprints)
        let runs = try await store.history(limit: 5)
        #expect(runs.map(\.run.trigger) == [.push])
        #expect(runs.first?.counts == ["create": 2])
        #expect(try await Self.store(db, project: "other").load().isFresh, "each Project has its own state")
    }

    @Test func aSecondRunFailsNamingTheHolderOrWaitsForIt() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        let store = try Self.store(db)
        let first = try await store.lock(timeout: .zero, run: RunInfo(trigger: .timer))
        let error = await #expect(throws: StateLockError.self) { _ = try await Self.store(db).lock(timeout: .zero, run: RunInfo()) }
        #expect(error?.holder?.trigger == .timer)
        #expect(error?.holder?.pid == getpid())
        let waiting = Task { () async throws -> (any StateLock, ContinuousClock.Instant) in
            let lock = try await Self.store(db).lock(timeout: .seconds(5), run: RunInfo())
            return (lock, ContinuousClock.now)
        }
        try await Task.sleep(for: .milliseconds(300))
        let released = ContinuousClock.now
        await first.release()
        let (second, acquired) = try await waiting.value
        #expect(acquired >= released, "the waiting run got it only once the first let go")
        #expect(await second.isHeld())
        await second.release()
    }

    @Test func aLostConnectionLosesTheLockAndRefusesWrites() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        let store = try Self.store(db)
        let lock = try await store.lock(timeout: .zero, run: RunInfo())
        // The database drops the lock's connection (a failover, an idle timeout, an operator).
        let killed = try await db.sql("""
            SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%\(db.schema)%state_locks%'
            """)
        #expect(killed == ["true"])
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while await lock.isHeld(), clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!(await lock.isHeld()), "the lock knows its connection is gone")
        await #expect(throws: (any Error).self) { try await store.record(InventoryDelta(upserts: [Self.entry]), under: lock) }
        // The server let go of it with the connection: the next run gets it.
        let next = try await Self.store(db).lock(timeout: .seconds(2), run: RunInfo())
        await next.release()
        await lock.release()
    }

    @Test func aStateMovesFromAFileToPostgresAndBackLosingNothing() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        let file = FileStateStore(path: db.folder + "/.botops/state.json")
        let lock = try await file.lock(timeout: .zero, run: RunInfo())
        try await file.record(InventoryDelta(upserts: [Self.entry], fingerprintKey: "a2V5", completed: .init(revision: "r1")), under: lock)
        for index in 1...3 {
            try await file.finish(RunRecord(run: RunInfo(trigger: .cli), revision: "r\(index)", result: .succeeded), under: lock)
        }
        await lock.release()
        // More events than a page of the log, and some sharing one time.
        let now = Date()
        let events = (0..<2_500).map { index in
            FleetEvent(id: "e\(index)", at: now.addingTimeInterval(Double(index - 2_500)), kind: .backlog,
                       resource: ResourceAddress(.webhook, "alpha"), bot: "alpha", text: "event \(index)", revision: nil)
        } + (0..<3).map { FleetEvent(id: "same\($0)", at: now, kind: .driftFound, resource: ResourceAddress(.bot, "alpha"), bot: "alpha",
                                     text: "at once", revision: nil) }
        try await file.append(events, retentionDays: 30)

        let postgres = try Self.store(db)
        let there = try await StateMigration(from: file, to: postgres).run()
        #expect(there.resources == 1 && there.runs == 3 && there.events == 2_503)
        #expect(try await postgres.events(EventQuery(limit: 5)).map(\.id).sorted() == ["e2499", "e2498", "same0", "same1", "same2"].sorted())
        #expect(try Self.text(await postgres.load()) == Self.text(await file.load()))
        #expect(try await postgres.history(limit: 10).map(\.revision) == ["r3", "r2", "r1"])
        await #expect(throws: StateStoreError.self, "a state is never merged into another") {
            _ = try await StateMigration(from: file, to: postgres).run()
        }

        let back = FileStateStore(path: db.folder + "/moved/state.json")
        #expect(try await StateMigration(from: postgres, to: back).run().events == 2_503, "the event log comes back whole")
        #expect(try Self.text(await back.load()) == Self.text(await file.load()))
        #expect(try await back.history(limit: 10).map(\.revision) == ["r3", "r2", "r1"])
    }

    @Test func applyKeepsTheStateInTheDatabaseAndTwoAppliesNeverBothWrite() async throws {
        let db = try PostgresHarness(postgresState: true)
        defer { Task { await db.shutdown() } }
        try db.write("schedules/a.yaml", PostgresHarness.scheduleYAML("morning"))
        let first = Task { try await db.apply() }, second = Task { try await db.apply() }
        let outcomes = [await first.result, await second.result]
        let applied = outcomes.compactMap { try? $0.get() }.filter { $0.1?.writes ?? 0 > 0 }
        #expect(applied.count == 1, "exactly one run wrote the row")
        for case let .failure(error) in outcomes {
            #expect((error as? SessionError)?.code == .lockBusy, "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: db.folder + "/.botops"), "no state file")
        let store = try Self.store(db)
        #expect(try await store.load().resources.keys.sorted() == [ResourceAddress(.schedule, "morning")])
        #expect(try await store.history(limit: 5).first?.result == .succeeded)
    }

    @Test func rowsAndTheirRecordCommitInOneTransactionWhereTheyShareTheDatabase() async throws {
        let db = try PostgresHarness(postgresState: true)
        defer { Task { await db.shutdown() } }
        try db.write("schedules/a.yaml", PostgresHarness.scheduleYAML("morning") + "---\n" + PostgresHarness.scheduleYAML("evening"))
        let state = try #require(try SpecLoader().load(from: DirectorySource(root: db.folder)).state)
        let store = try Self.store(db)
        let driver = PostgresDriver(breaker: EndpointBreaker())
        let context = DriverContext(state: state, inventory: Inventory(), secrets: SecretResolver(environment: db.environment),
                                    logger: .init(label: "t"), store: store)
        let planned = await Planner(drivers: [driver]).plan(context: context)
        let batch = planned.plan.actionable.map { PendingChange(change: $0, desired: planned.desired[$0.address], owned: nil) }
        // Only the driver runs: no engine records anything afterwards, as after a crash right after the commit.
        let results = await driver.apply(batch: batch, context: context)
        #expect(results.values.allSatisfy { (try? $0.get()) != nil })
        let recorded = try await store.load()
        #expect(recorded.resources.keys.sorted() == [ResourceAddress(.schedule, "evening"), ResourceAddress(.schedule, "morning")])
        #expect(recorded.resources[ResourceAddress(.schedule, "morning")]?.batch == "postgres")
    }
}
