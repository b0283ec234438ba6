import Foundation

extension BotState {
    /// Telegram's longest message text, in UTF-16 code units after entity parsing (the sandbox
    /// counts the text as sent: it does not parse entities).
    static let maxMessageLength = 4096

    /// `sendMessage`: checks the chat and the text as the Bot API does, puts the message in the
    /// ``outbox`` and returns the Message. Any numeric chat id but 0 is a chat the bot is in;
    /// `@username` must be a well-formed username.
    mutating func sendMessage(_ arguments: MethodArguments, at date: Date = Date()) throws(SandboxAPIError) -> MethodResult {
        let chat = arguments["chat_id"].trimmingCharacters(in: .whitespaces)
        if chat.isEmpty { throw .badRequest("chat_id is empty") }
        let chatID: Int64
        let type: String
        if chat.hasPrefix("@") {
            let username = chat.dropFirst()
            guard (5...32).contains(username.count), username.first?.isLetter == true,
                  username.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }) else {
                throw .badRequest("chat not found")
            }
            // A public channel: its id is not known from its name, so one is made up and kept stable.
            chatID = -1_000_000_000_000 - Int64(username.lowercased().unicodeScalars.reduce(UInt32(7)) { ($0 &* 31) &+ $1.value } % 1_000_000)
            type = "channel"
        } else {
            guard let id = Int64(chat), id != 0 else { throw .badRequest("chat not found") }
            chatID = id
            type = id > 0 ? "private" : id <= -1_000_000_000_000 ? "supergroup" : "group"
        }
        let text = arguments["text"]
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .badRequest("message text is empty") }
        if text.utf16.count > Self.maxMessageLength { throw .badRequest("message is too long") }
        let parseMode = arguments["parse_mode"]
        if !parseMode.isEmpty, !["html", "markdown", "markdownv2"].contains(parseMode.lowercased()) {
            throw .badRequest("unsupported parse_mode")
        }
        let messageID = (messagesByChat[chat] ?? 0) + 1
        messagesByChat[chat] = messageID
        var chatObject: [String: SandboxJSON] = ["id": .int(chatID), "type": .string(type)]
        if chat.hasPrefix("@") { chatObject["username"] = .string(String(chat.dropFirst())) }
        let message: SandboxJSON = .object([
            "message_id": .int(Int64(messageID)),
            "from": .object(["id": .int(Int64(bot.id) ?? 0), "is_bot": .bool(true), "first_name": .string(bot.effectiveUsername),
                             "username": .string(bot.effectiveUsername)]),
            "chat": .object(chatObject),
            "date": .int(Int64(date.timeIntervalSince1970)),
            "text": .string(text),
        ])
        outbox.append(SentMessage(seq: 0, bot: bot.id, messageID: messageID, chat: chat, text: text,
                                  parseMode: parseMode.isEmpty ? nil : parseMode, at: date))
        return MethodResult(message)
    }
}
