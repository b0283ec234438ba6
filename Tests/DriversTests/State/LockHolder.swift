import Drivers

/// Holds a state store's lock from another task until released, so a test can try a second run meanwhile.
struct LockHolder {
    private let task: Task<Void, any Error>
    private let release: AsyncStream<Void>.Continuation

    /// Returns once the lock is held.
    static func hold(_ store: FileStateStore) async -> LockHolder {
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let task = Task {
            try await store.withLock {
                enteredContinuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in entered { break }
        return LockHolder(task: task, release: releaseContinuation)
    }

    func releaseAndWait() async throws {
        release.yield()
        try await task.value
    }
}
