import Testing
@testable import Spec

/// A Schedule's `args.channel` is where a worker posts; once Channels are declared, one no Channel declares is
/// flagged at the value's own line, matched as written (username to username, id to id).
@Suite("Schedule: the chat it posts to is a declared Channel", .timeLimit(.minutes(1)))
struct ScheduleChannelTests {
    static let bot = "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: newsroom}\nspec:\n  token: {fromEnv: NEWSROOM_TOKEN}\n"
    static let channel = "apiVersion: botops/v1\nkind: Channel\nmetadata: {name: news}\nspec:\n  bot: newsroom\n"
        + "  chat: \"@acme_news\"\n---\napiVersion: botops/v1\nkind: Channel\nmetadata: {name: vault}\nspec:\n"
        + "  bot: newsroom\n  chat: -1001987654321\n"

    static func schedule(_ channel: String) -> String {
        "apiVersion: botops/v1\nkind: Schedule\nmetadata: {name: morning}\nspec:\n  bot: newsroom\n  cron: \"0 9 * * *\"\n"
            + "  task: publish\n  args:\n    template: morning\n    channel: \(channel)\n"
    }

    @Test func anUndeclaredChatIsAWarningAtTheArgumentsLine() {
        let result = SpecTestSupport.load(["bot.yaml": Self.bot, "channel.yaml": Self.channel,
                                           "schedule.yaml": Self.schedule("\"@acme_newz\"")])
        #expect(result.isValid, "a warning does not make the config invalid")
        #expect(SpecTestSupport.lines(result) == [
            "schedule.yaml:10:14: warning: Schedule/morning posts to @acme_newz, which no Channel declares (declared: "
                + "-1001987654321, @acme_news); declare it so the bot's rights there are checked, or fix the chat; "
                + "did you mean '@acme_news'?",
        ])
    }

    @Test func declaredChatsMatchAsWrittenWhateverTheirCaseOrQuoting() {
        for written in ["\"@ACME_News\"", "-1001987654321", "\"-1001987654321\""] {
            let result = SpecTestSupport.load(["bot.yaml": Self.bot, "channel.yaml": Self.channel,
                                               "schedule.yaml": Self.schedule(written)])
            #expect(result.diagnostics.isEmpty, "\(written): \(SpecTestSupport.lines(result))")
        }
        let idForName = SpecTestSupport.load(["bot.yaml": Self.bot, "channel.yaml": Self.channel,
                                              "schedule.yaml": Self.schedule("-1001234567890")])
        #expect(idForName.diagnostics.map(\.severity) == [.warning], "an id is not matched to a username")
    }

    @Test func withoutChannelsOrAChatArgumentNothingIsSaid() {
        let noChannels = SpecTestSupport.load(["bot.yaml": Self.bot, "schedule.yaml": Self.schedule("\"@acme_newz\"")])
        #expect(noChannels.diagnostics.isEmpty)
        let notAChat = SpecTestSupport.load(["bot.yaml": Self.bot, "channel.yaml": Self.channel,
                                             "schedule.yaml": Self.schedule("morning-digest")])
        #expect(notAChat.diagnostics.isEmpty, "a value that cannot name a chat is the worker's own")
    }
}
