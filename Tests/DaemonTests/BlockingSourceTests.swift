@testable import Daemon
import Foundation
import Spec
import Synchronization
import Testing

/// Opening the configuration (a git fetch, which may wait up to its idle timeout on a remote that stopped
/// answering) and loading it (a second of CPU for 10,000 documents) do not hold the loop: status questions are
/// answered meanwhile.
@Suite("Reconcile loop: a slow fetch or load does not hold the loop", .timeLimit(.minutes(2)))
struct BlockingSourceTests {
    /// A folder's configuration whose files, once `gate` is shut, are read only when it opens.
    struct GatedSource: ConfigSource {
        let folder: DirectorySource
        let wait: @Sendable () -> Void
        var displayName: String { folder.displayName }
        var displayPrefix: String { folder.displayPrefix }
        var revision: String? { folder.revision }
        func sourceFiles() throws -> [SourceFile] {
            wait()
            return try folder.sourceFiles()
        }
    }

    enum Step: String, CaseIterable, Sendable {
        case opening, loading
    }

    @Test(arguments: Step.allCases)
    func theLoopAnswersWhileItsConfigurationIsRead(_ step: Step) async throws {
        let blocking = Atomic<Bool>(false), entered = Atomic<Bool>(false), released = Atomic<Bool>(false)
        let gate = DispatchSemaphore(value: 0)
        // As a fetch from a remote that stopped answering, or a long load, holds its thread.
        let hold: @Sendable () -> Void = {
            guard blocking.load(ordering: .relaxed) else { return }
            entered.store(true, ordering: .relaxed)
            gate.wait()
        }
        let harness = try LoopHarness(project: "slow") { folder in
            switch step {
            case .opening:
                hold()
                return DirectorySource(root: folder)
            case .loading:
                return GatedSource(folder: DirectorySource(root: folder), wait: hold)
            }
        }
        // Also when an expectation ends the test early: a client not shut down stops the whole test process.
        defer { Task { await harness.shutdown() } }
        let loop = harness.loop
        let running = Task { await loop.run() }
        #expect(try await PassFailureNoticeTests.eventually { await loop.ready })

        blocking.store(true, ordering: .relaxed)
        await loop.request(.manual, scope: .full)
        #expect(try await PassFailureNoticeTests.eventually { entered.load(ordering: .relaxed) })
        let release = Task {
            try await Task.sleep(for: .seconds(3))
            released.store(true, ordering: .relaxed)
            gate.signal()
        }
        let passes = await loop.passes
        let answeredFirst = !released.load(ordering: .relaxed)
        #expect(answeredFirst, "the loop answered while its configuration was still \(step)")
        #expect(passes >= 2)
        try await release.value
        await loop.stop()
        await running.value
    }
}
