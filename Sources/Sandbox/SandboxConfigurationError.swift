/// A problem with the sandbox's configuration: what is wrong and how to fix it. Never contains a token.
public struct SandboxConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable identifiers of configuration problems.
    public enum Code: String, Sendable, Equatable {
        /// A token does not match `^[0-9]{1,20}:[A-Za-z0-9_-]{30,}$`.
        case malformedToken = "sandbox.malformed-token"
        /// Two bots share an id.
        case duplicateBot = "sandbox.duplicate-bot"
        /// A bots file line is not `TOKEN [username]`.
        case malformedBotsFile = "sandbox.malformed-bots-file"
        /// The fail rate is outside 0...1.
        case invalidFailRate = "sandbox.invalid-fail-rate"
        /// A failure kind is not 429, 500 or drop, or none is given.
        case invalidFailureKind = "sandbox.invalid-failure-kind"
        /// retry-after is below 1 second.
        case invalidRetryAfter = "sandbox.invalid-retry-after"
        /// The latency is not a non-negative duration.
        case invalidLatency = "sandbox.invalid-latency"
        /// The `setWebhook` interval is not a non-negative duration.
        case invalidWebhookSetInterval = "sandbox.invalid-webhook-set-interval"
        /// The listen address is not `host:port`.
        case invalidListenAddress = "sandbox.invalid-listen-address"
    }

    /// What kind of problem this is.
    public var code: Code
    /// A sentence saying what is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `<code>: <message>`.
    public var description: String {
        "\(code.rawValue): \(message)"
    }
}
