import Testing
@testable import Spec

/// A Channel is read as Telegram would take it: its type written or implied by its rights and permissions,
/// and a right or permission that does not fit the type an error at its own line.
@Suite("Channel: validation at the line", .timeLimit(.minutes(1)))
struct ChannelValidationTests {
    static func load(_ spec: String, more: [String: String] = [:]) -> LoadResult {
        SpecTestSupport.load([
            "bot.yaml": "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: newsroom}\nspec:\n  token: {fromEnv: NEWSROOM_TOKEN}\n",
            "channel.yaml": "apiVersion: botops/v1\nkind: Channel\nmetadata: {name: news}\nspec:\n  bot: newsroom\n" + spec,
        ].merging(more) { _, new in new })
    }

    @Test func aChannelIsReadWithItsImpliedType() throws {
        let result = Self.load("""
              chat: "@acme_newsroom"
              title: ACME Newsroom
              description: News twice a day
              botRights:
                canPostMessages: true
                canEditMessages: true
                canDeleteMessages: false

            """)
        let channel = try #require(result.state?.channels.first, "\(SpecTestSupport.lines(result))")
        #expect(channel.chat == .username("@acme_newsroom") && channel.type == .channel)
        #expect(channel.botRights.map(\.name) == ["can_post_messages", "can_edit_messages"], "a right written false is not required")
        #expect(channel.botRights.first?.location.line == 10)
        #expect(!channel.isCheckOnly)
        #expect(Self.load("  chat: -1001234567890\n  botRights: {canPostMessages: true}\n").state?.channels.first?.isCheckOnly == true)
    }

    @Test func aRightOrPermissionOfAnotherChatTypeIsAnErrorAtItsLine() {
        let mixed = Self.load("  chat: \"@acme_news\"\n  botRights:\n    canPostMessages: true\n    canPinMessages: true\n")
        #expect(SpecTestSupport.lines(mixed) == [
            "channel.yaml:9:5: error: 'canPinMessages' is a right in group and supergroup only, but 'canPostMessages' (line 8) is a right in "
                + "channel only; in a channel, pinning comes with canEditMessages",
        ])
        let written = Self.load("  chat: \"@acme_chat\"\n  type: channel\n  memberPermissions: {canSendMessages: true}\n")
        #expect(SpecTestSupport.lines(written) == [
            "channel.yaml:8:3: error: 'spec.memberPermissions' is for groups and supergroups, but the chat is a channel ('spec.type'); remove it",
        ])
        let topics = Self.load("  chat: -100123\n  type: group\n  botRights: {canManageTopics: true}\n")
        #expect(SpecTestSupport.lines(topics).first?.contains("'canManageTopics' is a right in supergroup only, but the chat is a group") == true)
    }

    @Test func chatsTitlesAndDuplicatesAreChecked() {
        let long = Self.load("  chat: \"@acme_news\"\n  title: \"\(String(repeating: "x", count: 129))\"\n")
        #expect(SpecTestSupport.lines(long).first?.contains("'spec.title'") == true)
        #expect(Self.load("  chat: acme\n").diagnostics.first?.message == "'spec.chat' must be a numeric chat id or an @username")
        let twice = Self.load("  chat: \"@acme_news\"\n", more: [
            "other.yaml": "apiVersion: botops/v1\nkind: Channel\nmetadata: {name: other}\nspec:\n  bot: newsroom\n  chat: \"@ACME_news\"\n",
        ])
        #expect(twice.diagnostics.map(\.code) == [.duplicate])
        let dangling = Self.load("  chat: \"@acme_news\"\n".replacingOccurrences(of: "", with: ""), more: [
            "bot.yaml": "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: other}\nspec:\n  token: {fromEnv: OTHER_TOKEN}\n",
        ])
        #expect(dangling.diagnostics.map(\.code) == [.danglingReference])
    }

    @Test func aBoosterInAChatNoChannelDeclaresIsAWarningAndAnotherBotAnError() {
        let booster = { (bot: String, chat: String) in
            "apiVersion: botops/v1\nkind: Booster\nmetadata: {name: views}\nspec:\n  bot: \(bot)\n  channel: \"\(chat)\"\n"
                + "  type: views\n  provider: viewsmith\n"
        }
        let stray = Self.load("  chat: \"@acme_news\"\n", more: ["booster.yaml": booster("newsroom", "@acme_newz")])
        #expect(stray.isValid)
        #expect(SpecTestSupport.lines(stray) == [
            "booster.yaml:6:12: warning: Booster/views works in @acme_newz, which no Channel declares (declared: @acme_news); "
                + "declare it so the bot's rights there are checked, or fix the chat; did you mean '@acme_news'?",
        ])
        #expect(Self.load("  chat: \"@acme_news\"\n", more: ["booster.yaml": booster("newsroom", "@ACME_news")]).diagnostics.isEmpty)
        let other = Self.load("  chat: \"@acme_news\"\n", more: [
            "booster.yaml": booster("other", "@acme_news"),
            "other.yaml": "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: other}\nspec:\n  token: {fromEnv: OTHER_TOKEN}\n",
        ])
        #expect(SpecTestSupport.lines(other).first?.hasPrefix("booster.yaml:5:8: error: Booster/views names Bot/other, but @acme_news "
            + "is administered by Bot/newsroom (Channel/news)") == true, "\(SpecTestSupport.lines(other))")
        let none = SpecTestSupport.load(["booster.yaml": booster("newsroom", "@acme_newz"),
            "bot.yaml": "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: newsroom}\nspec:\n  token: {fromEnv: NEWSROOM_TOKEN}\n"])
        #expect(none.diagnostics.isEmpty, "without Channels, a booster's chat is not checked")
    }
}
