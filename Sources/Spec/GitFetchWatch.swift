import Dispatch
import Synchronization

/// Watches a fetch that runs on a thread of its own, so a git remote that stops answering costs a bounded wait.
///
/// libgit2 1.5 has no network timeout: a server that accepts the connection and then sends nothing holds
/// `git_remote_fetch` for as long as the connection lives, and a daemon's every pass with it. The fetch's
/// callbacks (credentials, progress, the server's messages) tell the watch it is alive; the caller gives up
/// after `idleTimeout` without one and reports it. The abandoned fetch stops at its next callback, or when the
/// kernel drops the connection; it owns its own repository handle, so nothing the caller holds is touched.
final class GitFetchWatch: Sendable {
    private struct State {
        var lastActivity = ContinuousClock.now
        var abandoned = false
        var outcome: Result<Void, ConfigSourceError>?
    }

    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)

    /// Called by every callback: false once the caller gave up, and the callback then stops the fetch.
    func touch() -> Bool {
        state.withLock { state in
            state.lastActivity = .now
            return !state.abandoned
        }
    }

    /// Whether the fetch's thread is done (an abandoned one may still be waiting on its connection).
    var isFinished: Bool { state.withLock { $0.outcome != nil } }

    /// Called once by the fetch's thread when `git_remote_fetch` returns.
    func finish(_ outcome: Result<Void, ConfigSourceError>) {
        state.withLock { $0.outcome = outcome }
        finished.signal()
    }

    /// The fetch's outcome, or nil once `idleTimeout` passed without a callback or the end (the fetch is then
    /// abandoned).
    func wait(idleTimeout: Duration) -> Result<Void, ConfigSourceError>? {
        while true {
            _ = finished.wait(timeout: .now() + .milliseconds(200))
            let verdict: Result<Void, ConfigSourceError>?? = state.withLock { state in
                if let outcome = state.outcome { return .some(outcome) }
                guard ContinuousClock.now - state.lastActivity >= idleTimeout else { return nil }
                state.abandoned = true
                return .some(nil)
            }
            if let verdict { return verdict }
        }
    }
}
