import AsyncHTTPClient
@testable import Drivers
import Foundation
import Reconciler
import Sandbox
import Spec
import TestSupport
import Testing

/// Bots and chats configured by hand in the sandbox (never through botops), imported, then planned: the first
/// plan changes nothing but each webhook's secret, which Telegram cannot give back; one field changed in the
/// YAML is exactly one field in the plan.
@Suite("Import: Telegram round trip", .timeLimit(.minutes(5)))
struct TelegramImportRoundTripTests {
    static let newsID: Int64 = -1_001_700_000_001

    static func fleet() async throws -> TelegramFleetHarness {
        try await TelegramFleetHarness(bots: ["alpha", "beta", "gamma", "delta", "epsilon"], chats: [
            SandboxChat(id: newsID, type: .channel, username: "acme_news", title: "ACME News", description: "Twice a day",
                        members: ["7000000": .init(status: "administrator", rights: ["can_post_messages", "can_edit_messages", "can_change_info"])]),
            SandboxChat(id: -1_001_700_000_002, type: .supergroup, title: "ACME Chat",
                        members: ["7000001": .init(status: "creator")]),
        ])
    }

    /// What a team did over the years in BotFather and with curl.
    static func configureByHand(_ fleet: TelegramFleetHarness) async throws {
        for (method, body) in [
            ("setMyName", #"{"name": "Alpha: the first"}"#),
            ("setMyDescription", #"{"description": "Does things.\nSecond line, with \"quotes\"."}"#),
            ("setMyShortDescription", #"{"short_description": "yes"}"#),
            ("setMyName", #"{"name": "Альфа", "language_code": "ru"}"#),
            ("setMyDescription", #"{"description": "Делает всё", "language_code": "ru"}"#),
            ("setMyCommands", #"{"commands": [{"command": "start", "description": "Start"}, {"command": "help", "description": "Help: all of it"}]}"#),
            ("setMyCommands", #"{"commands": [{"command": "start", "description": "Начать"}], "language_code": "ru"}"#),
            ("setMyCommands", #"{"commands": [{"command": "ban", "description": "Ban someone"}], "scope": {"type": "all_chat_administrators"}}"#),
            ("setMyCommands", #"{"commands": [{"command": "post", "description": "Post now"}], "scope": {"type": "chat", "chat_id": "@acme_news"}}"#),
            ("setChatMenuButton", #"{"menu_button": {"type": "web_app", "text": "Open", "web_app": {"url": "https://app.example.com/alpha"}}}"#),
            ("setMyDefaultAdministratorRights", #"{"rights": {"can_pin_messages": true, "can_delete_messages": true}}"#),
            ("setMyDefaultAdministratorRights", #"{"rights": {"can_post_messages": true}, "for_channels": true}"#),
            ("setMySettings", #"{"supports_inline_queries": true, "inline_query_placeholder": "Search: anything", "can_join_groups": false}"#),
            ("setWebhook", #"{"url": "https://gw.example.com/tg/alpha", "secret_token": "hand-set-secret", "max_connections": 12, "allowed_updates": ["message", "callback_query"]}"#),
        ] {
            try await fleet.callDirectly("alpha", method, body)
        }
        try await TelegramPhotoTests.setByHand(fleet, TestMedia.jpeg())
        try await fleet.callDirectly("beta", "setMyName", #"{"name": "Beta"}"#)
        try await fleet.callDirectly("beta", "setMyName", #"{"name": "Бета", "language_code": "uk"}"#)
        try await fleet.callDirectly("gamma", "setMyCommands", #"{"commands": [{"command": "order", "description": "Order", "is_ephemeral": true}], "scope": {"type": "all_private_chats"}, "language_code": "en"}"#)
        try await fleet.callDirectly("gamma", "setChatMenuButton", #"{"menu_button": {"type": "commands"}}"#)
        try await fleet.callDirectly("gamma", "setWebhook", #"{"url": "https://gw.example.com/tg/gamma"}"#)
        try await fleet.callDirectly("delta", "setMySettings", #"{"can_read_all_group_messages": true, "has_topics_enabled": true, "has_topic_sidebar": true}"#)
        try await fleet.callDirectly("delta", "setMyShortDescription", #"{"short_description": "Delta, in English", "language_code": "en"}"#)
    }

    static func importer(_ fleet: TelegramFleetHarness) -> TelegramImporter {
        TelegramImporter(client: TelegramClient(baseURL: fleet.sandbox.baseURL, http: .shared, perBotPerSecond: 0),
                         secrets: SecretResolver(environment: fleet.environment), now: Date(timeIntervalSince1970: 1_796_500_000))
    }

    @Test func theFirstPlanAfterAnImportChangesOnlyTheWebhookSecret() async throws {
        let fleet = try await Self.fleet()
        defer { Task { await fleet.shutdown() } }
        try await Self.configureByHand(fleet)
        let imported = await Self.importer(fleet).run(
            [.init(variable: "ALPHA_TOKEN", name: "alpha"), .init(variable: "BETA_TOKEN"), .init(variable: "GAMMA_TOKEN"),
             .init(variable: "DELTA_TOKEN"), .init(variable: "EPSILON_TOKEN")],
            options: .init(languages: .list(["en", "ru", "uk"]), chatScopes: [.username("@acme_news")],
                           chats: [.init(chat: .username("@acme_news")), .init(chat: .id(-1_001_700_000_002), name: "chat")]))
        #expect(imported.failures.isEmpty, "\(imported.failures)")
        #expect(imported.documents.map(\.path).sorted() == ["bots/alpha.yaml", "bots/beta.yaml", "bots/delta.yaml", "bots/epsilon.yaml",
                                                            "bots/gamma.yaml", "channels/acme-news.yaml", "channels/chat.yaml",
                                                            "webhooks/alpha.yaml", "webhooks/gamma.yaml"])
        #expect(imported.assets.map(\.path) == ["bots/alpha.jpg"])
        #expect(imported.notes.contains { $0.hasPrefix("Webhook/alpha: export ALPHA_WEBHOOK_SECRET") })
        let layout = ConfigLayout.locate(fleet.folder)
        try imported.files(in: layout).write(into: layout.configRoot)
        _ = try await InventoryImport(store: FileStateStore(path: fleet.folder + "/.botops/state.json")).record(imported.inventory)

        let loaded = try SpecLoader().load(from: DirectorySource(root: fleet.folder))
        #expect(loaded.diagnostics.isEmpty, "what import writes validates: \(loaded.diagnostics)")
        let environment = ["ALPHA_WEBHOOK_SECRET": "new-secret-for-the-gateway", "GAMMA_WEBHOOK_SECRET": "another-secret"]
        await fleet.sandbox.clearCalls()
        let plan = try await fleet.plan(environment: environment)
        #expect(plan.actionable.map(\.address) == [ResourceAddress(.webhook, "alpha"), ResourceAddress(.webhook, "gamma")],
                "\(plan.actionable.map { "\($0.address) \($0.fields.map { "\($0.path): \(String(describing: $0.before)) -> \(String(describing: $0.after))" })" })")
        #expect(plan.actionable.allSatisfy { $0.fields.map(\.path) == ["secret_token"] && $0.fields.first?.sensitive == true })
        try await fleet.apply(environment: environment)
        #expect(await fleet.writes().map(\.method) == ["setWebhook", "setWebhook"], "the photo is not uploaded again, nothing else is sent")

        // One field changed in the YAML is one field in the plan.
        let path = fleet.folder + "/bots/beta.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "name: Beta\n", with: "name: Beta Two\n").write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try await fleet.plan(environment: environment)
        #expect(changed.actionable.map(\.address) == [ResourceAddress(.bot, "beta")])
        #expect(changed.actionable.first?.fields.map(\.path) == ["profile.default.name"])
    }

    @Test func theDocumentsSayWhatCouldNotBeReadAndNeverHoldASecret() async throws {
        let fleet = try await Self.fleet()
        defer { Task { await fleet.shutdown() } }
        try await Self.configureByHand(fleet)
        let imported = await Self.importer(fleet).run([.init(variable: "ALPHA_TOKEN", name: "alpha")], options: .init())
        let texts = imported.files(in: ConfigLayout.locate(fleet.folder)).filter { $0.path.hasSuffix(".yaml") }
            .map { String(decoding: $0.contents, as: UTF8.self) }
        for text in texts {
            #expect(!text.contains(fleet.tokens["alpha"]!) && !text.contains("hand-set-secret"))
        }
        let bot = try #require(texts.first { $0.contains("kind: Bot") })
        #expect(bot.contains("token: {fromEnv: ALPHA_TOKEN}"))
        #expect(bot.contains("Only the default language was asked for"))
        #expect(bot.contains("# inlineFeedbackShareDenominator, canCommunicateWithBots, callbackQueryMode: write them to manage them."))
        let webhook = try #require(texts.first { $0.contains("kind: Webhook") })
        #expect(webhook.contains("secretToken: {fromEnv: ALPHA_WEBHOOK_SECRET}"))
        #expect(webhook.contains("# ipAddress:"), "the resolved address is shown, not pinned")
        #expect(imported.calls > 10)
    }

    @Test func aRefusedTokenFailsItsBotAloneAndAChatNoBotAdministersIsNamed() async throws {
        let fleet = try await Self.fleet()
        defer { Task { await fleet.shutdown() } }
        var environment = fleet.environment
        environment["GONE_TOKEN"] = "7999999:AAHxxxxxxxxxxgoneQQQQQQQQQQQQQQQQQQQQQQQQ"
        let importer = TelegramImporter(client: TelegramClient(baseURL: fleet.sandbox.baseURL, http: .shared, perBotPerSecond: 0),
                                        secrets: SecretResolver(environment: environment))
        let imported = await importer.run([.init(variable: "GONE_TOKEN"), .init(variable: "BETA_TOKEN", name: "beta"),
                                           .init(variable: "MISSING_TOKEN")],
                                          options: .init(chats: [.init(chat: .username("@acme_news"))]))
        #expect(imported.documents.map(\.path) == ["bots/beta.yaml"])
        #expect(imported.failures.count == 3, "\(imported.failures)")
        #expect(imported.failures.first?.hasPrefix("GONE_TOKEN: Telegram refused the token") == true, "\(imported.failures)")
        #expect(imported.failures.contains { $0.hasPrefix("MISSING_TOKEN: environment variable MISSING_TOKEN is not set") })
        #expect(imported.failures.contains { $0.hasPrefix("@acme_news: no imported bot administers it") }, "\(imported.failures)")
        for failure in imported.failures { #expect(!failure.contains("gone"), "no token in a message: \(failure)") }
    }
}
