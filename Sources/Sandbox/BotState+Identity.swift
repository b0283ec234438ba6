extension BotState {
    /// `getMe`: the bot as a `BotFullInfo` (Bot API 10.5): who it is, every active username, and the
    /// settings `setMySettings` changes that Telegram reports.
    func getMe() -> MethodResult {
        let defaultName = profileTexts[.name]?[""] ?? ""
        var members: [String: SandboxJSON] = [
            "id": .int(Int64(bot.id) ?? 0),
            "is_bot": .bool(true),
            "first_name": .string(defaultName.isEmpty ? bot.effectiveUsername : defaultName),
            "username": .string(bot.effectiveUsername),
            "active_usernames": .array([.string(bot.effectiveUsername)]),
            "has_main_web_app": .bool(false),
        ]
        members.merge(settings.reported) { first, _ in first }
        return MethodResult(.object(members))
    }

    /// `setMySettings`: changes the settings it names and leaves the others as they are.
    mutating func setMySettings(_ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        settings = try settings.applying(arguments)
        return .ok
    }
}
