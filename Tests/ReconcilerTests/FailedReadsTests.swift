import Reconciler
import Spec
import Testing

/// A failed read stops the run before anything is planned: it is never taken for `absent`.
@Suite("Failed reads: nothing is planned, saved or applied")
struct FailedReadsTests {
    let a = Fixtures.bot("a"), b = Fixtures.bot("b"), c = Fixtures.container("c"), d = Fixtures.container("d")

    /// Two drivers on one fleet: `a`, `b` (bots) and `c` (container) declared; `d` owned only.
    func world() -> (FakeFleet, [any Driver], MemoryStateStore) {
        let fleet = FakeFleet(live: [a: Fixtures.named("old"), d: Fixtures.named("d")])
        let telegram = FakeDriver(name: "telegram", kinds: [.bot, .webhook],
                                  resources: [Fixtures.resource(a, Fixtures.named("a")), Fixtures.resource(b, Fixtures.named("b"))],
                                  fleet: fleet)
        let docker = FakeDriver(name: "docker", kinds: [.container],
                                resources: [Fixtures.resource(c, Fixtures.named("c"))], fleet: fleet)
        return (fleet, [telegram, docker], MemoryStateStore(Fixtures.inventory([Fixtures.owned(a), Fixtures.owned(d)])))
    }

    @Test func planNamesEveryFailingAddressOfEveryDriver() async throws {
        let (fleet, drivers, store) = world()
        await fleet.failObserve(a, b, d)
        let error = await #expect(throws: ResourceErrors.self) {
            try await Fixtures.session(store: store, drivers: drivers).plan()
        }
        #expect(error?.errors.map(\.address) == [a, b, d])
        #expect(error?.errors.allSatisfy { $0.code == .readFailed } == true)
        #expect(error?.description.contains("Container/d") == true)
        #expect(await store.saveCount == 0)
    }

    @Test func applyChangesNothingWhenAReadFails() async throws {
        let (fleet, drivers, store) = world()
        await fleet.failObserve(d)
        let before = await store.inventory
        await #expect(throws: ResourceErrors.self) {
            _ = try await Fixtures.session(store: store, drivers: drivers).apply { _ in
                Issue.record("a plan with a failed read must not be offered for approval")
                return true
            }
        }
        #expect(await fleet.applied.isEmpty)
        #expect(await store.saveCount == 0)
        #expect(await store.inventory == before)
        #expect(await fleet.live[d] == Fixtures.named("d"), "the owned resource whose read failed was not deleted")
    }

    @Test func missingObservationIsAReadFailure() async throws {
        let (fleet, drivers, store) = world()
        await fleet.omitObservation(c)
        let error = await #expect(throws: ResourceErrors.self) {
            _ = try await Fixtures.session(store: store, drivers: drivers).apply { _ in true }
        }
        #expect(error?.errors.map(\.address) == [c])
        #expect(error?.errors.first?.code == .readFailed)
        #expect(error?.errors.first?.message.contains("docker") == true)
        #expect(await fleet.applied.isEmpty)
        #expect(await store.saveCount == 0)
    }
}
