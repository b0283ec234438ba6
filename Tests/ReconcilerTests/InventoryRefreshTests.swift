import Reconciler
import Spec
import Testing

/// No-ops still refresh the inventory: adopted resources become owned, vanished ones are forgotten.
@Suite("Inventory refresh on no-ops", .timeLimit(.minutes(1)))
struct InventoryRefreshTests {
    let a = Fixtures.bot("a"), w = Fixtures.webhook("w"), gone = Fixtures.container("gone")

    @Test func adoptedResourceIsRecorded() async throws {
        let fleet = FakeFleet(live: [w: Fixtures.named("w")])
        let driver = FakeDriver(resources: [Fixtures.resource(w, Fixtures.named("w"), dependsOn: [a])], fleet: fleet)
        let store = MemoryStateStore()
        let (plan, report) = try await Fixtures.session(store: store, drivers: [driver]).run { _ in
            Issue.record("a plan without changes needs no approval")
            return true
        }
        #expect(plan.changes.map(\.reason) == ["matches; botops adopts it"])
        #expect(report?.outcomes.isEmpty == true)
        #expect(await fleet.applied.isEmpty)
        let entry = try #require(await store.inventory.resources[w])
        #expect(entry.dependsOn == [a])
    }

    @Test func alreadyGoneResourceIsForgotten() async throws {
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(gone), Fixtures.owned(a)]))
        let fleet = FakeFleet(live: [a: Fixtures.named("a")])
        let driver = FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a"))], fleet: fleet)
        let (plan, _) = try await Fixtures.session(store: store, drivers: [driver]).run { _ in true }
        #expect(plan.changes.first { $0.address == gone }?.reason == "already gone; botops forgets it")
        #expect(await store.inventory.resources.keys.sorted() == [a])
        #expect(await fleet.applied.isEmpty)
    }

    @Test func keptBecausePruneIsOffStaysOwned() async throws {
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(a)]))
        let fleet = FakeFleet(live: [a: Fixtures.named("a")])
        let session = Fixtures.session(Fixtures.state(prune: false), store: store, drivers: [FakeDriver(fleet: fleet)])
        _ = try await session.run(options: PlanOptions(allowEmpty: true)) { _ in true }
        #expect(await store.inventory.resources.keys.sorted() == [a])
        #expect(await fleet.live[a] != nil)
    }

    @Test func convergedRunAdvancesTheRevision() async throws {
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(a)], revision: "r1"))
        let fleet = FakeFleet(live: [a: Fixtures.named("a")])
        let driver = FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a"))], fleet: fleet)
        let (_, report) = try await Fixtures.session(Fixtures.state(revision: "r2"), store: store, drivers: [driver]).run { _ in true }
        #expect(report?.succeeded == true)
        #expect(await store.inventory.revision == "r2")
    }

    /// What a driver recorded when it applied (the lane, a webhook's URL, fingerprints) is what
    /// later runs observe and delete by; a converged run must not drop it.
    @Test func ownedNoOpKeepsWhatTheDriverRecorded() async throws {
        let fleet = FakeFleet()
        let driver = FakeDriver(resources: [Fixtures.resource(w, .object(["url": "https://x", "secret": "hmac-sha256:aa"]),
                                                              sensitive: ["secret"], lane: "telegram:a")], fleet: fleet)
        let store = MemoryStateStore()
        let session = Fixtures.session(store: store, drivers: [driver])
        _ = try await session.run { _ in true }
        let applied = try #require(await store.inventory.resources[w])
        #expect(applied.lane == "telegram:a")
        #expect(applied.attributes["lane"] == nil, "the engine keeps its bookkeeping out of the driver's attributes")
        #expect(applied.fingerprints == ["secret": "hmac-sha256:aa"])

        let (plan, _) = try await session.run { _ in true }
        #expect(plan.changes.map(\.action) == [.noOp])
        let refreshed = try #require(await store.inventory.resources[w])
        #expect(refreshed.attributes == applied.attributes, "the converged run dropped attributes the driver recorded")
        #expect(refreshed.fingerprints == applied.fingerprints)
        // And so a later delete is still serialised in the resource's lane.
        let removal = try await Fixtures.session(store: store, drivers: [FakeDriver(fleet: fleet)]).plan(options: PlanOptions(allowEmpty: true))
        #expect(removal.changes.first?.lane == "telegram:a")
    }
}
