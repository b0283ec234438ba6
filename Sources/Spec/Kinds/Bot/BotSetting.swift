/// One of the settings `setMySettings` (Bot API 10.5) changes, as `spec.settings` writes it.
public enum BotSetting: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case supportsInlineQueries, inlineQueryPlaceholder, needsInlineQueryLocation, inlineFeedbackShareDenominator
    case canJoinGroups, canReadAllGroupMessages, canConnectToBusiness, canManageBots, supportsGuestQueries
    case supportsJoinRequestQueries, hasTopicsEnabled, allowsUsersToCreateTopics, hasTopicSidebar
    case canCommunicateWithBots, callbackQueryMode

    /// What a setting holds.
    public enum Value: Sendable, Hashable {
        case boolean
        /// Text up to ``BotSettings/maxPlaceholderLength`` characters.
        case text
        /// One of ``BotSettings/denominators``.
        case denominator
        /// One of ``BotSettings/callbackQueryModes``.
        case mode
    }

    /// The Bot API's parameter (and `BotFullInfo` field) name.
    public var parameter: String {
        String(rawValue.flatMap { $0.isUppercase ? "_" + $0.lowercased() : String($0) })
    }

    public var value: Value {
        switch self {
        case .inlineQueryPlaceholder: .text
        case .inlineFeedbackShareDenominator: .denominator
        case .callbackQueryMode: .mode
        default: .boolean
        }
    }

    /// Whether `getMe` reports it: three settings are write-only, so only what botops applied is known.
    public var isReadable: Bool {
        ![.inlineFeedbackShareDenominator, .canCommunicateWithBots, .callbackQueryMode].contains(self)
    }

    public static func < (lhs: BotSetting, rhs: BotSetting) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The setting whose Bot API parameter is `parameter`.
    public init?(parameter: String) {
        guard let setting = Self.allCases.first(where: { $0.parameter == parameter }) else { return nil }
        self = setting
    }

    /// The value a bot has when nothing set it, as `getMe` reports an absent field (Bot API: an absent boolean is false).
    public var unsetValue: JSONValue {
        switch value {
        case .boolean: .bool(self == .canJoinGroups)
        case .text: ""
        case .denominator: .int(0)
        case .mode: "default"
        }
    }
}
