import Reconciler
import Spec
import Testing

/// The driver chooses the order of a replace; create-before-destroy is a deploy, not a deletion.
@Suite("Replace order: chosen by the driver, rendered, and counted", .timeLimit(.minutes(1)))
struct ReplaceOrderTests {
    func plan(_ order: ReplaceOrder, count: Int, maxDeletes: Int = 10) async throws -> Plan {
        let addresses = (0..<count).map { Fixtures.container("bot\($0)") }
        let fleet = FakeFleet(live: Dictionary(uniqueKeysWithValues: addresses.map { ($0, .object(["image": "bot:1"])) }))
        let driver = FakeDriver(resources: addresses.map { Fixtures.resource($0, .object(["image": "bot:2"])) },
                                triggers: [.container: ["image"]], order: order, fleet: fleet)
        let store = MemoryStateStore(Fixtures.inventory(addresses.map { Fixtures.owned($0) }))
        return try await Fixtures.session(Fixtures.state(maxDeletes: maxDeletes), store: store, drivers: [driver]).plan()
    }

    @Test func anImageBumpOnThirtyContainersIsADeployNotAMassDeletion() async throws {
        let plan = try await plan(.createBeforeDestroy, count: 30, maxDeletes: 10)
        #expect(plan.actionable.count == 30)
        #expect(plan.actionable.allSatisfy { $0.action == .replace && $0.order == .createBeforeDestroy })
        #expect(plan.refusals.isEmpty)
    }

    @Test func destroyFirstReplacesCountAsDeletions() async throws {
        let plan = try await plan(.destroyBeforeCreate, count: 3, maxDeletes: 2)
        #expect(plan.refusals.map(\.code) == [.tooManyDeletes])
        #expect(plan.refusals.first?.message.contains("deletes 3 resources") == true)
    }

    @Test func bothOrdersRenderAsTerraformDoes() async throws {
        let before = TextPlanRenderer().render(try await plan(.createBeforeDestroy, count: 1))
        #expect(before.contains("  # Container/bot0 must be replaced: create replacement and then destroy (image cannot change in place)\n  +/- Container/bot0\n"))
        let after = TextPlanRenderer().render(try await plan(.destroyBeforeCreate, count: 1))
        #expect(after.contains("  # Container/bot0 must be replaced: destroy and then create replacement (image cannot change in place)\n  -/+ Container/bot0\n"))
    }

    @Test func theDriverIsHandedTheOrderItChose() async throws {
        let worker = Fixtures.container("worker")
        let fleet = FakeFleet(live: [worker: .object(["image": "bot:1"])])
        let driver = FakeDriver(resources: [Fixtures.resource(worker, .object(["image": "bot:2"]))],
                                triggers: [.container: ["image"]], order: .createBeforeDestroy, fleet: fleet)
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(worker)]))
        let (_, report) = try await Fixtures.session(store: store, drivers: [driver]).run { _ in true }
        #expect(report?.succeeded == true)
        let applied = try #require(await fleet.applied.first)
        #expect(applied.change.action == .replace)
        #expect(applied.change.order == .createBeforeDestroy)
        #expect(applied.owned != nil, "the driver gets the old object's entry to remove it")
    }
}
