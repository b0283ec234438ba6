import Foundation
@testable import Spec
import Synchronization
import Testing

/// Work started beside the caller runs on another thread, and its result is there for whoever waits.
@Suite("Background work: a step run on another core, waited for later")
struct BackgroundWorkTests {
    @Test func theWorkRunsOnAnotherThreadAndItsValueIsReturnedToEveryCaller() {
        let caller = pthread_self()
        let ranOn = Mutex<pthread_t?>(nil)
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let work = BackgroundWork { () -> Int in
            ranOn.withLock { $0 = pthread_self() }
            started.signal()
            release.wait()  // held until the caller has gone on, so it cannot have run on the caller's thread
            return 42
        }
        started.wait()
        release.signal()
        #expect(work.value() == 42)
        #expect(work.value() == 42, "a second wait returns the same value at once")
        #expect(ranOn.withLock { $0 }.map { pthread_equal($0, caller) == 0 } == true)
    }
}
