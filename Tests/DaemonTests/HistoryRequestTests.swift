@testable import Daemon
import Foundation
import Spec
import Synchronization
import Testing

/// Asking the daemon for its history reads the state store its passes use; it neither fetches nor loads the
/// configuration again for each request.
@Suite("Reconcile loop: history without a configuration load", .timeLimit(.minutes(1)))
struct HistoryRequestTests {
    static func count(_ counter: borrowing Atomic<Int>) -> Int { counter.load(ordering: .relaxed) }

    @Test func historyRequestsDoNotOpenTheSourceAgain() async throws {
        let opened = Atomic<Int>(0)
        let harness = try LoopHarness(project: "quiet") { folder in
            opened.add(1, ordering: .relaxed)
            return DirectorySource(root: folder)
        }
        // Also when an expectation ends the test early: a client not shut down stops the whole test process.
        defer { Task { await harness.shutdown() } }
        let loop = harness.loop
        let running = Task { await loop.run() }
        #expect(try await PassFailureNoticeTests.eventually { await loop.ready })
        let afterPass = Self.count(opened)
        for _ in 0..<5 { _ = try await loop.history(limit: 20) }
        #expect(Self.count(opened) == afterPass, "five history requests opened the source \(Self.count(opened) - afterPass) times")
        await loop.stop()
        await running.value
    }
}
