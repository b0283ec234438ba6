/// A live system that did not answer, and why. Every resource it held back carries the same one (see
/// ``ResourceError/endpoint``), so plans, annotations and logs name the endpoint once with a count.
public struct EndpointFailure: Sendable, Hashable, Codable {
    /// Why nothing came back.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The connection was refused or timed out, or the answer never came.
        case noAnswer = "no-answer"
        /// Attempts kept failing, so botops stopped sending to it for a while.
        case markedDown = "marked-down"
    }

    /// The endpoint as people know it: `the Bot API at https://api.telegram.org`, `the Docker engine 'edge' at
    /// tcp://edge.internal:2376`, `the database at postgres://botops@db:5432/botops` (never a password).
    public let endpoint: String
    public let reason: Reason
    /// The client's words for the failure (`connection refused`). Never a secret.
    public let detail: String

    public init(endpoint: String, reason: Reason, detail: String) {
        self.endpoint = endpoint
        self.reason = reason
        self.detail = detail
    }

    /// The one sentence every resource it held back reports.
    public var message: String { "\(endpoint) is unreachable (\(detail)); nothing more is sent to it this run" }
}
