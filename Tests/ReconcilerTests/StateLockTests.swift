import Reconciler
import Spec
import Testing

/// Two runs never plan or apply against one state at once.
@Suite("State lock: one run at a time")
struct StateLockTests {
    @Test func secondRunFailsAtOnceWhileTheFirstHoldsTheLock() async throws {
        let a = Fixtures.bot("a")
        let fleet = FakeFleet()
        let store = MemoryStateStore()
        let driver = FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a"))], fleet: fleet)
        let first = Fixtures.session(store: store, drivers: [driver])
        let second = Fixtures.session(store: store, drivers: [driver])
        let (_, report) = try await first.apply { _ in
            // Asked for approval: the first run holds the lock now.
            let error = await #expect(throws: StateLockError.self) { try await second.plan() }
            #expect(error?.description.contains("memory:test") == true)
            await #expect(throws: StateLockError.self) { _ = try await second.apply { _ in true } }
            return true
        }
        #expect(report?.succeeded == true)
        #expect(await fleet.applied.count == 1, "only the first run applied")
        #expect(try await second.plan().changes.map(\.action) == [.noOp], "the lock is free again")
    }

    @Test func lockIsReleasedWhenTheRunFails() async throws {
        let a = Fixtures.bot("a")
        let fleet = FakeFleet()
        await fleet.failObserve(a)
        let store = MemoryStateStore()
        let session = Fixtures.session(store: store, drivers: [FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a"))],
                                                                          fleet: fleet)])
        await #expect(throws: ResourceErrors.self) { try await session.plan() }
        await #expect(throws: ResourceErrors.self) { try await session.plan() }
    }
}
