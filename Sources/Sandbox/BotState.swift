/// Everything the sandbox remembers about one bot, and the Bot API methods that read and change it.
///
/// Methods live in `BotState+<Concern>.swift`; each takes the call's ``MethodArguments`` and either
/// returns the answer or throws the Bot API error, changing nothing it should not.
struct BotState: Sendable {
    /// The configured bot.
    let bot: SandboxBot
    var webhook = WebhookSettings.none
    /// Kept across webhook changes, like the Bot API server's `allowed_update_types_`.
    var allowedUpdates = AllowedUpdates.default
    var pendingUpdateCount = 0
    /// The last failed delivery to the webhook, as getWebhookInfo reports it (Unix time, message).
    var lastWebhookError: (date: Int64, message: String)?
    /// Command lists by scope and language code.
    var commands: [CommandListKey: [BotCommandEntry]] = [:]
    /// Profile texts by kind and language code (`""` is the default language).
    var profileTexts: [ProfileText: [String: String]] = [:]
    /// The default menu button; `nil` is `{"type":"default"}`.
    var menuButton: SandboxJSON?
    /// What `setMySettings` changes (Bot API 10.5).
    var settings = BotSettings()
    /// Profile photos, the current one first.
    var profilePhotos: [ProfilePhoto] = []
    /// Uploads so far, for the ids of the next.
    var photoSerial = 0
    var groupAdministratorRights = AdministratorRights.none
    var channelAdministratorRights = AdministratorRights.none
    /// The last `message_id` given in each chat (by chat as written).
    var messagesByChat: [String: Int] = [:]
    /// Messages sent and not yet collected by the sandbox's log (see `SandboxState`).
    var outbox: [SentMessage] = []

    /// Where a command list is stored.
    struct CommandListKey: Sendable, Hashable {
        var scope: BotCommandScopeKey
        var languageCode: String
    }

    init(bot: SandboxBot) {
        self.bot = bot
    }

    /// Runs `method` against this bot.
    mutating func execute(_ method: TelegramMethod, _ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        switch method {
        case .getMe: return getMe()
        case .setMySettings: return try setMySettings(arguments)
        case .setMyProfilePhoto: return try setMyProfilePhoto(arguments)
        case .removeMyProfilePhoto: return removeMyProfilePhoto()
        case .getUserProfilePhotos: return try getUserProfilePhotos(arguments)
        case .getFile: return try getFile(arguments)
        case .getUpdates: return try getUpdates(arguments)
        case .setWebhook, .deleteWebhook: return try setWebhook(arguments, deleting: method == .deleteWebhook)
        case .getWebhookInfo: return getWebhookInfo()
        case .setMyCommands: return try setMyCommands(arguments)
        case .getMyCommands: return try getMyCommands(arguments)
        case .deleteMyCommands: return try deleteMyCommands(arguments)
        case .setMyName: return try setProfileText(.name, arguments)
        case .getMyName: return try getProfileText(.name, arguments)
        case .setMyDescription: return try setProfileText(.description, arguments)
        case .getMyDescription: return try getProfileText(.description, arguments)
        case .setMyShortDescription: return try setProfileText(.shortDescription, arguments)
        case .getMyShortDescription: return try getProfileText(.shortDescription, arguments)
        case .setChatMenuButton: return try setChatMenuButton(arguments)
        case .getChatMenuButton: return try getChatMenuButton(arguments)
        case .setMyDefaultAdministratorRights: return try setMyDefaultAdministratorRights(arguments)
        case .getMyDefaultAdministratorRights: return getMyDefaultAdministratorRights(arguments)
        case .sendMessage: return try sendMessage(arguments)
        default: throw .notFound  // chat methods are the chats' (SandboxChats), never one bot's
        }
    }
}
