import Reconciler
import Spec
import Testing

@Suite("Deletion safety: maxDeletes and empty configurations", .timeLimit(.minutes(1)))
struct DeletionSafetyTests {
    let keep = Fixtures.bot("keep")
    let doomed = ["x", "y", "z"].map(Fixtures.container)

    /// `keep` declared and live; three owned containers, live, no longer declared.
    func world(maxDeletes: Int, declared: Bool = true) -> (FakeFleet, ReconcileSession, MemoryStateStore) {
        var live = Dictionary(uniqueKeysWithValues: doomed.map { ($0, Fixtures.named($0.name)) })
        live[keep] = Fixtures.named("keep")
        let fleet = FakeFleet(live: live)
        let driver = FakeDriver(resources: declared ? [Fixtures.resource(keep, Fixtures.named("keep"))] : [], fleet: fleet)
        let store = MemoryStateStore(Fixtures.inventory((declared ? [keep] : []).map { Fixtures.owned($0) }
                                                        + doomed.map { Fixtures.owned($0) }))
        return (fleet, Fixtures.session(Fixtures.state(maxDeletes: maxDeletes), store: store, drivers: [driver]), store)
    }

    @Test func deletesAboveTheLimitAreRefused() async throws {
        let plan = try await world(maxDeletes: 2).1.plan()
        #expect(plan.summary.delete == 3)
        #expect(plan.refusals.count == 1)
        #expect(plan.refusals.first?.message.contains("--allow-deletes 3") == true)
        #expect(plan.refusals.first?.message.contains("limit of 2") == true)
    }

    @Test func deletesAtTheLimitAreAllowed() async throws {
        #expect(try await world(maxDeletes: 3).1.plan().refusals.isEmpty)
    }

    @Test func replacesCountAsDeletes() async throws {
        let c = Fixtures.container("c")
        let fleet = FakeFleet(live: [c: .object(["image": "v1"])])
        let driver = FakeDriver(resources: [Fixtures.resource(c, .object(["image": "v2"]))],
                                triggers: [.container: ["image"]], fleet: fleet)
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(c)]))
        let plan = try await Fixtures.session(Fixtures.state(maxDeletes: 0), store: store, drivers: [driver]).plan()
        #expect(plan.refusals.first?.message.contains("--allow-deletes 1") == true)
    }

    @Test func allowDeletesLiftsTheLimit() async throws {
        let session = world(maxDeletes: 2).1
        #expect(try await session.plan(options: PlanOptions(allowDeletes: 3)).refusals.isEmpty)
        #expect(try await session.plan(options: PlanOptions(allowDeletes: 2)).refusals.count == 1)
    }

    @Test func emptyConfigurationWithOwnedResourcesIsRefused() async throws {
        let plan = try await world(maxDeletes: 10, declared: false).1.plan()
        #expect(plan.summary.delete == 3)
        #expect(plan.refusals.count == 1)
        #expect(plan.refusals.first?.message.contains("--allow-empty") == true)
    }

    @Test func allowEmptyLiftsTheEmptyRefusal() async throws {
        let plan = try await world(maxDeletes: 10, declared: false).1.plan(options: PlanOptions(allowEmpty: true))
        #expect(plan.refusals.isEmpty)
    }

    @Test func emptyConfigurationOnAFreshInstallationIsFine() async throws {
        let plan = try await Fixtures.session(store: MemoryStateStore(), drivers: [FakeDriver(fleet: FakeFleet())]).plan()
        #expect(plan.refusals.isEmpty)
        #expect(plan.changes.isEmpty)
    }

    @Test func bothRefusalsAreReportedTogether() async throws {
        let plan = try await world(maxDeletes: 1, declared: false).1.plan()
        #expect(plan.refusals.count == 2)
    }

    @Test func refusedPlanIsNotAppliedNorOfferedForApproval() async throws {
        let (fleet, session, store) = world(maxDeletes: 2)
        let (plan, report) = try await session.run { _ in
            Issue.record("a refused plan must not be offered for approval")
            return true
        }
        #expect(!plan.refusals.isEmpty)
        #expect(report == nil)
        #expect(await fleet.applied.isEmpty)
        #expect(await fleet.live.count == 4)
        #expect(await store.saveCount == 0)
    }

    @Test func allowedPlanDeletesAndForgets() async throws {
        let (fleet, session, store) = world(maxDeletes: 2)
        let (_, report) = try await session.run(options: PlanOptions(allowDeletes: 3)) { _ in true }
        #expect(report?.succeeded == true)
        #expect(Set(await fleet.appliedAddresses) == Set(doomed))
        #expect(await fleet.live.keys.sorted() == [keep])
        #expect(await store.inventory.resources.keys.sorted() == [keep])
    }
}
