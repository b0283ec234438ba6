@testable import Daemon
import Foundation
import Spec
import Synchronization
import Testing

/// Opening the configuration (a git fetch, which may wait up to its idle timeout on a remote that stopped
/// answering) does not hold the loop: status questions are answered meanwhile.
@Suite("Reconcile loop: a slow fetch does not hold the loop", .timeLimit(.minutes(2)))
struct BlockingSourceTests {
    static func isSet(_ flag: borrowing Atomic<Bool>) -> Bool { flag.load(ordering: .relaxed) }

    @Test func theLoopAnswersWhileItsSourceIsOpening() async throws {
        let blocking = Atomic<Bool>(false), entered = Atomic<Bool>(false), released = Atomic<Bool>(false)
        let gate = DispatchSemaphore(value: 0)
        let harness = try LoopHarness(project: "slow") { folder in
            if blocking.load(ordering: .relaxed) {
                entered.store(true, ordering: .relaxed)
                // As a fetch from a remote that stopped answering blocks its thread.
                gate.wait()
            }
            return DirectorySource(root: folder)
        }
        // Also when an expectation ends the test early: a client not shut down stops the whole test process.
        defer { Task { await harness.shutdown() } }
        let loop = harness.loop
        let running = Task { await loop.run() }
        #expect(try await PassFailureNoticeTests.eventually { await loop.ready })

        blocking.store(true, ordering: .relaxed)
        await loop.request(.manual, scope: .full)
        #expect(try await PassFailureNoticeTests.eventually { Self.isSet(entered) })
        let release = Task {
            try await Task.sleep(for: .seconds(3))
            released.store(true, ordering: .relaxed)
            gate.signal()
        }
        let passes = await loop.passes
        let answeredFirst = !released.load(ordering: .relaxed)
        #expect(answeredFirst, "the loop answered while its source was still opening")
        #expect(passes >= 2)
        try await release.value
        await loop.stop()
        await running.value
    }
}
