import Reconciler
import Spec
import Testing

@Suite("Apply ordering: dependencies, parallelism and lanes", .timeLimit(.minutes(1)))
struct ApplyOrderingTests {
    let a = Fixtures.bot("a"), b = Fixtures.bot("b"), w = Fixtures.webhook("w"), c = Fixtures.container("c")

    func apply(_ resources: [DesiredResource], fleet: FakeFleet, inventory: Inventory = Inventory(),
               parallelism: Int = 4) async throws -> ApplyReport {
        let session = Fixtures.session(store: MemoryStateStore(inventory), drivers: [FakeDriver(resources: resources, fleet: fleet)],
                                       parallelism: parallelism)
        // Some tests declare nothing and delete everything owned.
        return try #require(try await session.run(options: PlanOptions(allowEmpty: true)) { _ in true }.1)
    }

    @Test func dependencyIsAppliedBeforeItsDependent() async throws {
        let fleet = FakeFleet()
        // The dependency is slow, so a dependent that did not wait would start while it runs.
        await fleet.setDelay(.milliseconds(50), for: a)
        let report = try await apply([Fixtures.resource(a, Fixtures.named("a")),
                                      Fixtures.resource(w, Fixtures.named("w"), dependsOn: [a]),
                                      Fixtures.resource(c, Fixtures.named("c"), dependsOn: [w])], fleet: fleet)
        #expect(report.succeeded)
        #expect(await fleet.finished(a, before: w))
        #expect(await fleet.finished(w, before: c))
    }

    @Test func dependentWaitsForTheReplaceOfItsDependency() async throws {
        let fleet = FakeFleet(live: [c: .object(["image": "v1"])])
        await fleet.setDelay(.milliseconds(50), for: c)
        let driver = FakeDriver(resources: [Fixtures.resource(c, .object(["image": "v2"])),
                                            Fixtures.resource(w, Fixtures.named("w"), dependsOn: [c])],
                                triggers: [.container: ["image"]], fleet: fleet)
        let store = MemoryStateStore(Fixtures.inventory([Fixtures.owned(c)]))
        let (plan, report) = try await Fixtures.session(store: store, drivers: [driver]).run { _ in true }
        #expect(plan.changes.map(\.action) == [.create, .replace])
        #expect(report?.succeeded == true)
        #expect(await fleet.finished(c, before: w))
    }

    @Test func deletesRunInReverseDependencyOrder() async throws {
        let fleet = FakeFleet(live: [a: Fixtures.named("a"), w: Fixtures.named("w"), c: Fixtures.named("c")])
        // The dependents are slow, so a dependency that did not wait would be deleted under them.
        await fleet.setDelay(.milliseconds(50), for: w)
        await fleet.setDelay(.milliseconds(50), for: c)
        let inventory = Fixtures.inventory([Fixtures.owned(a), Fixtures.owned(w, dependsOn: [a]), Fixtures.owned(c, dependsOn: [w])])
        let report = try await apply([], fleet: fleet, inventory: inventory)
        #expect(report.succeeded)
        #expect(report.actions.values.allSatisfy { $0 == .delete })
        #expect(await fleet.finished(c, before: w))
        #expect(await fleet.finished(w, before: a))
        #expect(await fleet.live.isEmpty)
    }

    @Test func independentResourcesRunInParallelWithinTheBound() async throws {
        let fleet = FakeFleet()
        await fleet.setDelay(.milliseconds(30))
        let containers = (1...10).map { Fixtures.container("c\($0)") }
        let report = try await apply(containers.map { Fixtures.resource($0, Fixtures.named($0.name)) }, fleet: fleet, parallelism: 4)
        #expect(report.succeeded)
        #expect(await fleet.applied.count == 10)
        let highWater = await fleet.highWater
        #expect(highWater <= 4)
        #expect(highWater > 1, "independent changes ran one at a time")
    }

    @Test func parallelismOfOneRunsOneAtATime() async throws {
        let fleet = FakeFleet()
        await fleet.setDelay(.milliseconds(5))
        let containers = (1...5).map { Fixtures.container("c\($0)") }
        let report = try await apply(containers.map { Fixtures.resource($0, Fixtures.named($0.name)) }, fleet: fleet, parallelism: 1)
        #expect(report.succeeded)
        #expect(await fleet.highWater == 1)
        #expect(await fleet.appliedAddresses == containers, "with nothing else to order them, changes go in address order")
    }

    @Test func changesOfOneLaneNeverOverlap() async throws {
        let fleet = FakeFleet()
        await fleet.setDelay(.milliseconds(30))
        let resources = [Fixtures.resource(a, Fixtures.named("a"), lane: "telegram:a"),
                         Fixtures.resource(w, Fixtures.named("w"), lane: "telegram:a"),
                         Fixtures.resource(Fixtures.webhook("v"), Fixtures.named("v"), lane: "telegram:a"),
                         Fixtures.resource(b, Fixtures.named("b"), lane: "telegram:b"),
                         Fixtures.resource(Fixtures.webhook("x"), Fixtures.named("x"), lane: "telegram:b")]
        let report = try await apply(resources, fleet: fleet, parallelism: 4)
        #expect(report.succeeded)
        #expect(await fleet.highWaterByLane == ["telegram:a": 1, "telegram:b": 1])
        #expect(await fleet.highWater == 2, "two lanes ran side by side")
    }

    @Test func deletesOfOneLaneNeverOverlap() async throws {
        let v = Fixtures.webhook("v")
        let fleet = FakeFleet(live: [a: Fixtures.named("a"), w: Fixtures.named("w"), v: Fixtures.named("v")])
        await fleet.setDelay(.milliseconds(30))
        let inventory = Fixtures.inventory([a, w, v].map { Fixtures.owned($0, lane: "telegram:a") })
        let report = try await apply([], fleet: fleet, inventory: inventory)
        #expect(report.succeeded)
        #expect(await fleet.highWaterByLane == ["telegram:a": 1])
        #expect(await fleet.applied.count == 3)
    }
}
