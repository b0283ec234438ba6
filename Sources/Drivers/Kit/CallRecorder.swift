/// Told of every request a driver sends to a live system, for the daemon's metrics. Called from
/// many tasks at once and on the request's own path, so an implementation only counts.
public protocol CallRecorder: Sendable {
    /// One request ended (or was refused before it was sent, as when the endpoint is known down).
    func recordCall(_ call: LiveCall)
    /// A Bot API request is sent again.
    func recordTelegramRetry(method: String, reason: LiveCall.RetryReason)
}

/// One request to a live system, as the metrics label it.
public struct LiveCall: Sendable, Hashable, CustomStringConvertible {
    /// How a request ended.
    public enum Result: Sendable, Hashable, CustomStringConvertible {
        /// An answer with this status: the HTTP status, or Telegram's error code (200 when ok).
        case status(Int)
        /// Done (a database connection and its statements).
        case ok
        /// The live system answered with an error that has no status (a failed statement).
        case error
        /// No answer came, or the endpoint was known down and nothing was sent.
        case unreachable

        /// The metric label: `200`, `429`, `ok`, `error`, `unreachable`.
        public var description: String {
            switch self {
            case let .status(code): String(code)
            case .ok: "ok"
            case .error: "error"
            case .unreachable: "unreachable"
            }
        }
    }

    /// Why a Bot API request is sent again.
    public enum RetryReason: String, Sendable, Hashable {
        /// Flood control's `retry_after` passed.
        case flood
        /// A server error or a lost connection.
        case transient
    }

    public let system: LiveSystem
    /// What was asked: the Bot API method; the Docker HTTP verb; `read` or `write` for Postgres
    /// (one connection and its statements).
    public let operation: String
    public let result: Result

    public init(_ system: LiveSystem, operation: String, result: Result) {
        self.system = system
        self.operation = operation
        self.result = result
    }

    /// `GET 200`.
    public var description: String { "\(operation) \(result)" }
}

/// A live system botops sends requests to, and how its requests are counted: the metric's name, help
/// and label names. Each driver declares its own (`LiveSystem.telegram` in the Telegram folder).
public struct LiveSystem: Sendable, Hashable {
    /// `telegram`.
    public let name: String
    /// The counter's name without `botops_` and `_total` (`telegram_requests`).
    public let metric: String
    public let help: String
    /// The labels of the operation and of the result (`method`, `status`).
    public let operationLabel: String
    public let resultLabel: String

    public init(name: String, metric: String, help: String, operationLabel: String, resultLabel: String) {
        self.name = name
        self.metric = metric
        self.help = help
        self.operationLabel = operationLabel
        self.resultLabel = resultLabel
    }
}
