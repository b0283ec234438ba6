/// A `BotCommandScope` reduced to a key: commands are stored per (scope, language).
struct BotCommandScopeKey: Sendable, Hashable, CustomStringConvertible {
    /// The canonical form, e.g. `default`, `chat:-100123`, `chat_member:@group:42`.
    var description: String

    static let `default` = BotCommandScopeKey(description: "default")

    /// Parses the `scope` parameter like the Bot API server (`get_bot_command_scope`), then resolves the
    /// chat: numeric ids and `@username`s are accepted (usernames case-insensitively), anything else is
    /// "chat not found". The sandbox knows no chats, so every numeric id is accepted.
    static func parse(_ text: String) throws(SandboxAPIError) -> BotCommandScopeKey {
        if text.isEmpty { return .default }
        guard let value = SandboxJSON.parse(text) else { throw .badRequest("can't parse BotCommandScope JSON object") }
        guard case .object(let members) = value else {
            throw .badRequest("can't parse BotCommandScope: BotCommandScope must be an Object")
        }
        let reader = JSONFieldReader(members)
        let type: String
        let chatID: String
        var userID: Int64?
        do throws(JSONFieldReader.FieldError) {
            type = try reader.requiredString("type")
            switch type {
            case "default", "all_private_chats", "all_group_chats", "all_chat_administrators":
                return BotCommandScopeKey(description: type)
            case "chat", "chat_administrators", "chat_member":
                break
            default:
                throw JSONFieldReader.FieldError(message: "Unsupported type specified")
            }
            chatID = try reader.requiredString("chat_id")
            if chatID.isEmpty { throw JSONFieldReader.FieldError(message: "Empty chat_id specified") }
            if type == "chat_member" {
                let id = try reader.requiredInt64("user_id")
                if id <= 0 { throw JSONFieldReader.FieldError(message: "Invalid user_id specified") }
                userID = id
            }
        } catch {
            throw .badRequest("can't parse BotCommandScope: \(error.message)")
        }
        let chat = try resolveChat(chatID)
        if let userID { return BotCommandScopeKey(description: "\(type):\(chat):\(userID)") }
        return BotCommandScopeKey(description: "\(type):\(chat)")
    }

    private static func resolveChat(_ chatID: String) throws(SandboxAPIError) -> String {
        if let number = Int64(chatID) { return String(number) }
        if chatID.hasPrefix("@"), chatID.count > 1 { return chatID.lowercased() }
        throw .badRequest("chat not found")
    }
}
