/// A channel or group the fleet posts into: its face (title, description, photo, what members may do),
/// kept as git says by the bot that administers it, and the rights that bot must hold there, checked
/// on every pass and never set (a bot cannot grant itself rights).
///
/// Every field but `chat`, `bot` and `botRights` is managed only where written; a Channel writing none
/// of them is a pure check that never writes.
public struct Channel: Sendable, Hashable, Codable {
    public var metadata: ResourceMetadata
    /// The chat: `@username` or its numeric id.
    public var chat: ChatReference
    /// The Bot that makes the calls.
    public var bot: String
    /// The type written, or the one its rights and permissions imply; nil when nothing tells.
    public var type: ChatType?
    public var title: String?
    public var description: String?
    /// `none` or a JPEG (`setChatPhoto` takes a still photo only).
    public var photo: ProfilePhoto?
    /// `ChatPermissions` fields (snake_case) to their value; nil leaves them unmanaged. An unwritten
    /// field of a written map is false, as `setChatPermissions` takes it.
    public var memberPermissions: [String: Bool]?
    /// The rights the bot must hold (snake_case), with where each is written.
    public var botRights: [RequiredRight]

    /// One right a Channel requires of its bot.
    public struct RequiredRight: Sendable, Hashable, Codable {
        public let name: String
        public let location: SourceLocation

        public init(name: String, location: SourceLocation) {
            self.name = name
            self.location = location
        }
    }

    public init(metadata: ResourceMetadata, chat: ChatReference, bot: String, type: ChatType? = nil, title: String? = nil,
                description: String? = nil, photo: ProfilePhoto? = nil, memberPermissions: [String: Bool]? = nil,
                botRights: [RequiredRight] = []) {
        self.metadata = metadata
        self.chat = chat
        self.bot = bot
        self.type = type
        self.title = title
        self.description = description
        self.photo = photo
        self.memberPermissions = memberPermissions
        self.botRights = botRights
    }

    /// True when the Channel only checks (no title, description, photo or permissions written).
    public var isCheckOnly: Bool { title == nil && description == nil && photo == nil && memberPermissions == nil }
}
