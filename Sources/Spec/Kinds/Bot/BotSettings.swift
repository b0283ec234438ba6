/// The settings git manages of a bot (`spec.settings`): only those written. A setting has no empty value
/// to return to and teams flip some by hand, so one not written is never sent and never drift.
public struct BotSettings: Sendable, Hashable, Codable {
    /// The written settings: booleans, the placeholder as a string, the denominator as an integer, the mode as a string.
    public var values: [BotSetting: JSONValue]

    public init(_ values: [BotSetting: JSONValue] = [:]) {
        self.values = values
    }

    /// botops' limit on the inline placeholder (the Bot API states none; the sandbox refuses longer ones too).
    public static let maxPlaceholderLength = 64
    public static let denominators: Set<Int> = [0, 1, 10, 100, 1000]
    public static let callbackQueryModes = ["default", "auto", "inline"]
}
