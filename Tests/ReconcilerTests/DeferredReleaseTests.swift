import Foundation
@testable import Reconciler
import Synchronization
import Testing

/// A value handed to ``DeferredRelease`` is freed, and freed on another thread than the one that let it go.
@Suite("Deferred release: large values freed off the caller's thread")
struct DeferredReleaseTests {
    @Test func theValueIsFreedOnAnotherThread() async throws {
        let freedOn = Mutex<pthread_t?>(nil)
        let caller = pthread_self()
        // A temporary passed straight in: this thread holds no reference once the call returns.
        DeferredRelease.later(Probe { freedOn.withLock { $0 = pthread_self() } })
        let deadline = ContinuousClock.now + .seconds(10)
        while freedOn.withLock({ $0 }) == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        let thread = try #require(freedOn.withLock { $0 }, "the value was freed")
        #expect(pthread_equal(thread, caller) == 0, "not on the thread that handed it over")
    }

    private final class Probe: Sendable {
        let freed: @Sendable () -> Void
        init(_ freed: @escaping @Sendable () -> Void) { self.freed = freed }
        deinit { freed() }
    }
}
