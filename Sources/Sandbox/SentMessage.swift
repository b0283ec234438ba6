import Foundation

/// A message a bot sent with `sendMessage`, as `GET /_sandbox/messages` lists it (the ops chat's view).
public struct SentMessage: Codable, Sendable, Equatable {
    /// Position among all messages the sandbox took, starting at 1.
    public var seq: Int
    /// The sending bot's id.
    public var bot: String
    /// Its `message_id` in the chat (counting per chat from 1, as Telegram does).
    public var messageID: Int
    /// The chat as it was given: a numeric id or `@username`.
    public var chat: String
    public var text: String
    /// `parse_mode` as given (`HTML`, `MarkdownV2`, `Markdown`), or nil.
    public var parseMode: String?
    public var at: Date

    enum CodingKeys: String, CodingKey {
        case seq, bot, chat, text, at
        case messageID = "message_id"
        case parseMode = "parse_mode"
    }
}
