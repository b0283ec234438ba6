import Foundation
import Reconciler
import Spec
import Testing

/// Every apply leaves a run record: what started it, the revision, counts, each change's outcome.
@Suite("History: one record per apply", .timeLimit(.minutes(1)))
struct HistoryTests {
    let a = Fixtures.bot("a"), b = Fixtures.bot("b")

    @Test func anApplyIsRecordedWithItsChangesAndOutcomes() async throws {
        let fleet = FakeFleet()
        await fleet.failApply(b)
        let store = MemoryStateStore(Fixtures.inventory([]))
        let driver = FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a")), Fixtures.resource(b, Fixtures.named("b"))],
                                fleet: fleet)
        let session = Fixtures.session(Fixtures.state(revision: "abc123"), store: store, drivers: [driver])
        _ = try await session.apply(run: RunInfo(trigger: .push)) { _ in true }
        let run = try #require(await store.history(limit: 1).first)
        #expect(run.run.trigger == .push)
        #expect(run.revision == "abc123")
        #expect(run.result == .failed)
        #expect(run.counts == ["create": 2])
        #expect(run.changes.map(\.outcome) == [.applied, .failed])
        #expect(run.changes.last?.message?.contains("refused to create") == true)
        #expect(run.finishedAt >= run.run.startedAt)
        let text = HistoryRenderer().text([run])
        #expect(text.contains("failed"))
        #expect(text.contains("push  abc123  +2 ~0 -0 ±0"))
        #expect(text.contains("Bot/b create: failed"))
    }

    @Test func aPlanIsNotRecordedAndADeclinedApplyIsNot() async throws {
        let store = MemoryStateStore()
        let session = Fixtures.session(store: store, drivers: [FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a"))],
                                                                          fleet: FakeFleet())])
        _ = try await session.plan()
        guard case .declined = try await session.apply(approve: { _ in false }) else {
            Issue.record("declined")
            return
        }
        #expect(await store.runs.isEmpty)
    }

    @Test func theJSONHistoryKeepsMilliseconds() throws {
        let record = RunRecord(run: RunInfo(), finishedAt: Date(timeIntervalSince1970: 1_796_000_000.25), revision: nil, result: .succeeded)
        let json = try HistoryRenderer().json([record])
        #expect(json.contains(#""finishedAt" : "2026-11-30T00:53:20.250Z""#), "\(json)")
    }

    @Test func aHugeRunListsEveryFailureButOnlySomeSuccesses() {
        let entries = (0..<1_000).map { RunRecord.Entry(address: Fixtures.bot("b\($0)"), action: .create, outcome: $0 == 999 ? .failed : .applied) }
        let record = RunRecord(run: RunInfo(), revision: nil, result: .failed, changes: entries)
        #expect(record.changes.count == RunRecord.listedApplied + 1)
        #expect(record.changes.last?.outcome == .failed, "a failure is never left out")
        #expect(record.omittedChanges == 999 - RunRecord.listedApplied)
        #expect(HistoryRenderer().text([record], changes: true).contains("and 799 more applied"))
    }
}
