import Foundation
import Reconciler
import Spec
import Testing

/// A saved plan is applied only in the world it was made in.
@Suite("Saved plans: applied only if nothing moved", .timeLimit(.minutes(1)))
struct SavedPlanCheckTests {
    func saved(_ world: SavedPlanWorld) async throws -> Plan {
        let plan = try await world.session().plan()
        return try JSONPlanRenderer().parse(Data(try JSONPlanRenderer().render(plan).utf8))
    }

    func expectStale(_ world: SavedPlanWorld, _ session: ReconcileSession, saying text: String) async throws {
        let plan = try await saved(world)
        let error = await #expect(throws: SessionError.self) {
            _ = try await session.run(saved: plan) { _ in true }
        }
        #expect(error?.code == .stalePlan)
        #expect(error?.isTerminal == true, "a stale plan is not retried: a new plan is needed")
        #expect(error?.message.contains(text) == true, "\(String(describing: error))")
        #expect(error?.description.contains("make a new plan") == true)
        #expect(await world.fleet.applied.isEmpty)
        #expect(await world.store.saveCount == 0)
    }

    @Test func refusedWhenTheRevisionChanged() async throws {
        let world = SavedPlanWorld()
        try await expectStale(world, world.session(revision: "r2"), saying: "made at revision r1 and the configuration is now at r2")
    }

    @Test func refusedWhenADesiredValueChanged() async throws {
        let world = SavedPlanWorld()
        var edited = world.driver
        edited.resources[2] = Fixtures.resource(world.w, Fixtures.named("w2"), dependsOn: [world.a])
        try await expectStale(world, world.session(driver: edited), saying: "the desired state changed")
    }

    @Test func refusedWhenALiveValueChanged() async throws {
        let world = SavedPlanWorld()
        let plan = try await saved(world)
        await world.fleet.setLive(world.w, Fixtures.named("edited by hand"))
        let error = await #expect(throws: SessionError.self) {
            _ = try await world.session().run(saved: plan) { _ in true }
        }
        #expect(error?.message == "the saved plan is stale: Webhook/w changed live since the plan was made; make a new plan and review it")
        #expect(await world.fleet.applied.isEmpty)
    }

    @Test func refusedWhenAnotherRunChangedTheInventory() async throws {
        let world = SavedPlanWorld()
        let plan = try await saved(world)
        let extra = Fixtures.container("extra")
        await world.fleet.setLive(extra, Fixtures.named("extra"))
        var inventory = await world.store.inventory
        inventory.resources[extra] = Fixtures.owned(extra)
        await world.store.replace(inventory)
        let error = await #expect(throws: SessionError.self) {
            _ = try await world.session().run(saved: plan) { _ in true }
        }
        #expect(error?.message == "the saved plan is stale: Container/extra appeared since the plan was made; make a new plan and review it")
        #expect(await world.fleet.applied.isEmpty)
    }

    @Test func unchangedWorldAppliesExactlyTheSavedChanges() async throws {
        let world = SavedPlanWorld()
        let plan = try await saved(world)
        let (applied, report) = try await world.session().run(saved: plan) { _ in true }
        #expect(applied == plan)
        #expect(report?.succeeded == true)
        #expect(await world.fleet.appliedAddresses.sorted() == plan.actionable.map(\.address))
        #expect(await world.fleet.applied.map(\.change.action).sorted { $0.rawValue < $1.rawValue } == [.create, .delete, .update])
        #expect(await world.fleet.live[world.a] == .object(["name": "a", "token": .string(SavedPlanWorld.tokenA)]),
                "the secret's value comes from the configuration, not from the saved plan")
        #expect(await world.store.inventory.revision == "r1")
    }

    @Test func savedPlanCannotBeAppliedTwice() async throws {
        let world = SavedPlanWorld()
        let plan = try await saved(world)
        _ = try await world.session().run(saved: plan) { _ in true }
        await #expect(throws: SessionError.self) {
            _ = try await world.session().run(saved: plan) { _ in true }
        }
        #expect(await world.fleet.applied.count == 3)
    }
}
