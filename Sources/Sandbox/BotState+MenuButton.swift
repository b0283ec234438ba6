extension BotState {
    /// `setChatMenuButton` for the bot's default menu button. The sandbox knows no users, so a `chat_id`
    /// is answered like an unknown private chat.
    mutating func setChatMenuButton(_ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        let button = try Self.parseMenuButton(arguments["menu_button"])
        if arguments.has("chat_id") { try Self.rejectPrivateChat(arguments) }
        menuButton = button == Self.defaultMenuButton ? nil : button
        return .ok
    }

    /// `getChatMenuButton` for the bot's default menu button.
    func getChatMenuButton(_ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        if arguments.has("chat_id") { try Self.rejectPrivateChat(arguments) }
        return MethodResult(menuButton ?? Self.defaultMenuButton)
    }

    static let defaultMenuButton: SandboxJSON = .object(["type": .string("default")])

    /// The Bot API server's `get_bot_menu_button`, then TDLib's `set_menu_button` checks: the text must
    /// not be empty and the Web App URL must be HTTPS.
    static func parseMenuButton(_ text: String) throws(SandboxAPIError) -> SandboxJSON {
        if text.isEmpty { return defaultMenuButton }
        guard let value = SandboxJSON.parse(text) else { throw .badRequest("can't parse menu button JSON object") }
        guard case .object(let members) = value else {
            throw .badRequest("can't parse menu button: MenuButton must be an Object")
        }
        let reader = JSONFieldReader(members)
        let buttonText: String
        let url: String
        do throws(JSONFieldReader.FieldError) {
            switch try reader.requiredString("type") {
            case "default": return defaultMenuButton
            case "commands": return .object(["type": .string("commands")])
            case "web_app": break
            default: throw JSONFieldReader.FieldError(message: "MenuButton has unsupported type")
            }
            buttonText = try reader.requiredString("text")
            url = try JSONFieldReader(try reader.requiredObject("web_app")).requiredString("url")
        } catch {
            throw .badRequest("can't parse menu button: \(error.message)")
        }
        if buttonText.isEmpty { throw .badRequest("menu button text must be non-empty") }
        guard isHTTPSLink(url) else { throw .badRequest("menu button Web App Only HTTPS links are allowed") }
        return .object([
            "type": .string("web_app"),
            "text": .string(buttonText),
            "web_app": .object(["url": .string(url)]),
        ])
    }

    private static func isHTTPSLink(_ url: String) -> Bool {
        guard url.lowercased().hasPrefix("https://"), let parsed = WebhookURL(url) else { return false }
        return parsed.isHTTPS
    }

    /// `chat_id` must be a positive user id (the Bot API server's `get_user_id`); the sandbox has no users.
    private static func rejectPrivateChat(_ arguments: MethodArguments) throws(SandboxAPIError) {
        if MethodArguments.leadingInteger(arguments["chat_id"]) <= 0 { throw .badRequest("invalid chat_id specified") }
        throw .badRequest("user not found")
    }
}
