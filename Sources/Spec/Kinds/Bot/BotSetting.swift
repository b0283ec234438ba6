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

    /// The Bot API's parameter (and `BotFullInfo` field) name: the case's name in snake case.
    public var parameter: String { Self.parameters[self]! }

    /// Worked out once: each plan asks it for every setting of every bot, and deriving it is a Unicode lookup per
    /// letter (3 % of a 1,000-bot plan's CPU).
    private static let parameters: [BotSetting: String] = Dictionary(uniqueKeysWithValues: allCases.map { setting in
        (setting, String(setting.rawValue.flatMap { $0.isUppercase ? "_" + $0.lowercased() : String($0) }))
    })
    private static let byParameter = Dictionary(uniqueKeysWithValues: parameters.map { ($0.value, $0.key) })

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
        guard let setting = Self.byParameter[parameter] else { return nil }
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
