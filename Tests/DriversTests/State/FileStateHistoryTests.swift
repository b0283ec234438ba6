import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("File state store: the run history", .timeLimit(.minutes(5)))
struct FileStateHistoryTests {
    @Test func runsAreListedNewestFirstAndTheFileIsBounded() async throws {
        let path = FileStateStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = FileStateStore(path: path, historyLimit: 3)
        for index in 1...5 {
            let lock = try await store.lock(timeout: .zero, run: RunInfo(trigger: .cli))
            let change = RunRecord.Entry(address: ResourceAddress(.bot, "b\(index)"), action: .create, outcome: .applied)
            try await store.finish(RunRecord(run: lock.run, revision: "r\(index)", result: index == 4 ? .failed : .succeeded,
                                             counts: ["create": 1], changes: [change]), under: lock)
            await lock.release()
        }
        let runs = try await store.history(limit: 10)
        #expect(runs.map(\.revision) == ["r5", "r4", "r3"], "newest first, only the last three kept")
        #expect(runs[1].result == .failed)
        #expect(runs[0].changes.first?.address == ResourceAddress(.bot, "b5"))
        #expect(try await store.history(limit: 1).map(\.revision) == ["r5"])
        let lines = try String(contentsOfFile: path + ".history", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
    }

    @Test func anEmptyStoreHasNoHistory() async throws {
        #expect(try await FileStateStore(path: FileStateStoreTests.temporaryPath()).history(limit: 5).isEmpty)
    }
}
