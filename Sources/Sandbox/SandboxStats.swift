/// Counters over the Bot API calls the sandbox answered since it started or the log was last cleared.
public struct SandboxStats: Codable, Sendable, Equatable {
    /// Bot API calls recorded in the call log.
    public var calls: Int
    /// Calls answered with an injected failure (`--fail-rate`).
    public var injected: Int
    /// Calls for a bot that arrived before the `retry_after` of a 429 given to that bot had elapsed:
    /// any call after an injected 429; another `setWebhook` with a URL after a 429 of the `setWebhook`
    /// limit, the only call that limit applies to.
    public var retryAfterViolations: Int

    /// Creates counters.
    public init(calls: Int = 0, injected: Int = 0, retryAfterViolations: Int = 0) {
        self.calls = calls
        self.injected = injected
        self.retryAfterViolations = retryAfterViolations
    }
}
