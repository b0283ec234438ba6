import Foundation

/// Runs blocking work on a thread of its own, so the caller waits without holding its actor or a thread of the
/// concurrency pool (two on a 2-core machine).
enum BlockingWork {
    /// `work`'s result. Opening a repository source fetches it, which blocks for as long as the remote takes (up to
    /// the fetch's idle timeout when it stops answering), and loading it is CPU for as long as the fleet is large;
    /// meanwhile the loop still answers status and the API.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
