import Reconciler
import Spec
import Testing

/// A failure of one resource never loses another's work.
@Suite("Failure isolation: one failure, the rest applied and recorded", .timeLimit(.minutes(1)))
struct FailureIsolationTests {
    let a = Fixtures.bot("a"), b = Fixtures.bot("b"), w = Fixtures.webhook("w"), c = Fixtures.container("c"),
        d = Fixtures.container("d")

    /// Creates `a`, `b`, `d`, `w` (needs `a`) and `c` (needs `w`), at revision `r2`; the inventory was at `r1`.
    func run(failing: [ResourceAddress]) async throws -> (ApplyReport, FakeFleet, MemoryStateStore) {
        let fleet = FakeFleet()
        for address in failing { await fleet.failApply(address) }
        let driver = FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a")), Fixtures.resource(b, Fixtures.named("b")),
                                            Fixtures.resource(w, Fixtures.named("w"), dependsOn: [a]),
                                            Fixtures.resource(c, Fixtures.named("c"), dependsOn: [w]),
                                            Fixtures.resource(d, Fixtures.named("d"))], fleet: fleet)
        let store = MemoryStateStore(Fixtures.inventory([], revision: "r1"))
        let session = Fixtures.session(Fixtures.state(revision: "r2"), store: store, drivers: [driver])
        let report = try #require(try await session.run { _ in true }.1)
        return (report, fleet, store)
    }

    @Test func independentResourcesAreStillApplied() async throws {
        let (report, fleet, _) = try await run(failing: [a])
        #expect(report.outcomes[b] == .applied(writes: 1))
        #expect(report.outcomes[d] == .applied(writes: 1))
        #expect(await fleet.live.keys.sorted() == [b, d])
    }

    @Test func dependentsAreSkippedTransitively() async throws {
        let (report, fleet, _) = try await run(failing: [a])
        #expect(report.outcomes[w] == .skipped(because: a))
        #expect(report.outcomes[c] == .skipped(because: w))
        #expect(!(await fleet.appliedAddresses.contains(w)))
        #expect(!(await fleet.appliedAddresses.contains(c)))
        #expect(report.skipped.map(\.0) == [w, c])
    }

    @Test func failureIsReportedWithItsError() async throws {
        let (report, _, _) = try await run(failing: [a])
        #expect(!report.succeeded)
        #expect(report.failures.map(\.address) == [a])
        #expect(report.failures.first?.code == .applyFailed)
        #expect(report.sentence == "Apply failed: 1 failed, 2 skipped; resources: 2 added, 0 changed, 0 destroyed.")
    }

    @Test func successesAreRecordedAndTheRevisionIsNotAdvanced() async throws {
        let (_, _, store) = try await run(failing: [a])
        let inventory = await store.inventory
        #expect(inventory.resources.keys.sorted() == [b, d])
        #expect(inventory.revision == "r1")
        #expect(inventory.appliedAt == nil)
    }

    @Test func fullSuccessAdvancesTheRevision() async throws {
        let (report, _, store) = try await run(failing: [])
        #expect(report.succeeded)
        #expect(report.sentence == "Apply complete! Resources: 5 added, 0 changed, 0 destroyed.")
        let inventory = await store.inventory
        #expect(inventory.revision == "r2")
        #expect(inventory.appliedAt != nil)
        #expect(inventory.resources.keys.sorted() == [a, b, w, c, d])
        #expect(inventory.resources[w]?.dependsOn == [a])
    }

    @Test func storeIsSavedAfterEachSuccess() async throws {
        let (_, _, store) = try await run(failing: [a])
        let deltas = await store.deltas
        // One delta per success, as it happens; no completion, since a change failed.
        #expect(deltas.map(\.upserts.count) == [1, 1])
        #expect(deltas.allSatisfy { $0.completed == nil })
    }

    @Test func failedDeleteKeepsTheResourceOwned() async throws {
        let fleet = FakeFleet(live: [a: Fixtures.named("a"), b: Fixtures.named("b")])
        await fleet.failApply(a)
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(a), Fixtures.owned(b)], revision: "r1"))
        let session = Fixtures.session(Fixtures.state(revision: "r2"), store: store, drivers: [FakeDriver(fleet: fleet)])
        let report = try #require(try await session.run(options: PlanOptions(allowEmpty: true)) { _ in true }.1)
        #expect(report.failures.map(\.address) == [a])
        #expect(report.outcomes[b] == .applied(writes: 1))
        let inventory = await store.inventory
        #expect(inventory.resources.keys.sorted() == [a])
        #expect(inventory.revision == "r1")
    }

    @Test func dependencyOfAFailedDeleteIsNotDeleted() async throws {
        let fleet = FakeFleet(live: [a: Fixtures.named("a"), w: Fixtures.named("w")])
        await fleet.failApply(w)
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(a), Fixtures.owned(w, dependsOn: [a])]))
        let session = Fixtures.session(store: store, drivers: [FakeDriver(fleet: fleet)])
        let report = try #require(try await session.run(options: PlanOptions(allowEmpty: true)) { _ in true }.1)
        #expect(report.outcomes[a] == .skipped(because: w))
        #expect(await fleet.live[a] != nil)
        #expect(await store.inventory.resources.keys.sorted() == [a, w])
    }
}
