import Foundation
import Reconciler
import Spec
import Testing

/// A targeted plan (a push) reads and plans only what is declared differently from the applied
/// revision, and what depends on it; the rest, drift and orphans included, waits for a full plan.
@Suite("Targeted plans: only what changed between two revisions, and its dependents", .timeLimit(.minutes(1)))
struct TargetedPlanTests {
    let alpha = Fixtures.bot("alpha"), beta = Fixtures.bot("beta"), gamma = Fixtures.bot("gamma")
    let hook = Fixtures.webhook("beta"), worker = Fixtures.container("worker")

    /// Applied at `a`: alpha, beta (+ its webhook), gamma. At `b`: beta changed, gamma removed, delta added.
    func world() async -> (FakeFleet, FakeDriver, Inventory) {
        let fleet = FakeFleet(live: [alpha: Fixtures.named("alpha-drifted"), beta: Fixtures.named("beta"),
                                     hook: Fixtures.named("hook"), gamma: Fixtures.named("gamma")])
        let applied = [Fixtures.resource(alpha, Fixtures.named("alpha")), Fixtures.resource(beta, Fixtures.named("beta")),
                       Fixtures.resource(hook, Fixtures.named("hook"), dependsOn: [beta]),
                       Fixtures.resource(gamma, Fixtures.named("gamma"))]
        let next = [Fixtures.resource(alpha, Fixtures.named("alpha")), Fixtures.resource(beta, Fixtures.named("beta-2")),
                    Fixtures.resource(hook, Fixtures.named("hook"), dependsOn: [beta]),
                    Fixtures.resource(Fixtures.bot("delta"), Fixtures.named("delta"))]
        var driver = FakeDriver(resources: next, fleet: fleet)
        driver.byRevision = ["a": applied, "b": next]
        let inventory = Fixtures.inventory([Fixtures.owned(alpha), Fixtures.owned(beta), Fixtures.owned(hook, dependsOn: [beta]),
                                            Fixtures.owned(gamma)], revision: "a")
        return (fleet, driver, inventory)
    }

    func context(_ inventory: Inventory) -> DriverContext {
        DriverContext(state: Fixtures.state(revision: "b"), inventory: inventory, secrets: SecretResolver(environment: [:]),
                      logger: .init(label: "test"))
    }

    @Test func onlyTheChangedTheAddedTheRemovedAndTheirDependentsAreReadAndPlanned() async throws {
        let (fleet, driver, inventory) = await world()
        let result = await Planner(drivers: [driver]).plan(context: context(inventory), baseline: Fixtures.state(revision: "a"))
        let plan = result.plan
        #expect(Set(plan.changes.map(\.address)) == [beta, hook, gamma, Fixtures.bot("delta")])
        #expect(plan.change(for: beta)?.action == .update)
        #expect(plan.change(for: hook)?.action == .noOp, "read because it depends on beta, and unchanged")
        #expect(plan.change(for: gamma)?.action == .delete)
        #expect(plan.change(for: Fixtures.bot("delta"))?.action == .create)
        #expect(plan.change(for: alpha) == nil, "alpha's drift is the full plan's business")
        #expect(Set(await fleet.observeCalls["fake"]?.flatMap { $0 } ?? []) == [beta, hook, gamma, Fixtures.bot("delta")])
        #expect(plan.targetedSince == "a")
        #expect(plan.appliedRevision == "a")
        #expect(TextPlanRenderer().render(plan).contains("Targeted: only what is declared differently from a was read"))

        let full = await Planner(drivers: [driver]).plan(context: context(inventory)).plan
        #expect(full.change(for: alpha)?.action == .update, "the full plan heals the drift")
        #expect(full.targetedSince == nil)
    }

    @Test func aDependentRecordedOnlyInTheInventoryIsTargetedToo() async throws {
        let fleet = FakeFleet(live: [beta: Fixtures.named("beta"), worker: Fixtures.named("worker")])
        var driver = FakeDriver(resources: [], fleet: fleet)
        driver.byRevision = ["a": [Fixtures.resource(beta, Fixtures.named("beta"))],
                             "b": [Fixtures.resource(beta, Fixtures.named("beta-2"))]]
        let inventory = Fixtures.inventory([Fixtures.owned(beta), Fixtures.owned(worker, dependsOn: [beta])], revision: "a")
        let plan = await Planner(drivers: [driver]).plan(context: context(inventory), baseline: Fixtures.state(revision: "a")).plan
        #expect(Set(plan.changes.map(\.address)) == [beta, worker], "the worker, no longer declared, depended on beta")
    }

    @Test func aDriverWithNothingChangedIsNotContactedAndItsOrphansWait() async throws {
        let (fleet, driver, inventory) = await world()
        await fleet.setMarked(Fixtures.container("stray"), Fixtures.named("stray"))
        var idle = FakeDriver(name: "docker", kinds: [.container], resources: [Fixtures.resource(worker, Fixtures.named("w"))], fleet: fleet)
        idle.byRevision = ["a": idle.resources, "b": idle.resources]
        let plan = await Planner(drivers: [driver, idle]).plan(context: context(inventory), baseline: Fixtures.state(revision: "a")).plan
        #expect(await fleet.observeCount("docker") == 0)
        #expect(plan.change(for: Fixtures.container("stray")) == nil)
        #expect(plan.change(for: worker) == nil)
    }

    @Test func aDeclarationThatCannotBePreparedIsTargetedAsUnknown() async throws {
        let (_, driver, inventory) = await world()
        var failing = driver
        failing.failures = [ResourceError(address: alpha, code: .secretUnavailable, message: "ALPHA_TOKEN is not set")]
        failing.byRevision["b"] = driver.byRevision["b"]!.filter { $0.address != alpha }
        let plan = await Planner(drivers: [failing]).plan(context: context(inventory), baseline: Fixtures.state(revision: "a")).plan
        #expect(plan.unknown.map(\.address) == [alpha])
    }

    @Test func theHeaderNamesBothRevisionsAndTheCommitsBetween() {
        var plan = Plan(revision: String(repeating: "b", count: 40), changes: [])
        plan.appliedRevision = String(repeating: "a", count: 40)
        plan.commits = (1...7).map { CommitSummary(id: "\($0)" + String(repeating: "0", count: 39), subject: "Change \($0)") }
        let text = TextPlanRenderer().render(plan)
        #expect(text.hasPrefix("Revision bbbbbbb, applied aaaaaaa; 7 commits: 1000000 Change 1, 2000000 Change 2, 3000000 Change 3, "
            + "4000000 Change 4, 5000000 Change 5, and 2 more\n\n"), "\(text)")
        plan.commits = [CommitSummary(id: String(repeating: "c", count: 40), subject: "Add beta bot")]
        #expect(MarkdownPlanRenderer().render(plan).contains("Revision bbbbbbb, applied aaaaaaa; 1 commit: ccccccc Add beta bot"))
        plan.appliedRevision = nil
        plan.commits = nil
        #expect(TextPlanRenderer().render(plan).hasPrefix("Revision bbbbbbb, nothing applied from git yet\n"))
        plan.appliedRevision = plan.revision
        #expect(TextPlanRenderer().render(plan).hasPrefix("Revision bbbbbbb, the one applied\n"))
    }

    @Test func theRevisionsSurviveASavedPlan() throws {
        var plan = Plan(revision: "b", changes: [])
        plan.appliedRevision = "a"
        plan.commits = [CommitSummary(id: "b", subject: "Second")]
        plan.targetedSince = "a"
        let read = try JSONPlanRenderer().parse(Data(try JSONPlanRenderer().render(plan).utf8))
        #expect(read == plan)
    }
}
