/// A recurring task a worker runs for a bot (publish a post, pin the daily message).
public struct Schedule: Sendable, Hashable, Codable {
    public var metadata: ResourceMetadata
    public var bot: String?
    public var cron: CronExpression
    /// IANA zone name; the cron expression is read in this zone.
    public var timezone: String
    public var task: String
    public var args: [String: JSONValue]
    public var enabled: Bool

    public init(metadata: ResourceMetadata, bot: String? = nil, cron: CronExpression, timezone: String = "UTC",
                task: String, args: [String: JSONValue] = [:], enabled: Bool = true) {
        self.metadata = metadata
        self.bot = bot
        self.cron = cron
        self.timezone = timezone
        self.task = task
        self.args = args
        self.enabled = enabled
    }
}
