import Foundation

/// Paces calls to Telegram: a fleet-wide request rate, and a per-bot pause after a 429 so no call
/// for that bot is made before `retry_after` has passed.
actor RequestRateLimiter {
    private let interval: Duration
    private var nextSlot: ContinuousClock.Instant
    private var pausedUntil: [String: ContinuousClock.Instant] = [:]
    private let clock = ContinuousClock()

    /// - Parameter requestsPerSecond: fleet-wide ceiling; 0 or less means no ceiling.
    init(requestsPerSecond: Double) {
        interval = requestsPerSecond > 0 ? .nanoseconds(Int64(1e9 / requestsPerSecond)) : .zero
        nextSlot = clock.now
    }

    /// Waits until a call for `bot` may be made.
    func acquire(bot: String) async throws {
        if let until = pausedUntil[bot], until > clock.now {
            try await clock.sleep(until: until)
        }
        guard interval > .zero else { return }
        let now = clock.now
        let slot = max(now, nextSlot)
        nextSlot = slot + interval
        if slot > now {
            try await clock.sleep(until: slot)
        }
    }

    /// Holds every call for `bot` for `seconds` from now.
    func pause(bot: String, seconds: Int) {
        let until = clock.now + .seconds(seconds) + .milliseconds(50)
        pausedUntil[bot] = max(pausedUntil[bot] ?? until, until)
    }
}
