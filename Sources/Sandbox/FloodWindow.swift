/// A 429 given to a bot: a call the 429 applies to that arrives in `given..<until` came before its
/// `retry_after` had passed, which Telegram punishes and the sandbox counts as a violation.
struct FloodWindow: Sendable {
    /// When the 429 was decided. Calls that arrived earlier were already on their way: not violations.
    var given: ContinuousClock.Instant
    /// `given` plus `retry_after`.
    var until: ContinuousClock.Instant

    /// A window of `retryAfter` seconds from `given`.
    init(given: ContinuousClock.Instant, retryAfter: Int) {
        self.given = given
        until = given + .seconds(retryAfter)
    }

    /// Whether a call arriving at `arrival` falls inside the window.
    func covers(_ arrival: ContinuousClock.Instant) -> Bool {
        given <= arrival && arrival < until
    }

    /// Seconds left of the window at `arrival`, for a repeated 429; nil when `arrival` is outside it.
    func remainingSeconds(at arrival: ContinuousClock.Instant) -> Int? {
        covers(arrival) ? Self.wholeSeconds(until - arrival) : nil
    }

    /// `duration` in whole seconds, rounded up and at least 1: the `retry_after` a client must honour.
    static func wholeSeconds(_ duration: Duration) -> Int {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return max(1, Int(seconds.rounded(.up)))
    }
}
