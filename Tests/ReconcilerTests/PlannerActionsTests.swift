import Reconciler
import Spec
import Testing

@Suite("Planner: the action and reason for each resource", .timeLimit(.minutes(1)))
struct PlannerActionsTests {
    let a = Fixtures.bot("a")

    /// Plans one resource: `desired` declared (or not), `live` present (or absent), owned or not.
    func planned(desired: JSONValue?, live: JSONValue?, owned: Bool, prune: Bool = true,
                triggers: [ResourceKind: Set<String>] = [:], address: ResourceAddress? = nil) async throws -> Change? {
        let address = address ?? a
        let fleet = FakeFleet(live: live.map { [address: $0] } ?? [:])
        let driver = FakeDriver(resources: desired.map { [Fixtures.resource(address, $0)] } ?? [],
                                triggers: triggers, fleet: fleet)
        let store = MemoryStateStore(Fixtures.inventory(owned ? [Fixtures.owned(address)] : []))
        let plan = try await Fixtures.session(Fixtures.state(prune: prune), store: store, drivers: [driver]).plan()
        return plan.changes.first { $0.address == address }
    }

    @Test func declaredAndAbsentIsCreated() async throws {
        let change = try #require(try await planned(desired: Fixtures.named("a"), live: nil, owned: false))
        #expect(change.action == .create)
        #expect(change.reason == nil)
        #expect(change.fields == [FieldChange(path: "name", before: nil, after: "a")])
        #expect(change.observedDigest == "absent")
    }

    @Test func ownedButMissingLiveIsCreatedAgain() async throws {
        let change = try #require(try await planned(desired: Fixtures.named("a"), live: nil, owned: true))
        #expect(change.action == .create)
        #expect(change.reason == "missing live; botops makes it again")
    }

    @Test func ownedAndDifferentIsUpdated() async throws {
        let change = try #require(try await planned(desired: Fixtures.named("new"), live: Fixtures.named("old"), owned: true))
        #expect(change.action == .update)
        #expect(change.reason == nil)
        #expect(change.fields == [FieldChange(path: "name", before: "old", after: "new")])
    }

    @Test func unmanagedAndDifferentIsUpdatedWithReason() async throws {
        let change = try #require(try await planned(desired: Fixtures.named("new"), live: Fixtures.named("old"), owned: false))
        #expect(change.action == .update)
        #expect(change.reason == "not managed by botops yet")
    }

    @Test func ownedAndMatchingIsNoOp() async throws {
        let change = try #require(try await planned(desired: Fixtures.named("a"), live: Fixtures.named("a"), owned: true))
        #expect(change.action == .noOp)
        #expect(change.reason == nil)
        #expect(change.fields.isEmpty)
    }

    @Test func unmanagedAndMatchingIsAdopted() async throws {
        let change = try #require(try await planned(desired: Fixtures.named("a"), live: Fixtures.named("a"), owned: false))
        #expect(change.action == .noOp)
        #expect(change.reason == "matches; botops adopts it")
    }

    @Test func replaceTriggerMakesAReplace() async throws {
        let c = Fixtures.container("web")
        let change = try #require(try await planned(
            desired: .object(["image": "bot:2", "restart": "always"]), live: .object(["image": "bot:1", "restart": "no"]),
            owned: true, triggers: [.container: ["image"]], address: c))
        #expect(change.action == .replace)
        #expect(change.reason == "image cannot change in place")
        #expect(change.changedPaths == ["image", "restart"])
    }

    @Test func replaceTriggerIsAPrefixOfNestedPaths() async throws {
        let c = Fixtures.container("web")
        let change = try #require(try await planned(
            desired: .object(["network": .object(["mode": "host"])]), live: .object(["network": .object(["mode": "none"])]),
            owned: true, triggers: [.container: ["network"]], address: c))
        #expect(change.action == .replace)
        #expect(change.reason == "network.mode cannot change in place")
    }

    /// `labels` covers `labels["com.example/x"]` as it covers `labels.x` (as ``Change/touches(_:)`` does).
    @Test func replaceTriggerIsAPrefixOfBracketedPaths() async throws {
        let c = Fixtures.container("web")
        let change = try #require(try await planned(
            desired: .object(["labels": .object(["com.example/tier": "2"])]),
            live: .object(["labels": .object(["com.example/tier": "1"])]),
            owned: true, triggers: [.container: ["labels"]], address: c))
        #expect(change.action == .replace)
    }

    @Test func changeOutsideTheTriggersStaysAnUpdate() async throws {
        let c = Fixtures.container("web")
        let change = try #require(try await planned(
            desired: .object(["image": "bot:1", "imagePullPolicy": "always"]),
            live: .object(["image": "bot:1", "imagePullPolicy": "never"]),
            owned: true, triggers: [.container: ["image"]], address: c))
        #expect(change.action == .update)
    }

    @Test func ownedUndeclaredAndPresentIsDeleted() async throws {
        let change = try #require(try await planned(desired: nil, live: Fixtures.named("a"), owned: true))
        #expect(change.action == .delete)
        #expect(change.reason == "no longer declared")
        #expect(change.fields == [FieldChange(path: "name", before: "a", after: nil)])
    }

    @Test func ownedUndeclaredAndAbsentIsAlreadyGone() async throws {
        let change = try #require(try await planned(desired: nil, live: nil, owned: true))
        #expect(change.action == .noOp)
        #expect(change.reason == "already gone; botops forgets it")
    }

    @Test func pruneOffKeepsWhatIsNoLongerDeclared() async throws {
        let change = try #require(try await planned(desired: nil, live: Fixtures.named("a"), owned: true, prune: false))
        #expect(change.action == .noOp)
        #expect(change.reason == "no longer declared, kept because prune is off")
    }

    @Test func liveButNeitherDeclaredNorOwnedIsNotPlanned() async throws {
        #expect(try await planned(desired: nil, live: Fixtures.named("a"), owned: false) == nil)
    }

    @Test func deleteKeepsTheLaneAndDependenciesFromTheInventory() async throws {
        let w = Fixtures.webhook("w")
        let fleet = FakeFleet(live: [w: Fixtures.named("w")])
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(w, dependsOn: [a], lane: "telegram:a")]))
        let plan = try await Fixtures.session(store: store, drivers: [FakeDriver(fleet: fleet)]).plan()
        let change = try #require(plan.changes.first)
        #expect(change.action == .delete)
        #expect(change.lane == "telegram:a")
        #expect(change.dependsOn == [a])
    }

    @Test func planListsEveryResourceSortedWithItsRevision() async throws {
        let fleet = FakeFleet(live: [Fixtures.bot("b"): Fixtures.named("b")])
        let driver = FakeDriver(resources: [Fixtures.resource(Fixtures.container("c"), Fixtures.named("c")),
                                            Fixtures.resource(Fixtures.bot("b"), Fixtures.named("b")),
                                            Fixtures.resource(a, Fixtures.named("a"))], fleet: fleet)
        let plan = try await Fixtures.session(Fixtures.state(revision: "abc123"), store: MemoryStateStore(),
                                              drivers: [driver]).plan()
        #expect(plan.changes.map(\.address) == [a, Fixtures.bot("b"), Fixtures.container("c")])
        #expect(plan.revision == "abc123")
        #expect(plan.summary == PlanSummary(plan.changes))
        #expect(plan.summary.create == 2 && plan.summary.noOp == 1)
        #expect(plan.actionable.map(\.address) == [a, Fixtures.container("c")])
    }
}
