import Spec
import Testing

/// A chat id written as a string (`"-1001234567890"`) is the number it is, as the Bot API takes it.
@Suite("Chat ids: a quoted id is accepted as the number it is", .timeLimit(.minutes(1)))
struct QuotedChatIDTests {
    static func load(channel: String, chatId: String) -> LoadResult {
        SpecLoader().load(files: [
            SourceFile(path: "botops.yaml", text: """
                apiVersion: botops/v1
                kind: Project
                metadata: {name: chats}
                spec:
                  postgres: {url: {fromEnv: DATABASE_URL}}
                """),
            SourceFile(path: "bot.yaml", text: """
                apiVersion: botops/v1
                kind: Bot
                metadata: {name: alpha}
                spec:
                  token: {fromEnv: ALPHA_TOKEN}
                  commands:
                    - scope: {type: chat, chatId: \(chatId)}
                      commands: [{command: start, description: Start}]
                """),
            SourceFile(path: "booster.yaml", text: """
                apiVersion: botops/v1
                kind: Booster
                metadata: {name: views}
                spec:
                  channel: \(channel)
                  type: views
                  provider: boostly
                  settings: {perPost: 500}
                """),
        ])
    }

    @Test func quotedIdsAreNumbersAndAQuotedPositiveChannelIdIsStillRefused() throws {
        let loaded = Self.load(channel: #""-1001234567890""#, chatId: #""-1009876543210""#)
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty, "\(loaded.diagnostics)")
        let state = try #require(loaded.state)
        #expect(state.boosters.first?.channel == .id(-1001234567890))
        #expect(Self.load(channel: "-1001234567890", chatId: "-1009876543210").state?.boosters.first?.channel == .id(-1001234567890),
                "the same as unquoted")

        let positive = Self.load(channel: #""1001234567890""#, chatId: "-1")
        #expect(positive.diagnostics.contains { $0.message.contains("channel ids are negative") && $0.location.file == "booster.yaml" })
        let words = Self.load(channel: #""-100abc""#, chatId: #""12x""#)
        #expect(words.diagnostics.count { $0.severity == .error } == 2, "\(words.diagnostics)")
    }
}
