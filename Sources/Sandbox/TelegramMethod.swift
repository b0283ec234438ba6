/// The Bot API methods the sandbox implements. Raw values are the canonical camelCase names.
enum TelegramMethod: String, Sendable, CaseIterable {
    case getMe
    case setMySettings
    case setMyProfilePhoto
    case removeMyProfilePhoto
    case getUserProfilePhotos
    case getFile
    case getUpdates
    case setWebhook
    case deleteWebhook
    case getWebhookInfo
    case setMyCommands
    case getMyCommands
    case deleteMyCommands
    case setMyName
    case getMyName
    case setMyDescription
    case getMyDescription
    case setMyShortDescription
    case getMyShortDescription
    case setChatMenuButton
    case getChatMenuButton
    case setMyDefaultAdministratorRights
    case getMyDefaultAdministratorRights
    case sendMessage
    case getChat
    case getChatMember
    case getChatAdministrators
    case setChatTitle
    case setChatDescription
    case setChatPhoto
    case deleteChatPhoto
    case setChatPermissions

    /// The methods about a chat, answered from the chats every bot shares.
    var isChatMethod: Bool {
        switch self {
        case .getChat, .getChatMember, .getChatAdministrators, .setChatTitle, .setChatDescription, .setChatPhoto,
             .deleteChatPhoto, .setChatPermissions: return true
        default: return false
        }
    }

    private static let byLowercasedName: [String: TelegramMethod] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.rawValue.lowercased(), $0) }
    )

    /// Looks a method up the way the Bot API does: case-insensitively.
    init?(requestedName: some StringProtocol) {
        guard let method = Self.byLowercasedName[requestedName.lowercased()] else { return nil }
        self = method
    }
}
