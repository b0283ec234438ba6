/// How the Telegram client retries transient failures.
public struct RetryPolicy: Sendable {
    /// Attempts per call, the first included.
    public var maxAttempts: Int
    /// First backoff after a server or network error; doubled each time, with full jitter.
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 8, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Exponential backoff with full jitter (AWS's recipe): spreads retries of many bots apart.
    func backoff(attempt: Int) -> Duration {
        let ceiling = min(baseDelay * (1 << min(attempt, 20)), maxDelay)
        let milliseconds = Double(ceiling.components.seconds) * 1000 + Double(ceiling.components.attoseconds) / 1e15
        return .milliseconds(Int.random(in: 0...max(1, Int(milliseconds))))
    }
}
