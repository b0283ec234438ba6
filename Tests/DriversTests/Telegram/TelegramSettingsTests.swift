import Foundation
import Reconciler
import Sandbox
import Spec
import Testing

/// Bot API 10.5 settings from git: only those written are managed; a change is one setMySettings with
/// what differs; the write-only ones are applied once and remembered; a hand change is healed.
@Suite("Telegram: BotFather settings from git", .timeLimit(.minutes(5)))
struct TelegramSettingsTests {
    static func botYAML(_ settings: String) -> String {
        TelegramFleetHarness.botYAML("alpha") + "  settings:\n" + settings
    }

    static func settingsCalls(_ fleet: TelegramFleetHarness) async -> [SandboxCall] {
        await fleet.writes().filter { $0.method == "setMySettings" }
    }

    @Test func writtenSettingsAreAppliedInOneCallAndConverge() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", Self.botYAML("""
                canReadAllGroupMessages: true
                supportsInlineQueries: true
                inlineQueryPlaceholder: "Search the catalogue"
                callbackQueryMode: inline

            """))
        let plan = try await fleet.plan()
        let bot = try #require(plan.changes.first { $0.address == ResourceAddress(.bot, "alpha") })
        let settings = bot.fields.filter { $0.path.hasPrefix("settings.") }
        #expect(settings.map(\.path) == ["settings.callback_query_mode", "settings.can_read_all_group_messages",
                                         "settings.inline_query_placeholder", "settings.supports_inline_queries"])
        #expect(settings.first { $0.path == "settings.can_read_all_group_messages" }?.note == "privacy mode off")
        #expect(settings.first { $0.path == "settings.callback_query_mode" }?.note?.contains("Telegram does not report it") == true)
        #expect(TextPlanRenderer().render(plan).contains("settings.can_read_all_group_messages: false -> true (privacy mode off)"))

        try await fleet.apply()
        let calls = await Self.settingsCalls(fleet)
        #expect(calls.count == 1, "one call per bot")
        #expect(Set(calls.first?.params.keys.map { $0 } ?? []) == ["can_read_all_group_messages", "supports_inline_queries",
                                                                   "inline_query_placeholder", "callback_query_mode"],
                "only the settings written, none other: \(String(describing: calls.first?.params))")
        #expect(try await fleet.plan().hasChanges == false, "the write-only mode is remembered, the rest read back")
        let written = await fleet.writes().count
        try await fleet.apply()
        #expect(await fleet.writes().count == written, "a converged bot makes no write call")
    }

    @Test func aHandChangeIsHealedAndAnUnwrittenSettingIsNeverTouched() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", Self.botYAML("    canReadAllGroupMessages: true\n"))
        try await fleet.apply()
        // In @BotFather's place: privacy mode back on, and the bot kept out of groups (git does not say).
        try await fleet.callDirectly("alpha", "setMySettings", #"{"can_read_all_group_messages": false, "can_join_groups": false}"#)
        let drifted = try await fleet.plan()
        let bot = try #require(drifted.actionable.first)
        #expect(drifted.actionable.count == 1 && bot.fields.map(\.path) == ["settings.can_read_all_group_messages"])
        try await fleet.apply()
        let calls = await Self.settingsCalls(fleet)
        #expect(calls.last?.params.keys.sorted() == ["can_read_all_group_messages"])
        #expect(try await fleet.plan().hasChanges == false)
    }

    @Test func aSettingLeftOutIsNoLongerManagedAndNothingIsSent() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", Self.botYAML("    supportsInlineQueries: true\n    callbackQueryMode: auto\n"))
        try await fleet.apply()
        let before = await Self.settingsCalls(fleet).count
        try fleet.write("bots/alpha.yaml", Self.botYAML("    callbackQueryMode: inline\n"))
        let plan = try await fleet.plan()
        let fields = try #require(plan.actionable.first).fields
        #expect(fields.first { $0.path == "settings.supports_inline_queries" }?.note == "no longer managed: left as it is, nothing is sent")
        let mode = fields.first { $0.path == "settings.callback_query_mode" }
        #expect(mode?.before == "auto" && mode?.after == "inline", "the before-value of a write-only setting is the one applied")
        try await fleet.apply()
        let calls = await Self.settingsCalls(fleet)
        #expect(calls.count == before + 1)
        #expect(calls.last?.params.keys.sorted() == ["callback_query_mode"], "inline mode is not sent: it is no longer managed")
        #expect(try await fleet.plan().hasChanges == false)
    }
}
