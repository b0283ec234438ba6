/// A promotion campaign run by a provider for a channel.
public struct Booster: Sendable, Hashable, Codable {
    public enum BoostType: String, Sendable, Hashable, Codable, CaseIterable {
        case views
        case reactions
        case subscribers
    }

    public var metadata: ResourceMetadata
    public var bot: String?
    public var channel: ChatReference
    public var type: BoostType
    public var provider: String
    public var settings: [String: JSONValue]
    public var enabled: Bool

    public init(metadata: ResourceMetadata, bot: String? = nil, channel: ChatReference, type: BoostType,
                provider: String, settings: [String: JSONValue] = [:], enabled: Bool = true) {
        self.metadata = metadata
        self.bot = bot
        self.channel = channel
        self.type = type
        self.provider = provider
        self.settings = settings
        self.enabled = enabled
    }
}
