import Foundation

/// One Bot API call as the sandbox saw it, with secrets masked.
public struct SandboxCall: Codable, Sendable, Equatable {
    /// Position in the log, starting at 1; keeps counting after the log is cleared.
    public var seq: Int
    /// The bot id (digits of the token) when the token was well-formed, otherwise `nil`.
    public var bot: String?
    /// The canonical camelCase method name, or the name as requested when the method is unknown.
    public var method: String
    /// The request parameters; tokens are replaced by `<id>:***` and `secret_token` by `***`.
    public var params: [String: SandboxJSON]
    /// The HTTP status answered; 0 when the connection was dropped without an answer.
    public var status: Int
    /// Whether the answer was a failure injected by `failRate`.
    public var injected: Bool
    /// Which failure was injected, when one was (absent from the log otherwise).
    public var failure: SandboxFailure?
    /// When the call arrived.
    public var at: Date

    /// Creates a record.
    public init(
        seq: Int, bot: String?, method: String, params: [String: SandboxJSON], status: Int, injected: Bool,
        failure: SandboxFailure? = nil, at: Date
    ) {
        self.failure = failure
        self.seq = seq
        self.bot = bot
        self.method = method
        self.params = params
        self.status = status
        self.injected = injected
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case seq, bot, method, params, status, injected, failure, at
    }

    /// Decodes a record; `at` is ISO 8601 with fractional seconds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seq = try container.decode(Int.self, forKey: .seq)
        bot = try container.decodeIfPresent(String.self, forKey: .bot)
        method = try container.decode(String.self, forKey: .method)
        params = try container.decode([String: SandboxJSON].self, forKey: .params)
        status = try container.decode(Int.self, forKey: .status)
        injected = try container.decode(Bool.self, forKey: .injected)
        failure = try container.decodeIfPresent(SandboxFailure.self, forKey: .failure)
        let text = try container.decode(String.self, forKey: .at)
        guard let date = try? Date(text, strategy: Self.timestampStyle) else {
            throw DecodingError.dataCorruptedError(
                forKey: .at, in: container, debugDescription: "expected ISO 8601 with milliseconds, got \(text)"
            )
        }
        at = date
    }

    /// Encodes a record; `bot` is always present (null when unknown) and `at` is ISO 8601 with milliseconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seq, forKey: .seq)
        try container.encode(bot, forKey: .bot)
        try container.encode(method, forKey: .method)
        try container.encode(params, forKey: .params)
        try container.encode(status, forKey: .status)
        try container.encode(injected, forKey: .injected)
        try container.encodeIfPresent(failure, forKey: .failure)
        try container.encode(at.formatted(Self.timestampStyle), forKey: .at)
    }

    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
