import Reconciler
import Spec
import Testing

/// Two runs never apply against one state at once; a plan needs no lock at all.
@Suite("State lock: one apply at a time, waiting, and plans beside it", .timeLimit(.minutes(1)))
struct StateLockTests {
    let a = Fixtures.bot("a")

    func world() -> (FakeFleet, MemoryStateStore, FakeDriver) {
        let fleet = FakeFleet()
        return (fleet, MemoryStateStore(), FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a"))], fleet: fleet))
    }

    @Test func aSecondApplyFailsAtOnceWhileAPlanRunsBesideIt() async throws {
        let (fleet, store, driver) = world()
        let first = Fixtures.session(store: store, drivers: [driver])
        let second = Fixtures.session(store: store, drivers: [driver])
        let (_, report) = try await first.run { _ in
            // Asked for approval: the first run holds the lock now.
            let error = await #expect(throws: SessionError.self) { _ = try await second.apply(run: RunInfo(trigger: .push)) { _ in true } }
            #expect(error?.code == .lockBusy)
            #expect(error?.isTerminal == false, "a busy lock is worth retrying")
            #expect(error?.message.contains("memory:test is locked by another botops run (pid ") == true)
            #expect(error?.message.contains("cli run since") == true, "the holder says what started it")
            // A plan neither waits nor writes.
            let plan = try? await second.plan()
            #expect(plan?.actionable.map(\.address) == [a])
            return true
        }
        #expect(report?.succeeded == true)
        #expect(await fleet.applied.count == 1, "only the first run applied")
        #expect(try await second.plan().changes.map(\.action) == [.noOp], "the lock is free again")
    }

    @Test func anApplyWaitsForTheLockUpToItsTimeout() async throws {
        let (_, store, driver) = world()
        let held = try await store.lock(timeout: .zero, run: RunInfo(trigger: .timer))
        let session = Fixtures.session(store: store, drivers: [driver])
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: SessionError.self) {
            _ = try await session.apply(lockTimeout: .milliseconds(300)) { _ in true }
        }
        #expect(clock.now - start >= .milliseconds(300))
        #expect(error?.code == .lockBusy)
        #expect(error?.message.contains("timer run since") == true)

        // The waiting run's apply is timed by its store write; the release is timed before it happens, so a run
        // that did not wait would be seen writing before the release.
        let waiting = Task { try await session.apply(lockTimeout: .seconds(5)) { _ in true } }
        try await Task.sleep(for: .milliseconds(100))
        let released = clock.now
        await held.release()
        guard case let .applied(_, report) = try await waiting.value else {
            Issue.record("the waiting run applies once the lock is free")
            return
        }
        #expect(report.succeeded)
        let firstSave = try #require(await store.firstSaveAt)
        #expect(firstSave >= released, "the waiting run wrote only after the release")
    }

    @Test func aPlanWritesNothingAndTakesNoLock() async throws {
        let (_, store, driver) = world()
        let held = try await store.lock(timeout: .zero, run: RunInfo())
        let plan = try await Fixtures.session(store: store, drivers: [driver]).plan()
        #expect(plan.actionable.count == 1)
        #expect(await store.saveCount == 0)
        #expect(await store.runs.isEmpty)
        #expect(await held.isHeld(), "the other run's lock was not touched")
        await held.release()
    }

    @Test func theLockIsReleasedWhenTheRunIsRefused() async throws {
        let fleet = FakeFleet()
        await fleet.failObserve(a)
        let store = MemoryStateStore()
        let session = Fixtures.session(store: store, drivers: [FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a"))],
                                                                          fleet: fleet)])
        for _ in 0..<2 {
            guard case .refused = try await session.apply(approve: { _ in true }) else {
                Issue.record("a partial plan is refused")
                return
            }
        }
        #expect(!(await store.isLocked))
    }
}
