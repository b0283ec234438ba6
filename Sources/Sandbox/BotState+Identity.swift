extension BotState {
    /// `getMe`: the bot as a `User`, with every "returned only in getMe" field of Bot API 10.1
    /// (`User` is unchanged up to 10.3).
    func getMe() -> MethodResult {
        let defaultName = profileTexts[.name]?[""] ?? ""
        let members: [String: SandboxJSON] = [
            "id": .int(Int64(bot.id) ?? 0),
            "is_bot": .bool(true),
            "first_name": .string(defaultName.isEmpty ? bot.effectiveUsername : defaultName),
            "username": .string(bot.effectiveUsername),
            "can_join_groups": .bool(true),
            "can_read_all_group_messages": .bool(false),
            "supports_inline_queries": .bool(false),
            "supports_guest_queries": .bool(false),
            "can_connect_to_business": .bool(false),
            "has_main_web_app": .bool(false),
            "has_topics_enabled": .bool(false),
            "allows_users_to_create_topics": .bool(false),
            "can_manage_bots": .bool(false),
            "supports_join_request_queries": .bool(false),
        ]
        return MethodResult(.object(members))
    }
}
