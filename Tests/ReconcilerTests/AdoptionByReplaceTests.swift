import Reconciler
import Spec
import Synchronization
import Testing

/// A live object taken over without botops' marker is replaced by the same one carrying it: an adoption,
/// counted and shown apart from changes; a replace that changes anything else is a change as before.
@Suite("Adoption by replace: counted and rendered apart", .timeLimit(.minutes(1)))
struct AdoptionByReplaceTests {
    func plan(live: JSONValue, owned: Bool = false) async throws -> Plan {
        let worker = Fixtures.container("worker")
        let fleet = FakeFleet(live: [worker: live])
        var driver = FakeDriver(resources: [Fixtures.resource(worker, .object(["image": "bot:1", "managed_by": "fleet"]))],
                                triggers: [.container: ["image", "managed_by"]], order: .createBeforeDestroy, fleet: fleet)
        driver.markers = [.container: ["managed_by"]]
        let store = MemoryStateStore(Fixtures.inventory(owned ? [Fixtures.owned(worker)] : []))
        return try await Fixtures.session(store: store, drivers: [driver]).plan()
    }

    @Test func onlyTheMarkerDifferingIsAnAdoption() async throws {
        let plan = try await plan(live: .object(["image": "bot:1"]))
        let change = try #require(plan.actionable.first)
        #expect(change.action == .replace && change.cause == .adoptByReplace)
        #expect(plan.summary.adopt == 1 && plan.summary.replace == 0)
        #expect(plan.summary.sentence == "Plan: 0 to add, 0 to change, 0 to destroy, 1 to adopt.")
        let text = TextPlanRenderer().render(plan)
        #expect(text.contains("  # Container/worker will be adopted: replaced by the same, created first, then the old destroyed "
            + "(no declared field changes; the replacement carries botops' marker)\n"), "\(text)")
        #expect(try JSONPlanRenderer().render(plan).contains(#""adopt" : 1"#))
        #expect(plan.summary.byAction == ["adopt": 1])
    }

    @Test func anyOtherDifferenceIsAReplaceAsBefore() async throws {
        let plan = try await plan(live: .object(["image": "bot:0"]))
        #expect(plan.actionable.first?.cause == .forcedReplace)
        #expect(plan.summary.sentence == "Plan: 1 to add, 0 to change, 1 to destroy.")
        #expect(!(try JSONPlanRenderer().render(plan)).contains(#""adopt""#), "plans without adoptions keep their shape")
    }

    @Test func anAppliedAdoptionIsReportedAsOne() async throws {
        let worker = Fixtures.container("worker")
        let fleet = FakeFleet(live: [worker: .object(["image": "bot:1"])])
        var driver = FakeDriver(resources: [Fixtures.resource(worker, .object(["image": "bot:1", "managed_by": "fleet"]))],
                                triggers: [.container: ["image", "managed_by"]], order: .createBeforeDestroy, fleet: fleet)
        driver.markers = [.container: ["managed_by"]]
        let lines = Mutex<[String]>([])
        let session = Fixtures.session(store: MemoryStateStore(), drivers: [driver])
        let result = try await session.apply(progress: { progress in lines.withLock { $0.append(progress.line) } }, approve: { _ in true })
        guard case let .applied(_, report) = result else { Issue.record("not applied: \(result)"); return }
        #expect(lines.withLock { $0 } == ["[1/1] Container/worker: adopted"])
        let rendered = ApplyReportRenderer().render(report)
        #expect(rendered.hasPrefix("Container/worker: adopted ("), "\(rendered)")
        #expect(rendered.hasSuffix("Apply complete! Resources: 0 added, 0 changed, 0 destroyed, 1 adopted.\n"))
    }
}
