/// Why Telegram would not let a bot see a chat, typed once at the client's edge: the Bot API says it only
/// in words (Client::check_chat and TDLib's texts), and the Channel code decides on the case, never on text.
public enum ChatRefusal: Sendable, Hashable {
    /// `chat not found`: it does not exist, or the bot has never been in it.
    case notFound
    /// `bot is not a member of the … chat` or `bot was kicked from the … chat` (403).
    case notAMember
    /// `member list is inaccessible`: a channel hides its members from a bot that is no administrator there.
    case memberListInaccessible
}

extension TelegramAPIError {
    /// The refusal this error is, if it is one of a chat.
    public var chatRefusal: ChatRefusal? {
        if code == 400, description.hasSuffix("chat not found") { return .notFound }
        if code == 403, description.contains("is not a member of the") || description.contains("was kicked from the") { return .notAMember }
        if code == 400, description.hasSuffix("member list is inaccessible") { return .memberListInaccessible }
        return nil
    }
}
