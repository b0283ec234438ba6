import Synchronization

/// Waits for an answer at most a given time, and returns at the deadline even when the question never comes back.
///
/// A PostgresNIO query on a link that went silent never completes, and one written to a connection that closed an
/// instant before is never failed either (the write is dropped with no one told), so neither cancelling nor closing
/// is enough to get a caller out of it. The question runs in a task of its own; at the deadline the caller goes on
/// and the task is left to end when it ends (it holds the connection, no caller; one whose question was never
/// answered may never end, which costs a task per lost lock).
enum AnswerDeadline {
    /// `body`'s result, or nil when `deadline` passed first.
    static func answer<T: Sendable>(within deadline: Duration,
                                    _ body: @escaping @Sendable () async throws -> T) async -> Result<T, any Error>? {
        let first = FirstAnswer<Result<T, any Error>?>()
        return await withCheckedContinuation { continuation in
            first.wait(continuation)
            let timer = Task {
                do {
                    try await Task.sleep(for: deadline)
                } catch {
                    return  // cancelled once the body answered: nothing is left to give
                }
                first.give(nil)
            }
            Task {
                let result: Result<T, any Error>
                do {
                    result = .success(try await body())
                } catch {
                    result = .failure(error)
                }
                first.give(result)
                // A thousand writes in a run would otherwise each leave a timer asleep for the whole deadline.
                timer.cancel()
            }
        }
    }
}

/// The first of several answers raced against each other, handed to one waiting continuation.
private final class FirstAnswer<Value: Sendable>: Sendable {
    private let waiting = Mutex<CheckedContinuation<Value, Never>?>(nil)

    func wait(_ continuation: CheckedContinuation<Value, Never>) { waiting.withLock { $0 = continuation } }

    /// Resumes the waiting continuation with `value` if no answer came before; later answers are dropped.
    func give(_ value: Value) {
        waiting.withLock { continuation in
            continuation?.resume(returning: value)
            continuation = nil
        }
    }
}
