import Foundation

/// How a sandbox behaves: which bots exist and how the Bot API misbehaves.
public struct SandboxConfiguration: Sendable {
    /// The bots the sandbox answers for.
    public var bots: [SandboxBot]
    /// Delay added before answering each Bot API call (controls under `/_sandbox/` are not delayed).
    public var latency: Duration
    /// Probability, 0...1, that a Bot API call gets an injected failure instead of being executed.
    public var failRate: Double
    /// Which failures may be injected; one is picked uniformly for each injected call.
    public var failKinds: Set<SandboxFailure>
    /// Seconds in `retry_after` of injected 429 answers.
    public var retryAfter: Int
    /// How long an injected `slow` failure holds the answer of a call it carried out; longer than the
    /// client's timeout (30 s in botops), so the client gives up first.
    public var slowAnswer: Duration = .seconds(35)
    /// Seed of the failure-injection random generator; `nil` picks a random seed.
    public var seed: UInt64?
    /// Least time between two `setWebhook` calls with a URL for one bot; a call sooner is answered
    /// `429 Too Many Requests: retry after 1`, as Telegram does with its one second. `.zero` turns the
    /// limit off, for tests that set a webhook several times in a row and are not about the limit.
    public var webhookSetInterval: Duration
    /// The channels and groups there are from the start, with the bots in them.
    public var chats: [SandboxChat] = []

    /// Creates a configuration. The defaults describe a well-behaved API with no bots and Telegram's
    /// own `setWebhook` limit.
    public init(
        bots: [SandboxBot] = [],
        latency: Duration = .zero,
        failRate: Double = 0,
        failKinds: Set<SandboxFailure> = SandboxFailure.quick,
        retryAfter: Int = 1,
        seed: UInt64? = nil,
        webhookSetInterval: Duration = .seconds(1)
    ) {
        self.bots = bots
        self.latency = latency
        self.failRate = failRate
        self.failKinds = failKinds
        self.retryAfter = retryAfter
        self.seed = seed
        self.webhookSetInterval = webhookSetInterval
    }

    /// Checks every value, reporting the first problem found.
    ///
    /// - Throws: ``SandboxConfigurationError``; its message never contains a token.
    public func validate() throws {
        var ids = Set<String>()
        for (index, bot) in bots.enumerated() {
            guard SandboxBot.isWellFormedToken(bot.token) else {
                throw SandboxConfigurationError(
                    code: .malformedToken,
                    message: "bot #\(index + 1) has a malformed token; expected <digits>:<at least 30 of A-Z a-z 0-9 _ ->"
                )
            }
            guard ids.insert(bot.id).inserted else {
                throw SandboxConfigurationError(
                    code: .duplicateBot,
                    message: "bot id \(bot.id) is configured twice; give each bot one token"
                )
            }
        }
        guard failRate.isFinite, (0...1).contains(failRate) else {
            throw SandboxConfigurationError(code: .invalidFailRate, message: "fail rate must be between 0 and 1")
        }
        guard !failKinds.isEmpty else {
            throw SandboxConfigurationError(code: .invalidFailureKind, message: "no failure kinds given; use 429, 500, drop or slow")
        }
        guard retryAfter >= 1 else {
            throw SandboxConfigurationError(code: .invalidRetryAfter, message: "retry-after must be at least 1 second")
        }
        guard slowAnswer >= .zero else {
            throw SandboxConfigurationError(code: .invalidLatency, message: "the slow answer's delay must not be negative")
        }
        guard latency >= .zero else {
            throw SandboxConfigurationError(code: .invalidLatency, message: "latency must not be negative")
        }
        guard webhookSetInterval >= .zero else {
            throw SandboxConfigurationError(
                code: .invalidWebhookSetInterval, message: "the setWebhook interval must not be negative; use 0 to turn the limit off"
            )
        }
    }

    /// Parses a latency such as `50ms`, `1.5s`, `250us` or `0`; a bare number means milliseconds.
    ///
    /// - Throws: ``SandboxConfigurationError`` with code `invalidLatency`.
    public static func parseLatency(_ text: String) throws -> Duration {
        try parseDuration(text, what: "latency", code: .invalidLatency)
    }

    /// Parses the delay of a `slow` failure's answer, written like a latency (`35s`).
    ///
    /// - Throws: ``SandboxConfigurationError`` with code `invalidLatency`.
    public static func parseSlowAnswer(_ text: String) throws -> Duration {
        try parseDuration(text, what: "slow answer", code: .invalidLatency)
    }

    /// Parses a `setWebhook` interval such as `1s`, `500ms` or `0` (no limit), written like a latency.
    ///
    /// - Throws: ``SandboxConfigurationError`` with code `invalidWebhookSetInterval`.
    public static func parseWebhookSetInterval(_ text: String) throws -> Duration {
        try parseDuration(text, what: "setWebhook interval", code: .invalidWebhookSetInterval)
    }

    /// A non-negative duration with an optional unit (`ms`, `us`, `s`, `m`; none means milliseconds).
    private static func parseDuration(_ text: String, what: String, code: SandboxConfigurationError.Code) throws -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, toSeconds: Double)] = [("ms", 1e-3), ("us", 1e-6), ("s", 1), ("m", 60)]
        var number = trimmed
        var scale = 1e-3
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            number = String(trimmed.dropLast(unit.suffix.count))
            scale = unit.toSeconds
            break
        }
        guard let value = Double(number), value.isFinite, value >= 0 else {
            throw SandboxConfigurationError(
                code: code,
                message: "\(what) '\(text)' is not a duration; write e.g. 50ms, 1s or 250us"
            )
        }
        return .nanoseconds(Int64((value * scale * 1e9).rounded()))
    }
}
