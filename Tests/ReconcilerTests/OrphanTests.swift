import Reconciler
import Spec
import Testing

/// Live objects carrying botops' marker that the inventory lacks (a crash between create and
/// record) are found: adopted when declared, deleted when not, within maxDeletes.
@Suite("Ownership found live: orphans after a crash", .timeLimit(.minutes(1)))
struct OrphanTests {
    let kept = Fixtures.container("kept"), stray = Fixtures.container("stray"), other = Fixtures.container("other")

    @Test func anUndeclaredOrphanIsDeletedAndADeclaredOneAdopted() async throws {
        let fleet = FakeFleet(live: [other: Fixtures.named("other")])
        await fleet.setMarked(kept, Fixtures.named("kept"))
        await fleet.setMarked(stray, Fixtures.named("stray"))
        let store = MemoryStateStore(Fixtures.inventory([]))
        let driver = FakeDriver(resources: [Fixtures.resource(kept, Fixtures.named("kept"))], fleet: fleet)
        let session = Fixtures.session(store: store, drivers: [driver])
        let plan = try await session.plan()
        let delete = try #require(plan.change(for: stray))
        #expect(delete.action == .delete)
        #expect(delete.cause == .orphan)
        #expect(delete.reason?.contains("missing from the state") == true)
        #expect(plan.change(for: kept)?.action == .noOp)
        #expect(plan.change(for: kept)?.cause == .orphan)
        #expect(plan.change(for: other) == nil, "an object without the marker is not botops' to touch")
        #expect(TextPlanRenderer().render(plan).contains("Container/stray will be destroyed (carries botops' marker"))

        let (_, report) = try await session.run { _ in true }
        #expect(report?.succeeded == true)
        #expect(await fleet.live[stray] == nil)
        #expect(await fleet.live[other] == Fixtures.named("other"))
        #expect(await store.inventory.resources[kept]?.attributes["marker"] == "Container/kept", "adopted with what its marker said")
        #expect(await store.inventory.resources[stray] == nil)
        #expect(try await session.plan().actionable.isEmpty, "the next run sees nothing left to do")
    }

    @Test func orphanDeletionsCountAgainstMaxDeletes() async throws {
        let fleet = FakeFleet()
        for index in 0..<3 { await fleet.setMarked(Fixtures.container("o\(index)"), Fixtures.named("o")) }
        let driver = FakeDriver(resources: [Fixtures.resource(kept, Fixtures.named("kept"))], fleet: fleet)
        let plan = try await Fixtures.session(Fixtures.state(maxDeletes: 2), store: MemoryStateStore(Fixtures.inventory([])),
                                              drivers: [driver]).plan()
        #expect(plan.refusals.map(\.code) == [.tooManyDeletes])
    }
}
