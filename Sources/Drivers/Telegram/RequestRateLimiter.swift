import Foundation

/// Paces calls to Telegram. Telegram's limits apply per bot token, so each bot has its own pace and
/// its own pause after a 429 (no call for that bot before `retry_after` has passed), and one bot's
/// flood control never slows another. A fleet-wide ceiling is there for whoever wants one; it is off
/// by default.
actor RequestRateLimiter {
    private let perBot: Duration
    private let fleet: Duration
    private var nextSlot: ContinuousClock.Instant
    private var nextSlotByBot: [String: ContinuousClock.Instant] = [:]
    private var pausedUntil: [String: ContinuousClock.Instant] = [:]
    private let clock = ContinuousClock()

    /// - Parameters:
    ///   - perBotPerSecond: calls a second for one bot; 0 or less means no pace.
    ///   - requestsPerSecond: fleet-wide ceiling; 0 or less means none.
    init(perBotPerSecond: Double = 30, requestsPerSecond: Double = 0) {
        perBot = Self.interval(perBotPerSecond)
        fleet = Self.interval(requestsPerSecond)
        nextSlot = clock.now
    }

    private static func interval(_ perSecond: Double) -> Duration {
        perSecond > 0 ? .nanoseconds(Int64(1e9 / perSecond)) : .zero
    }

    /// Waits until a call for `bot` may be made.
    func acquire(bot: String) async throws {
        if let until = pausedUntil[bot], until > clock.now {
            try await clock.sleep(until: until)
        }
        let now = clock.now
        var slot = now
        if perBot > .zero {
            slot = max(slot, nextSlotByBot[bot] ?? now)
            nextSlotByBot[bot] = slot + perBot
        }
        if fleet > .zero {
            slot = max(slot, nextSlot)
            nextSlot = slot + fleet
        }
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
