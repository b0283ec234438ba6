import Foundation

/// Paces calls to Telegram. Telegram's limits apply per bot token, so each bot has its own budget
/// and its own pause after a 429 (no call for that bot before `retry_after` has passed), and one
/// bot's flood control never slows another. A fleet-wide ceiling is there for whoever wants one; it
/// is off by default.
///
/// A bot's budget is a token bucket: up to `perBotPerSecond` calls at once, refilled at that rate,
/// since Telegram counts calls per second rather than spacing them. A run makes a few dozen calls
/// per bot, so pacing costs nothing until a bot really calls faster than its limit.
///
/// Time is the `clock`'s, so tests measure pacing exactly on a clock of their own.
actor RequestRateLimiter<C: Clock> where C.Duration == Duration {
    private struct Bucket {
        var tokens: Double
        var updated: C.Instant
    }

    private let perBot: Double
    private let fleet: Duration
    private var nextSlot: C.Instant
    private var buckets: [String: Bucket] = [:]
    private var pausedUntil: [String: C.Instant] = [:]
    private let clock: C

    /// - Parameters:
    ///   - perBotPerSecond: calls a second for one bot, and its burst; 0 or less means no pace.
    ///   - requestsPerSecond: fleet-wide ceiling, spacing every call; 0 or less means none.
    init(perBotPerSecond: Double = 30, requestsPerSecond: Double = 0, clock: C) {
        self.clock = clock
        perBot = max(0, perBotPerSecond)
        fleet = requestsPerSecond > 0 ? .nanoseconds(Int64(1e9 / requestsPerSecond)) : .zero
        nextSlot = clock.now
    }

    /// Waits until a call for `bot` may be made.
    func acquire(bot: String) async throws {
        if let until = pausedUntil[bot], until > clock.now {
            try await clock.sleep(until: until, tolerance: nil)
        }
        let now = clock.now
        var slot = now
        if perBot > 0 {
            var bucket = buckets[bot] ?? Bucket(tokens: perBot, updated: now)
            let elapsed = bucket.updated.duration(to: now)
            let refill = Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
            bucket.tokens = min(perBot, bucket.tokens + refill * perBot)
            bucket.updated = now
            bucket.tokens -= 1
            if bucket.tokens < 0 {
                // In debt: this call waits until the bucket is back at zero.
                slot = now.advanced(by: .nanoseconds(Int64(-bucket.tokens / perBot * 1e9)))
            }
            buckets[bot] = bucket
        }
        if fleet > .zero {
            slot = max(slot, nextSlot)
            nextSlot = slot.advanced(by: fleet)
        }
        if slot > now {
            try await clock.sleep(until: slot, tolerance: nil)
        }
    }

    /// Holds every call for `bot` for `seconds` from now.
    func pause(bot: String, seconds: Int) {
        let until = clock.now.advanced(by: .seconds(seconds) + .milliseconds(50))
        pausedUntil[bot] = max(pausedUntil[bot] ?? until, until)
    }
}

extension RequestRateLimiter where C == ContinuousClock {
    /// Paced in real time.
    init(perBotPerSecond: Double = 30, requestsPerSecond: Double = 0) {
        self.init(perBotPerSecond: perBotPerSecond, requestsPerSecond: requestsPerSecond, clock: ContinuousClock())
    }
}
