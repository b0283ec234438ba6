import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("File state store: the lock waits, times out, names its holder, and can be lost", .timeLimit(.minutes(5)))
struct FileStateLockTests {
    @Test func aSecondRunFailsAtOnceNamingTheHolder() async throws {
        let path = FileStateStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let holder = try await LockHolder.hold(FileStateStore(path: path), trigger: .timer)
        // It fails while the holder still holds (released only below): a run that waited would never get here.
        await #expect {
            _ = try await FileStateStore(path: path).lock(timeout: .zero, run: RunInfo())
        } throws: { error in
            guard let lock = error as? StateLockError else { return false }
            return lock.holder?.pid == getpid() && lock.holder?.trigger == .timer && lock.holder?.host == ProcessInfo.processInfo.hostName
                && "\(lock)".contains("locked by another botops run (pid \(getpid()) on ") && "\(lock)".contains("timer run since")
        }
        await holder.release()
        let next = try await FileStateStore(path: path).lock(timeout: .zero, run: RunInfo())
        await next.release()
        #expect(try String(contentsOfFile: path + ".lock", encoding: .utf8).isEmpty, "a finished run is not named as a holder")
    }

    @Test func aRunWaitsForTheLockUpToItsTimeout() async throws {
        let path = FileStateStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = FileStateStore(path: path)
        let holder = try await LockHolder.hold(store)
        let clock = ContinuousClock()
        let start = clock.now
        let error = await #expect(throws: StateLockError.self) { _ = try await store.lock(timeout: .milliseconds(400), run: RunInfo()) }
        #expect(clock.now - start >= .milliseconds(400))
        #expect(error?.description.contains("after waiting") == true)

        let waiter = Task { () async throws -> (any StateLock, ContinuousClock.Instant) in
            let lock = try await store.lock(timeout: .seconds(5), run: RunInfo())
            return (lock, ContinuousClock.now)
        }
        try await Task.sleep(for: .milliseconds(300))
        let released = clock.now
        await holder.release()
        let (lock, acquired) = try await waiter.value
        #expect(acquired >= released, "the waiting run got it only once the first let go")
        #expect(await lock.isHeld())
        await lock.release()
    }

    @Test func aReplacedLockFileMeansTheLockIsLostAndWritesAreRefused() async throws {
        let path = FileStateStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = FileStateStore(path: path)
        let lock = try await store.lock(timeout: .zero, run: RunInfo())
        #expect(await lock.isHeld())
        try FileManager.default.removeItem(atPath: path + ".lock")
        #expect(!(await lock.isHeld()))
        await #expect(throws: StateLockLostError.self) {
            try await store.record(InventoryDelta(upserts: [FileStateStoreTests.entry("x")]), under: lock)
        }
        await lock.release()
    }
}
