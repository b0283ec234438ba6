/// Telegram's limit on `setWebhook`: one call with a URL per bot per interval (one second on Telegram).
///
/// Modelled on the Bot API server's `process_set_webhook_query`: the check comes before anything else
/// the method does, so a call answered "Webhook is already set", or one whose URL is then refused,
/// still uses up the interval; a call refused by the limit does not; `deleteWebhook` and a `setWebhook`
/// without a URL are never limited. The answer is `429 Too Many Requests: retry after 1`.
struct WebhookSetLimiter: Sendable {
    /// What the limit says about one `setWebhook` with a URL.
    struct Admission: Sendable, Equatable {
        /// The `retry_after` of the 429 to answer instead of running the method; nil to run it.
        var retryAfter: Int?
        /// Whether the call came before the `retry_after` of an earlier refusal had passed.
        var isViolation: Bool
    }

    /// Least time between two admitted calls of one bot; `.zero` turns the limit off.
    let interval: Duration
    /// When each bot may next set a webhook.
    private var nextAllowed: [String: ContinuousClock.Instant] = [:]
    /// The latest refusal of each bot, for counting violations.
    private var refusals: [String: FloodWindow] = [:]

    init(interval: Duration) {
        self.interval = interval
    }

    /// Decides on a `setWebhook` with a URL for `botID` that arrived at `arrival`; `now` is when the
    /// answer is being decided, which starts the window of a refusal.
    mutating func admit(botID: String, arrival: ContinuousClock.Instant, now: ContinuousClock.Instant) -> Admission {
        let isViolation = refusals[botID]?.covers(arrival) ?? false
        guard interval > .zero else { return Admission(retryAfter: nil, isViolation: isViolation) }
        if let next = nextAllowed[botID], arrival < next {
            // Telegram always says 1 (its interval); the rounding only matters for a longer interval.
            let retryAfter = FloodWindow.wholeSeconds(next - arrival)
            refusals[botID] = FloodWindow(given: now, retryAfter: retryAfter)
            return Admission(retryAfter: retryAfter, isViolation: isViolation)
        }
        nextAllowed[botID] = arrival + interval
        return Admission(retryAfter: nil, isViolation: isViolation)
    }
}
