import Reconciler
import Spec
import Testing

/// A failed read makes its addresses unknown (never deleted, never changed, dependents held back)
/// while every other driver's changes are still planned; apply refuses the partial plan unless asked.
@Suite("Partial plans: one unreadable system does not blind the others", .timeLimit(.minutes(1)))
struct PartialPlanTests {
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

    @Test func unreadAddressesAreUnknownAndTheRestIsPlanned() async throws {
        let (fleet, drivers, store) = world()
        await fleet.failObserve(a, d)
        let plan = try await Fixtures.session(store: store, drivers: drivers).plan()
        #expect(plan.unknown.map(\.address) == [a, d])
        #expect(plan.unknown.allSatisfy { $0.code == .readFailed })
        #expect(plan.changes.map(\.address) == [b, c], "neither changed nor deleted: not in the plan at all")
        #expect(plan.actionable.map(\.action) == [.create, .create])
        #expect(plan.isPartial)
        #expect(plan.refusals.map(\.code) == [.partial])
        #expect(await store.saveCount == 0)
    }

    @Test func applyRefusesAPartialPlanAndChangesNothing() async throws {
        let (fleet, drivers, store) = world()
        await fleet.failObserve(d)
        let before = await store.inventory
        let result = try await Fixtures.session(store: store, drivers: drivers).apply { _ in
            Issue.record("a partial plan must not be offered for approval")
            return true
        }
        guard case let .refused(_, refusals) = result else {
            Issue.record("expected a refusal, got \(result)")
            return
        }
        #expect(refusals.first?.message.contains("--allow-partial") == true)
        #expect(await fleet.applied.isEmpty)
        #expect(await store.saveCount == 0)
        #expect(await store.inventory == before)
        #expect(await fleet.live[d] == Fixtures.named("d"), "the owned resource whose read failed was not deleted")
        #expect(await store.runs.map(\.result) == [.refused], "the refusal is in the history")
    }

    @Test func allowPartialAppliesWhatWasReadAndLeavesTheRevision() async throws {
        let (fleet, drivers, store) = world()
        await fleet.failDriver("docker")
        let session = Fixtures.session(Fixtures.state(revision: "r2"), store: store, drivers: drivers)
        let (plan, report) = try await session.run(options: PlanOptions(allowPartial: true)) { _ in true }
        #expect(plan.unknown.map(\.address) == [c, d])
        #expect(plan.unknown.allSatisfy { $0.code == .unreachable })
        #expect(report?.succeeded == true)
        #expect(await fleet.appliedAddresses.sorted() == [a, b])
        #expect(await fleet.live[d] == Fixtures.named("d"))
        #expect(await store.inventory.revision == nil, "a partial apply does not count as the revision applied in full")
    }

    @Test func anUnreachableSystemIsNamedOnceInThePlan() async throws {
        let (fleet, drivers, store) = world()
        await fleet.failDriver("docker")
        let plan = try await Fixtures.session(store: store, drivers: drivers).plan()
        let text = TextPlanRenderer().render(plan)
        #expect(text.components(separatedBy: "the docker engine at fake://docker is unreachable").count == 2, "\(text)")
        #expect(text.contains("(2 resources: Container/c, Container/d)"))
        #expect(text.contains("Bot/b will be created"), "the other driver's changes are still shown")
    }

    @Test func whatIsTiedToAnUnknownResourceIsHeldBack() async throws {
        let w = Fixtures.webhook("w"), gone = Fixtures.bot("gone"), hook = Fixtures.webhook("hook")
        let fleet = FakeFleet(live: [gone: Fixtures.named("gone"), hook: Fixtures.named("hook")])
        // `w` waits for `a`, which cannot be read; `hook` (unknown) needs `gone`, which is being deleted.
        let driver = FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a")),
                                            Fixtures.resource(w, Fixtures.named("w"), dependsOn: [a]),
                                            Fixtures.resource(hook, Fixtures.named("hook"), dependsOn: [gone])], fleet: fleet)
        await fleet.failObserve(a, hook)
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(gone), Fixtures.owned(hook, dependsOn: [gone])]))
        let plan = try await Fixtures.session(store: store, drivers: [driver]).plan()
        #expect(plan.unknown.map(\.address) == [a, gone, hook, w])
        #expect(plan.unknown.first { $0.address == w }?.code == .heldBack)
        #expect(plan.unknown.first { $0.address == w }?.message.contains("depends on Bot/a") == true)
        #expect(plan.unknown.first { $0.address == gone }?.message.contains("Webhook/hook, which depends on it") == true)
        #expect(plan.actionable.isEmpty)
    }

    @Test func aMissingObservationIsAReadFailure() async throws {
        let (fleet, drivers, store) = world()
        await fleet.omitObservation(c)
        let plan = try await Fixtures.session(store: store, drivers: drivers).plan()
        #expect(plan.unknown.map(\.address) == [c])
        #expect(plan.unknown.first?.code == .readFailed)
        #expect(plan.unknown.first?.message.contains("docker") == true)
    }

    @Test func aSecretThatCannotBeReadHoldsBackOnlyItsResource() async throws {
        let fleet = FakeFleet()
        let failure = ResourceError(address: b, code: .secretUnavailable, message: "environment variable B_TOKEN is not set")
        let driver = FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a"))], failures: [failure], fleet: fleet)
        let plan = try await Fixtures.session(store: MemoryStateStore(), drivers: [driver]).plan()
        #expect(plan.unknown == [failure])
        #expect(plan.unknown.first?.code.isTerminal == true, "waiting does not bring a secret back")
        #expect(plan.actionable.map(\.address) == [a])
        #expect(await fleet.observeCalls["fake"] == [[a]], "an unprepared resource is not read")
    }
}
