import Reconciler
import Spec
import Testing

/// Changes with one batch key reach their driver in one call, after everything any of them waits
/// for; a batch that fails records nothing.
@Suite("Batches: one call per batch key, all or nothing", .timeLimit(.minutes(1)))
struct BatchTests {
    let s1 = Fixtures.container("s1"), s2 = Fixtures.container("s2"), s3 = Fixtures.container("s3"),
        gone = Fixtures.container("gone"), a = Fixtures.bot("a")

    func world(batchDependsOn: [ResourceAddress] = []) -> (FakeFleet, [any Driver], MemoryStateStore) {
        let fleet = FakeFleet(live: [gone: Fixtures.named("gone"), s3: Fixtures.named("old")])
        let rows = FakeDriver(name: "postgres", kinds: [.container], resources: [s1, s2, s3].map {
            DesiredResource(address: $0, value: Fixtures.named($0.name), dependsOn: $0 == s2 ? batchDependsOn : [],
                            batch: "rows", location: Fixtures.location)
        }, batches: true, fleet: fleet)
        let bots = FakeDriver(name: "telegram", kinds: [.bot], resources: [Fixtures.resource(a, Fixtures.named("a"))], fleet: fleet)
        let owned = Fixtures.owned(gone)
        var batched = owned
        batched.batch = "rows"
        return (fleet, [rows, bots], MemoryStateStore(Fixtures.inventory([batched, Fixtures.owned(s3)])))
    }

    @Test func readyChangesOfOneKeyArriveInOneCallAndDeletionsApart() async throws {
        let (fleet, drivers, store) = world()
        let (plan, report) = try await Fixtures.session(store: store, drivers: drivers).run(options: PlanOptions()) { _ in true }
        #expect(plan.change(for: s1)?.batch == "rows")
        #expect(report?.succeeded == true)
        let batches = await fleet.batches
        #expect(batches.count == 2)
        #expect(batches.contains([gone]), "deletions are never in one batch with upserts")
        #expect(batches.contains { Set($0) == [s1, s2, s3] }, "create and update of one key share a call")
        #expect(await store.inventory.resources[s1]?.batch == "rows", "the key is kept for a later deletion")
    }

    @Test func aBatchWaitsForWhatAnyOfItsChangesWaitsFor() async throws {
        let (fleet, drivers, store) = world(batchDependsOn: [a])
        await fleet.setDelay(.milliseconds(50), for: a)
        _ = try await Fixtures.session(store: store, drivers: drivers).run { _ in true }
        #expect(await fleet.finished(a, before: s1), "s1 waits because s2, in its batch, needs Bot/a")
        #expect(await fleet.finished(a, before: s3))
    }

    @Test func aFailedBatchRecordsNothingAndItsDependentsAreSkipped() async throws {
        let (fleet, drivers, store) = world()
        await fleet.failApply(s2)
        let before = await store.inventory
        let (_, report) = try await Fixtures.session(store: store, drivers: drivers).run { _ in true }
        let report2 = try #require(report)
        #expect(Set(report2.failures.map(\.address)) == [s1, s2, s3], "one row failing rolls back the whole transaction")
        #expect(report2.failures.allSatisfy { $0.message.contains("rolled back") })
        let after = await store.inventory
        for address in [s1, s2, s3] {
            #expect(after.resources[address] == before.resources[address], "\(address) is recorded as it was before")
        }
        #expect(await fleet.live[s1] == nil, "the fake transaction really rolled back")
        #expect(after.resources[gone] == nil, "the deletion batch succeeded on its own and is recorded")
        #expect(after.resources[a] != nil, "another driver's change is unaffected")
    }

    @Test func aFailedBatchSkipsWhatWaitsForIt() async throws {
        let fleet = FakeFleet()
        let hook = Fixtures.webhook("hook")
        let rows = FakeDriver(name: "postgres", kinds: [.container], resources: [
            DesiredResource(address: s1, value: Fixtures.named("s1"), batch: "rows", location: Fixtures.location),
        ], batches: true, fleet: fleet)
        let hooks = FakeDriver(name: "telegram", kinds: [.webhook],
                               resources: [Fixtures.resource(hook, Fixtures.named("hook"), dependsOn: [s1])], fleet: fleet)
        await fleet.failApply(s1)
        let (_, report) = try await Fixtures.session(store: MemoryStateStore(), drivers: [rows, hooks]).run { _ in true }
        #expect(report?.skipped.map(\.0) == [hook])
    }

    @Test func aFailedDependencySkipsOnlyTheBatchMembersTiedToIt() async throws {
        let fleet = FakeFleet()
        let hook = Fixtures.webhook("hook"), bot = Fixtures.bot("b")
        let rows = FakeDriver(name: "postgres", kinds: [.container, .schedule], resources: [
            DesiredResource(address: s1, value: Fixtures.named("s1"), dependsOn: [hook], batch: "rows", location: Fixtures.location),
            DesiredResource(address: s2, value: Fixtures.named("s2"), dependsOn: [s1], batch: "rows", location: Fixtures.location),
            DesiredResource(address: s3, value: Fixtures.named("s3"), dependsOn: [bot], batch: "rows", location: Fixtures.location),
        ], batches: true, fleet: fleet)
        let telegram = FakeDriver(name: "telegram", kinds: [.bot, .webhook], resources: [
            Fixtures.resource(hook, Fixtures.named("hook")), Fixtures.resource(bot, Fixtures.named("b")),
        ], fleet: fleet)
        await fleet.failApply(hook)
        let (_, report) = try await Fixtures.session(store: MemoryStateStore(), drivers: [rows, telegram]).run { _ in true }
        let outcomes = try #require(report?.outcomes)
        #expect(outcomes[s1] == .skipped(because: hook))
        #expect(outcomes[s2] == .skipped(because: s1), "tied to the failure through another change of the batch")
        #expect(outcomes[s3] == .applied(writes: 1), "the rest of the batch still goes")
        #expect(await fleet.batches == [[s3]])
    }
}
