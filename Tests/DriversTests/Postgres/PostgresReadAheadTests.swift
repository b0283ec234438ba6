import Drivers
import Foundation
import Logging
import Reconciler
import Spec
import Synchronization
import Testing

/// A full plan reads the tables while the declarations are worked out (``Driver/readAhead(context:)``): drift,
/// orphans, conflicts and an unreachable database must plan exactly as when observe reads for itself.
@Suite("Postgres: tables read ahead plan as tables read by observe", .timeLimit(.minutes(5)), .enabled(if: PostgresHarness.available),
       .serialized)
struct PostgresReadAheadTests {
    /// The same driver with no read ahead: its observe reads for itself.
    struct WithoutReadAhead: Driver {
        let base: any Driver
        var name: String { base.name }
        var kinds: Set<ResourceKind> { base.kinds }

        func desired(in context: DriverContext) -> DesiredSet { base.desired(in: context) }

        func observe(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                     context: DriverContext) async -> Observations {
            await base.observe(addresses, desired: desired, context: context)
        }

        func complete(_ resource: DesiredResource, reading details: [ResourceAddress: JSONValue]) -> DesiredResource {
            base.complete(resource, reading: details)
        }

        func describe(_ field: FieldChange, of address: ResourceAddress) -> String? { base.describe(field, of: address) }
        func replaceTriggers(for kind: ResourceKind) -> Set<String> { base.replaceTriggers(for: kind) }
        func markerPaths(for kind: ResourceKind) -> Set<String> { base.markerPaths(for: kind) }
        func releasesOnRemoval(_ kind: ResourceKind) -> Bool { base.releasesOnRemoval(kind) }

        func replaceOrder(for address: ResourceAddress, fields: [FieldChange], desired: DesiredResource) -> ReplaceOrder {
            base.replaceOrder(for: address, fields: fields, desired: desired)
        }

        func apply(_ change: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
            try await base.apply(change, context: context)
        }
    }

    /// The database calls a plan made (`read ok`, `read unreachable`).
    final class Calls: CallRecorder {
        let calls = Mutex<[String]>([])
        func recordCall(_ call: LiveCall) { if call.system == .postgres { calls.withLock { $0.append(call.description) } } }
        func recordTelegramRetry(method: String, reason: LiveCall.RetryReason) {}
    }

    /// A plan of the harness's folder with the database at `url`, and the database calls it made, through a
    /// catalog of its own (a shared one's breaker would mark the database down after the first plan's failure,
    /// and the second would say so). A read ahead that observe did not use would show as a second read.
    func plan(_ db: PostgresHarness, url: String, readingAhead: Bool) async throws -> (Plan, calls: [String]) {
        let result = try SpecLoader().load(from: DirectorySource(root: db.folder))
        let state = try #require(result.state, "\(result.diagnostics)")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let secrets = SecretResolver(environment: ["TEST_DATABASE_URL": url])
        let calls = Calls()
        let catalog = DriverCatalog(connectTimeout: .seconds(2), recorder: calls)
        let drivers = catalog.drivers(for: state.project, logger: logger)
        let store = try FleetSession.store(for: state, source: DirectorySource(root: db.folder), secrets: secrets)
        let session = ReconcileSession(state: state, store: store, drivers: readingAhead ? drivers : drivers.map(WithoutReadAhead.init),
                                       secrets: secrets, logger: logger)
        let plan = try await session.plan()
        try await catalog.shutdown()
        return (plan, calls.calls.withLock { $0 })
    }

    @Test func driftOrphansAndAConflictPlanTheSameReadAheadOrNot() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        let url = try #require(PostgresHarness.url)
        try db.write("schedules/news.yaml", PostgresHarness.scheduleYAML("morning") + "---\n" + PostgresHarness.scheduleYAML("evening"))
        try db.write("boosters/news.yaml", PostgresHarness.boosterYAML("views"))
        try await db.apply()
        try await db.sql("UPDATE \(db.schema).schedules SET enabled = false WHERE name = 'morning'")
        try await db.sql("DELETE FROM \(db.schema).schedules WHERE name = 'evening'")
        try await db.sql("""
            INSERT INTO \(db.schema).boosters (name, managed_by, channel, type, provider, settings, enabled)
            SELECT 'stray', managed_by, channel, type, provider, settings, enabled FROM \(db.schema).boosters WHERE name = 'views'
            """)
        try await db.sql("""
            INSERT INTO \(db.schema).boosters (name, managed_by, channel, type, provider, settings, enabled)
            SELECT 'taken', 'someone else', channel, type, provider, settings, enabled FROM \(db.schema).boosters WHERE name = 'views'
            """)
        try db.write("boosters/taken.yaml", PostgresHarness.boosterYAML("taken"))

        let (ahead, aheadCalls) = try await plan(db, url: url, readingAhead: true)
        let (itself, itselfCalls) = try await plan(db, url: url, readingAhead: false)

        #expect(ahead == itself)
        #expect(aheadCalls == ["read ok"])
        #expect(itselfCalls == ["read ok"])
        #expect(ahead.change(for: ResourceAddress(.schedule, "morning"))?.fields.map(\.path) == ["enabled"])
        #expect(ahead.change(for: ResourceAddress(.schedule, "evening"))?.action == .create)
        #expect(ahead.change(for: ResourceAddress(.booster, "stray"))?.action == .delete)
        #expect(ahead.unknown.map(\.address) == [ResourceAddress(.booster, "taken")])
        #expect(ahead.unknown.first?.message.contains("managed_by is 'someone else'") == true)
    }

    @Test func anUnreachableDatabaseFailsEveryAddressTheSameReadAheadOrNot() async throws {
        let db = try PostgresHarness()
        defer { Task { await db.shutdown() } }
        try db.write("schedules/news.yaml", PostgresHarness.scheduleYAML("morning"))
        try db.write("boosters/news.yaml", PostgresHarness.boosterYAML("views"))
        try await db.apply()
        // Nothing listens on port 1: the connection is refused at once.
        let closed = "postgres://botops@127.0.0.1:1/botops"

        let (ahead, aheadCalls) = try await plan(db, url: closed, readingAhead: true)
        let (itself, itselfCalls) = try await plan(db, url: closed, readingAhead: false)

        #expect(ahead == itself)
        #expect(aheadCalls == ["read unreachable"])
        #expect(itselfCalls == ["read unreachable"])
        #expect(ahead.unknown.map(\.address) == [ResourceAddress(.schedule, "morning"), ResourceAddress(.booster, "views")])
        #expect(ahead.unknown.allSatisfy { $0.message.contains("127.0.0.1:1") }, "\(ahead.unknown.map(\.message))")
        #expect(ahead.changes.isEmpty)
    }
}
