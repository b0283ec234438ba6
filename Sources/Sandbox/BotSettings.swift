/// A bot's settings as `setMySettings` (Bot API 10.5) changes them and `getMe`'s `BotFullInfo` reports
/// them, starting as a bot @BotFather just made: it may join groups, privacy mode on, everything else off.
///
/// Three settings are kept but never reported (`inline_feedback_share_denominator`,
/// `can_communicate_with_bots`, `callback_query_mode`), as on Telegram.
struct BotSettings: Sendable, Equatable {
    var supportsInlineQueries = false
    var inlineQueryPlaceholder = ""
    var needsInlineQueryLocation = false
    var inlineFeedbackShareDenominator = 0
    var canJoinGroups = true
    var canReadAllGroupMessages = false
    var canConnectToBusiness = false
    var canManageBots = false
    var supportsGuestQueries = false
    var supportsJoinRequestQueries = false
    var hasTopicsEnabled = false
    var allowsUsersToCreateTopics = false
    /// As set; reported only while topics are enabled (Telegram accepts it and keeps reporting false).
    var hasTopicSidebar = false
    var canCommunicateWithBots = false
    var callbackQueryMode = "default"

    /// The sandbox's limit on the placeholder (the Bot API does not state one; 64 is what botops checks too).
    static let maxPlaceholderLength = 64
    static let denominators: Set<Int> = [0, 1, 10, 100, 1000]
    static let callbackQueryModes: Set<String> = ["default", "auto", "inline"]

    private static var booleans: [(String, WritableKeyPath<BotSettings, Bool>)] { [
        ("supports_inline_queries", \.supportsInlineQueries), ("needs_inline_query_location", \.needsInlineQueryLocation),
        ("can_join_groups", \.canJoinGroups), ("can_read_all_group_messages", \.canReadAllGroupMessages),
        ("can_connect_to_business", \.canConnectToBusiness), ("can_manage_bots", \.canManageBots),
        ("supports_guest_queries", \.supportsGuestQueries), ("supports_join_request_queries", \.supportsJoinRequestQueries),
        ("has_topics_enabled", \.hasTopicsEnabled), ("allows_users_to_create_topics", \.allowsUsersToCreateTopics),
        ("has_topic_sidebar", \.hasTopicSidebar), ("can_communicate_with_bots", \.canCommunicateWithBots),
    ] }

    /// The settings `arguments` name, checked all before any is changed: a refused call changes nothing.
    func applying(_ arguments: MethodArguments) throws(SandboxAPIError) -> BotSettings {
        var next = self
        for (name, path) in Self.booleans where arguments.has(name) { next[keyPath: path] = arguments.bool(name) }
        if arguments.has("inline_query_placeholder") {
            let placeholder = arguments["inline_query_placeholder"]
            guard placeholder.count <= Self.maxPlaceholderLength else {
                throw .badRequest("inline query placeholder is too long")
            }
            next.inlineQueryPlaceholder = placeholder
        }
        if arguments.has("inline_feedback_share_denominator") {
            let text = arguments["inline_feedback_share_denominator"].trimmingCharacters(in: .whitespaces)
            guard let denominator = Int(text), Self.denominators.contains(denominator) else {
                throw .badRequest("invalid inline feedback share denominator specified")
            }
            next.inlineFeedbackShareDenominator = denominator
        }
        if arguments.has("callback_query_mode") {
            let mode = arguments["callback_query_mode"]
            guard Self.callbackQueryModes.contains(mode) else { throw .badRequest("unsupported callback query mode specified") }
            next.callbackQueryMode = mode
        }
        return next
    }

    /// The settings `getMe` reports, as `BotFullInfo` fields.
    var reported: [String: SandboxJSON] {
        [
            "can_join_groups": .bool(canJoinGroups),
            "can_read_all_group_messages": .bool(canReadAllGroupMessages),
            "supports_guest_queries": .bool(supportsGuestQueries),
            "supports_inline_queries": .bool(supportsInlineQueries),
            "inline_query_placeholder": .string(inlineQueryPlaceholder),
            "needs_inline_query_location": .bool(needsInlineQueryLocation),
            "can_connect_to_business": .bool(canConnectToBusiness),
            "has_topics_enabled": .bool(hasTopicsEnabled),
            "allows_users_to_create_topics": .bool(allowsUsersToCreateTopics),
            "has_topic_sidebar": .bool(hasTopicsEnabled && hasTopicSidebar),
            "can_manage_bots": .bool(canManageBots),
            "supports_join_request_queries": .bool(supportsJoinRequestQueries),
        ]
    }
}
