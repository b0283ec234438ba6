/// A Telegram bot: its profile texts, commands, menu button and default administrator rights.
///
/// Everything not written in the spec is desired at Telegram's default (empty texts, no commands,
/// the default menu button, no rights), so git is the whole truth about a bot.
public struct Bot: Sendable, Hashable {
    public var metadata: ResourceMetadata
    public var token: SecretReference
    public var profile: BotProfile
    public var commands: [CommandSet]
    public var menuButton: MenuButton
    public var administratorRights: AdministratorRights
    /// The settings git manages (Bot API 10.5); unlike the texts, only those written.
    public var settings: BotSettings

    public init(metadata: ResourceMetadata, token: SecretReference, profile: BotProfile = BotProfile(),
                commands: [CommandSet] = [], menuButton: MenuButton = .default,
                administratorRights: AdministratorRights = AdministratorRights(), settings: BotSettings = BotSettings()) {
        self.settings = settings
        self.metadata = metadata
        self.token = token
        self.profile = profile
        self.commands = commands
        self.menuButton = menuButton
        self.administratorRights = administratorRights
    }
}

/// A bot's name, description and short description, for the default language and per language,
/// and its photo.
public struct BotProfile: Sendable, Hashable {
    /// The texts for all users without a more specific language (Telegram's empty language code).
    public var texts: ProfileTexts
    /// Texts per two-letter language code.
    public var languages: [String: ProfileTexts]
    /// The photo git manages; nil leaves Telegram's as it is (unlike the texts, managed only where written).
    public var photo: ProfilePhoto?

    public init(texts: ProfileTexts = ProfileTexts(), languages: [String: ProfileTexts] = [:], photo: ProfilePhoto? = nil) {
        self.texts = texts
        self.languages = languages
        self.photo = photo
    }
}

/// The three profile texts of one language; an empty string means "not set".
public struct ProfileTexts: Sendable, Hashable {
    public var name: String
    public var description: String
    public var shortDescription: String

    public init(name: String = "", description: String = "", shortDescription: String = "") {
        self.name = name
        self.description = description
        self.shortDescription = shortDescription
    }
}

/// One `setMyCommands` call's worth: the commands shown in a scope for a language.
public struct CommandSet: Sendable, Hashable {
    public var scope: CommandScope
    /// Two-letter language code, or nil for all languages.
    public var language: String?
    public var commands: [BotCommand]
    public var location: SourceLocation

    public init(scope: CommandScope = .default, language: String? = nil, commands: [BotCommand], location: SourceLocation) {
        self.scope = scope
        self.language = language
        self.commands = commands
        self.location = location
    }
}

/// One entry of a command menu (Telegram's `BotCommand`).
public struct BotCommand: Sendable, Hashable {
    /// The command without its leading `/`.
    public var command: String
    /// The text shown next to the command.
    public var description: String
    /// Telegram's `is_ephemeral` (Bot API 10.3): the command answers with an ephemeral message, seen
    /// only by the user who sent the command and the bot. `false` is Telegram's default.
    public var isEphemeral: Bool

    public init(command: String, description: String, isEphemeral: Bool = false) {
        self.command = command
        self.description = description
        self.isEphemeral = isEphemeral
    }
}

/// A chat named by numeric id or by `@username`.
public enum ChatReference: Sendable, Hashable, Codable, CustomStringConvertible {
    case id(Int64)
    case username(String)

    public var description: String {
        switch self {
        case let .id(id): return String(id)
        case let .username(name): return name
        }
    }
}

/// Telegram's `BotCommandScope`.
public enum CommandScope: Sendable, Hashable, CustomStringConvertible {
    case `default`
    case allPrivateChats
    case allGroupChats
    case allChatAdministrators
    case chat(ChatReference)
    case chatAdministrators(ChatReference)
    case chatMember(ChatReference, userID: Int64)

    /// Telegram's `type` string.
    public var type: String {
        switch self {
        case .default: return "default"
        case .allPrivateChats: return "all_private_chats"
        case .allGroupChats: return "all_group_chats"
        case .allChatAdministrators: return "all_chat_administrators"
        case .chat: return "chat"
        case .chatAdministrators: return "chat_administrators"
        case .chatMember: return "chat_member"
        }
    }

    /// A stable textual key: `default`, `chat:@news`, `chat_member:-100123:42`.
    public var description: String {
        switch self {
        case let .chat(chat), let .chatAdministrators(chat): return "\(type):\(chat)"
        case let .chatMember(chat, user): return "\(type):\(chat):\(user)"
        default: return type
        }
    }

    /// The scopes written as a bare string.
    public static let named: [String: CommandScope] = [
        "default": .default, "all_private_chats": .allPrivateChats,
        "all_group_chats": .allGroupChats, "all_chat_administrators": .allChatAdministrators,
    ]
}

/// The bot's default menu button.
public enum MenuButton: Sendable, Hashable {
    case `default`
    case commands
    case webApp(text: String, url: String)
}

/// Default administrator rights asked for when the bot is added to groups and to channels.
/// Keys are Telegram's `ChatAdministratorRights` field names (snake_case); a field not listed is false.
public struct AdministratorRights: Sendable, Hashable {
    public var groups: [String: Bool]
    public var channels: [String: Bool]

    public init(groups: [String: Bool] = [:], channels: [String: Bool] = [:]) {
        self.groups = groups
        self.channels = channels
    }
}
