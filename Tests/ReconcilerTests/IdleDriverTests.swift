import Reconciler
import Spec
import Testing

/// A bots-only configuration needs no Docker engine: a driver with nothing declared and nothing
/// owned is never contacted.
@Suite("A driver with nothing to do is not contacted", .timeLimit(.minutes(1)))
struct IdleDriverTests {
    let a = Fixtures.bot("a"), c = Fixtures.container("c")

    func drivers(_ fleet: FakeFleet) -> [any Driver] {
        [FakeDriver(name: "telegram", kinds: [.bot, .webhook], resources: [Fixtures.resource(a, Fixtures.named("a"))], fleet: fleet),
         FakeDriver(name: "docker", kinds: [.container], fleet: fleet)]
    }

    @Test func nothingDeclaredNorOwnedMeansNoObserve() async throws {
        let fleet = FakeFleet()
        // Reads of the container would fail: the plan only succeeds if the docker driver is left alone.
        await fleet.failObserve(c)
        let plan = try await Fixtures.session(store: MemoryStateStore(), drivers: drivers(fleet)).plan()
        #expect(await fleet.observeCount("telegram") == 1)
        #expect(await fleet.observeCount("docker") == 0)
        #expect(plan.changes.map(\.address) == [a])
    }

    @Test func ownedResourcesAreObservedEvenWhenNothingIsDeclared() async throws {
        let fleet = FakeFleet(live: [c: Fixtures.named("c")])
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(c)]))
        let plan = try await Fixtures.session(store: store, drivers: drivers(fleet)).plan()
        #expect(await fleet.observeCount("docker") == 1)
        #expect(await fleet.observeCalls["docker"] == [[c]])
        #expect(plan.changes.first { $0.address == c }?.action == .delete)
    }

    @Test func eachDriverObservesItsDeclaredAndOwnedAddressesInOneCall() async throws {
        let fleet = FakeFleet()
        let gone = Fixtures.bot("gone")
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(gone)]))
        _ = try await Fixtures.session(store: store, drivers: drivers(fleet)).plan()
        #expect(await fleet.observeCalls["telegram"] == [[a, gone]])
    }
}
