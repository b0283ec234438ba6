import Foundation

/// Decides when an endpoint that cannot be connected to is down, so a run says so once within
/// seconds instead of retrying every call of every resource against it.
///
/// After `failures` failed connection attempts, or connection attempts failing for `window` since
/// the first one started, the endpoint is down for `downFor`: calls fail at once without trying.
/// A call that gets any answer closes it again.
public actor EndpointBreaker {
    private let failures: Int
    private let window: Duration
    private let downFor: Duration
    /// The time, from the continuous clock unless a test moves it itself.
    private let now: @Sendable () -> ContinuousClock.Instant
    private var count = 0
    private var firstAttempt: ContinuousClock.Instant?
    private var downUntil: ContinuousClock.Instant?
    /// The last connection failure, for the message of every call refused while down.
    private(set) var lastReason: String?

    public init(failures: Int = 3, window: Duration = .seconds(10), downFor: Duration = .seconds(60),
                now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.now = now
        self.failures = max(1, failures)
        self.window = window
        self.downFor = downFor
    }

    /// Nil while calls may be tried; the reason while the endpoint is down.
    func down() -> String? {
        guard let downUntil else { return nil }
        if now() >= downUntil {
            self.downUntil = nil
            count = 0
            firstAttempt = nil
            return nil
        }
        return lastReason ?? "cannot connect"
    }

    /// Lets the next call try an endpoint marked down, as the daemon's next pass does: the system may be
    /// back, and the pass is already spaced from the last by its interval or backoff. A call that fails to
    /// connect marks it down again at once, so an endpoint still down costs one attempt a pass.
    func reopen() {
        guard downUntil != nil else { return }
        downUntil = nil
        count = failures - 1
        firstAttempt = nil
    }

    /// A connection attempt that started at `started` failed with `reason`. Returns true when the
    /// endpoint is now down.
    func failed(started: ContinuousClock.Instant, reason: String) -> Bool {
        count += 1
        lastReason = reason
        let first = min(firstAttempt ?? started, started)
        firstAttempt = first
        if count >= failures || now() - first >= window {
            downUntil = now() + downFor
        }
        return downUntil != nil
    }

    /// The endpoint answered.
    func succeeded() {
        count = 0
        firstAttempt = nil
        downUntil = nil
    }
}
