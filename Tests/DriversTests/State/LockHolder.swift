import Drivers
import Reconciler

/// Holds a state store's lock until released, so a test can try a second run meanwhile.
struct LockHolder {
    let lock: any StateLock

    /// Returns once the lock is held.
    static func hold(_ store: FileStateStore, trigger: RunInfo.Trigger = .timer) async throws -> LockHolder {
        LockHolder(lock: try await store.lock(timeout: .zero, run: RunInfo(trigger: trigger)))
    }

    func release() async {
        await lock.release()
    }
}
