/// Told of every request a driver sends to a live system, for the daemon's metrics. Called from
/// many tasks at once and on the request's own path, so an implementation only counts.
public protocol CallRecorder: Sendable {
    /// One request ended (or was refused before it was sent, as when the endpoint is known down).
    func recordCall(_ call: LiveCall)
    /// A Bot API request is sent again: after flood control's `retry_after` (`flood`) or after a
    /// server error or a lost connection (`transient`).
    func recordTelegramRetry(method: String, reason: String)
}

/// One request to a live system, as the metrics label it.
public struct LiveCall: Sendable, Hashable {
    /// `telegram`, `docker` or `postgres`.
    public let system: String
    /// What was asked: the Bot API method; the Docker HTTP verb; `read` or `write` for Postgres
    /// (one connection and its statements).
    public let operation: String
    /// Telegram: the error code (`200` when ok, `429` for flood control) or `unreachable`; Docker:
    /// the HTTP status or `unreachable`; Postgres: `ok`, `error` or `unreachable`.
    public let result: String

    public init(system: String, operation: String, result: String) {
        self.system = system
        self.operation = operation
        self.result = result
    }
}
