import Reconciler

/// Telegram answered a call with `ok: false`, or the call could not be made.
public struct TelegramAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Telegram's `error_code` (the HTTP status), or 0 when no answer came (network failure).
    public let code: Int
    /// Telegram's `description`, or what went wrong on the way. Never contains the token.
    public let description: String
    /// Seconds to wait, from `parameters.retry_after` on 429.
    public let retryAfter: Int?
    /// Set when no connection could be made, often enough that the endpoint counts as down for a
    /// while: every call fails at once with this until it is back.
    public let endpoint: EndpointFailure?

    public init(code: Int, description: String, retryAfter: Int? = nil, endpoint: EndpointFailure? = nil) {
        self.code = code
        self.description = description
        self.retryAfter = retryAfter
        self.endpoint = endpoint
    }

    /// The endpoint is down (see ``endpoint``).
    public var unreachable: Bool { endpoint != nil }

    /// Worth trying again: flood control, server errors and lost connections, but not an
    /// endpoint that is down.
    public var isTransient: Bool { !unreachable && (code == 429 || code >= 500 || code == 0) }
}
