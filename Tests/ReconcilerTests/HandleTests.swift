import Reconciler
import Spec
import Testing

/// What a driver read but does not diff reaches apply with the change, in a saved plan too.
@Suite("Handles: from observe to apply", .timeLimit(.minutes(1)))
struct HandleTests {
    let c = Fixtures.container("c"), gone = Fixtures.container("gone")

    @Test func theObservedHandleReachesApply() async throws {
        let fleet = FakeFleet(live: [c: Fixtures.named("old"), gone: Fixtures.named("gone")])
        await fleet.setHandle(c, Handle(.object(["id": "4f2a", "engine": "edge"])))
        await fleet.setHandle(gone, Handle(.object(["id": "99aa", "engine": "default"])))
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(c), Fixtures.owned(gone)]))
        let driver = FakeDriver(resources: [Fixtures.resource(c, Fixtures.named("new"))], fleet: fleet)
        let (plan, report) = try await Fixtures.session(store: store, drivers: [driver]).run { _ in true }
        #expect(report?.succeeded == true)
        #expect(plan.change(for: c)?.handle?["id"] == "4f2a")
        let applied = await fleet.applied
        #expect(applied.first { $0.address == c }?.change.handle == Handle(.object(["id": "4f2a", "engine": "edge"])))
        #expect(applied.first { $0.address == gone }?.change.handle?["id"] == "99aa", "a deletion gets the handle too")
    }

    @Test func aHandleSurvivesASavedPlanAndAMovedHandleMakesItStale() async throws {
        let fleet = FakeFleet(live: [c: Fixtures.named("old")])
        await fleet.setHandle(c, Handle(.object(["id": "4f2a"])))
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(c)]))
        let driver = FakeDriver(resources: [Fixtures.resource(c, Fixtures.named("new"))], fleet: fleet)
        let session = Fixtures.session(store: store, drivers: [driver])
        let saved = try JSONPlanRenderer().parse(.init(try JSONPlanRenderer().render(try await session.plan()).utf8))
        #expect(saved.change(for: c)?.handle?["id"] == "4f2a")
        // Someone recreated the container by hand: same value, another id.
        await fleet.setHandle(c, Handle(.object(["id": "77bb"])))
        let error = await #expect(throws: SessionError.self) { _ = try await session.apply(saved: saved) { _ in true } }
        #expect(error?.message.contains("Container/c changed live since the plan was made") == true)
        #expect(await fleet.applied.isEmpty)
    }
}
