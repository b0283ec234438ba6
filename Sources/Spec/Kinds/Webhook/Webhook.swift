/// Where Telegram delivers a bot's updates. A bot without a Webhook is a polling bot.
public struct Webhook: Sendable, Hashable {
    public var metadata: ResourceMetadata
    /// The Bot's name.
    public var bot: String
    public var url: String
    /// Sent by Telegram in `X-Telegram-Bot-Api-Secret-Token`; write-only at Telegram.
    public var secretToken: SecretReference?
    /// Update types to receive; nil means Telegram's default set.
    public var allowedUpdates: [String]?
    /// 1...100; nil means Telegram's default, 40.
    public var maxConnections: Int?
    public var ipAddress: String?
    /// Drop pending updates when the webhook is (re)set; applied with a change, never on its own.
    public var dropPendingUpdates: Bool

    public init(metadata: ResourceMetadata, bot: String, url: String, secretToken: SecretReference? = nil,
                allowedUpdates: [String]? = nil, maxConnections: Int? = nil, ipAddress: String? = nil,
                dropPendingUpdates: Bool = false) {
        self.metadata = metadata
        self.bot = bot
        self.url = url
        self.secretToken = secretToken
        self.allowedUpdates = allowedUpdates
        self.maxConnections = maxConnections
        self.ipAddress = ipAddress
        self.dropPendingUpdates = dropPendingUpdates
    }
}
