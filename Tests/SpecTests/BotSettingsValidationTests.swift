import Spec
import Testing

/// `spec.settings` is read as Telegram would take it: each value checked at its line, and the sidebar's
/// dependence on topics told before Telegram silently ignores it.
@Suite("Bot settings: validation at the line", .timeLimit(.minutes(1)))
struct BotSettingsValidationTests {
    static func load(_ settings: String) -> LoadResult {
        SpecLoader().load(files: [
            SourceFile(path: "botops.yaml", text: "apiVersion: botops/v1\nkind: Project\nmetadata: {name: s}\n"),
            SourceFile(path: "bot.yaml", text: """
                apiVersion: botops/v1
                kind: Bot
                metadata: {name: alpha}
                spec:
                  token: {fromEnv: ALPHA_TOKEN}
                  settings:
                \(settings)
                """),
        ])
    }

    @Test func writtenSettingsAreKeptAndOthersAreNot() throws {
        let result = Self.load("    canReadAllGroupMessages: true\n    inlineQueryPlaceholder: Search\n    callbackQueryMode: auto")
        let bot = try #require(result.state?.bots.first)
        #expect(bot.settings.values == [.canReadAllGroupMessages: .bool(true), .inlineQueryPlaceholder: "Search", .callbackQueryMode: "auto"])
        #expect(BotSetting.canReadAllGroupMessages.parameter == "can_read_all_group_messages")
        #expect(!BotSetting.callbackQueryMode.isReadable && BotSetting.canJoinGroups.isReadable)
    }

    @Test func aSidebarWithoutTopicsWrittenIsAWarning() {
        let result = Self.load("    hasTopicSidebar: true")
        #expect(result.isValid)
        #expect(result.diagnostics.map { "\($0.severity) \($0.location.line):\($0.location.column)" } == ["warning 7:22"])
        #expect(result.diagnostics.first?.message.contains("hasTopicsEnabled is not written") == true)
        #expect(Self.load("    hasTopicsEnabled: true\n    hasTopicSidebar: true").diagnostics.isEmpty)
    }

    @Test func valuesTelegramWouldRefuseAreErrorsAtTheirLine() {
        let long = Self.load("    inlineQueryPlaceholder: \(String(repeating: "x", count: 65))")
        #expect(long.diagnostics.map(\.code) == [.telegramLimit])
        #expect(long.diagnostics.first?.message.contains("at most 64") == true)
        let mode = Self.load("    callbackQueryMode: sometimes")
        #expect(mode.diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["7:24"])
        #expect(mode.diagnostics.first?.message.contains("default, auto") == true, "\(mode.diagnostics)")
        let type = Self.load("    canJoinGroups: maybe")
        #expect(type.diagnostics.map(\.code) == [.typeMismatch])
    }
}
