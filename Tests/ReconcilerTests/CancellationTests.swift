import Reconciler
import Spec
import Testing

/// Stopping a run (a signal, a lost lock) starts no further change, lets those in flight finish and
/// records them, and reports the rest as not started, not as failed.
@Suite("Cancellation and a lost lock: in flight finishes, nothing more starts", .timeLimit(.minutes(1)))
struct CancellationTests {
    let bots = (0..<6).map { Fixtures.bot("b\($0)") }

    func world() async -> (FakeFleet, MemoryStateStore, ReconcileSession) {
        let fleet = FakeFleet()
        await fleet.setDelay(.milliseconds(300))
        let store = MemoryStateStore(Fixtures.inventory([]))
        let driver = FakeDriver(resources: bots.map { Fixtures.resource($0, Fixtures.named($0.name)) }, fleet: fleet)
        return (fleet, store, Fixtures.session(store: store, drivers: [driver], parallelism: 2))
    }

    @Test func aStopHalfWayLetsInFlightChangesFinish() async throws {
        let (fleet, store, session) = await world()
        let stop = StopSignal()
        let running = Task { try await session.apply(stop: stop) { _ in true } }
        await fleet.waitForApplies(2)
        stop.stop()
        guard case let .cancelled(_, report) = try await running.value else {
            Issue.record("a stopped run ends as cancelled")
            return
        }
        #expect(report.stopped == .cancelled)
        #expect(report.failures.isEmpty, "nothing is reported as failed")
        #expect(report.notStarted.count == 4)
        let applied = await fleet.appliedAddresses
        #expect(applied.count == 2, "the two in flight finished")
        #expect(Set(await store.inventory.resources.keys) == Set(applied), "and were recorded")
        #expect(await store.inventory.revision == nil)
        #expect(report.sentence.hasPrefix("Apply cancelled: 4 not started"))
        let run = try #require(await store.runs.last)
        #expect(run.result == .cancelled)
        #expect(run.changes.filter { $0.outcome == .notStarted }.count == 4)
    }

    @Test func cancellingTheTaskStopsTheRunTheSameWay() async throws {
        let (fleet, _, session) = await world()
        let running = Task { try await session.apply { _ in true } }
        await fleet.waitForApplies(2)
        running.cancel()
        guard case let .cancelled(_, report) = try await running.value else {
            Issue.record("a cancelled task ends as cancelled")
            return
        }
        #expect(report.notStarted.count == 4)
        #expect(await fleet.appliedAddresses.count == 2)
    }

    @Test func aLostLockStopsStartingChanges() async throws {
        let (fleet, store, session) = await world()
        let running = Task { try await session.apply { _ in true } }
        await fleet.waitForApplies(2)
        await store.loseLock()
        guard case let .cancelled(_, report) = try await running.value else {
            Issue.record("a run that lost its lock stops")
            return
        }
        #expect(report.stopped == .lockLost)
        #expect(report.notStarted.count == 4)
        #expect(await fleet.appliedAddresses.count == 2, "nothing started after the lock was lost")
        #expect(await store.inventory.resources.isEmpty, "and nothing was written without it")
        #expect(report.sentence.contains("the state lock was lost"))
    }
}
