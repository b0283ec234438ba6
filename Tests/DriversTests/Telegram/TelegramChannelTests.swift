import AsyncHTTPClient
import Drivers
import Foundation
import Reconciler
import Sandbox
import Spec
import TestSupport
import Testing

/// Channels against the sandbox: the fields written converge with one call each and only when they differ;
/// the bot's rights are checked on every read and a missing one degrades the Channel without holding anything
/// back; a chat that cannot be read fails its Channel alone; a Channel leaving git is released, never deleted.
@Suite("Telegram: channels and groups", .timeLimit(.minutes(5)))
struct TelegramChannelTests {
    static let news = "@acme_news"
    static let newsID: Int64 = -1_001_500_000_001
    static let chatID: Int64 = -1_001_500_000_002

    static func fleet(newsRights: [String] = ["can_change_info", "can_post_messages", "can_edit_messages"]) async throws -> TelegramFleetHarness {
        let botID = "7000000"
        return try await TelegramFleetHarness(bots: ["alpha"], chats: [
            SandboxChat(id: newsID, type: .channel, username: "acme_news", title: "Old title",
                        members: [botID: .init(status: "administrator", rights: newsRights)]),
            SandboxChat(id: chatID, type: .supergroup, title: "ACME Chat",
                        members: [botID: .init(status: "administrator", rights: ["can_restrict_members", "can_change_info"])]),
        ])
    }

    static let botYAML = """
        apiVersion: botops/v1
        kind: Bot
        metadata: {name: alpha}
        spec:
          token: {fromEnv: ALPHA_TOKEN}

        """

    static func channelYAML(_ spec: String, name: String = "news", chat: String = news) -> String {
        "apiVersion: botops/v1\nkind: Channel\nmetadata: {name: \(name)}\nspec:\n  chat: \"\(chat)\"\n  bot: alpha\n" + spec
    }

    static let chatMethods: Set<String> = ["getChat", "getChatMember", "setChatTitle", "setChatDescription", "setChatPhoto",
                                           "deleteChatPhoto", "setChatPermissions"]

    /// The chat methods written, in order.
    static func writes(_ fleet: TelegramFleetHarness) async -> [String] {
        await fleet.writes().map(\.method).filter(chatMethods.contains)
    }

    @Test func titleAndDescriptionConvergeWithOneCallEachAndAHandChangeIsPutBack() async throws {
        let fleet = try await Self.fleet()
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", Self.botYAML)
        try fleet.write("channels/news.yaml", Self.channelYAML("  title: ACME News\n  description: News twice a day\n"))
        let plan = try await fleet.plan()
        let channel = try #require(plan.changes.first { $0.address == ResourceAddress(.channel, "news") })
        #expect(channel.action == .update && channel.fields.map(\.path) == ["description", "title"])
        #expect(channel.status == nil, "every right it needs is there")
        try await fleet.apply()
        #expect(await Self.writes(fleet) == ["setChatTitle", "setChatDescription"])
        await fleet.sandbox.clearCalls()
        #expect(try await fleet.plan().hasChanges == false)
        #expect(await fleet.sandbox.calls().map(\.method).filter(Self.chatMethods.contains).sorted() == ["getChat", "getChatMember"],
                "a converged channel costs one getChat and one getChatMember")

        try await fleet.callDirectly("alpha", "setChatTitle", #"{"chat_id": "@acme_news", "title": "Renamed by hand"}"#)
        let drifted = try await fleet.plan()
        #expect(drifted.actionable.map(\.address) == [ResourceAddress(.channel, "news")])
        #expect(drifted.actionable.first?.fields.map(\.path) == ["title"], "the description did not change, so it is not sent")
        await fleet.sandbox.clearCalls()
        try await fleet.apply()
        #expect(await Self.writes(fleet) == ["setChatTitle"])
        #expect(try await fleet.plan().hasChanges == false)
    }

    @Test func aMissingRightDegradesTheChannelAndNothingIsHeldBack() async throws {
        let fleet = try await Self.fleet(newsRights: ["can_change_info", "can_post_messages"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", Self.botYAML)
        try fleet.write("channels/news.yaml", Self.channelYAML("""
              title: ACME News
              botRights:
                canPostMessages: true
                canEditMessages: true

            """))
        let plan = try await fleet.plan()
        let channel = try #require(plan.changes.first { $0.address == ResourceAddress(.channel, "news") })
        #expect(channel.health == .degraded)
        #expect(channel.status == "degraded: Bot/alpha lacks Edit messages in @acme_news; ask an owner of @acme_news to grant the bot Edit messages")
        #expect(TextPlanRenderer().render(plan).contains("Channel/news: degraded: Bot/alpha lacks Edit messages"))
        try await fleet.apply()
        #expect(await Self.writes(fleet) == ["setChatTitle"], "the title still converges: the bot may change it")
        let store = FileStateStore(path: fleet.folder + "/.botops/state.json")
        let shown = StatusRenderer().render(inventory: try await store.load(), lastRun: try await store.history(limit: 1).first, store: "test")
        #expect(shown.contains("Channel/news  synced (updated), degraded: Bot/alpha lacks Edit messages in @acme_news"),
                "a run that changed it still records what it lacks: \(shown)")

        // Between two passes an owner takes posting away as well, then demotes the bot to a plain member.
        try await fleet.setMember(Self.news, bot: "alpha", status: "administrator", rights: ["can_change_info"])
        #expect(try await fleet.plan().changes.first { $0.address.kind == .channel }?.status?
                    .hasPrefix("degraded: Bot/alpha lacks Post messages and Edit messages in @acme_news") == true)
        try await fleet.setMember(Self.news, bot: "alpha", status: "member")
        let demoted = try await fleet.plan().changes.first { $0.address.kind == .channel }
        #expect(demoted?.status?.contains("lacks Change info, Post messages and Edit messages") == true, "\(String(describing: demoted?.status))")
        try await fleet.setMember(Self.news, bot: "alpha", status: "administrator",
                                  rights: ["can_change_info", "can_post_messages", "can_edit_messages"])
        #expect(try await fleet.plan().changes.first { $0.address.kind == .channel }?.status == nil, "regained")
    }

    @Test func aChatThatCannotBeReadFailsItsChannelAloneAndACheckOnlyChannelNeverWrites() async throws {
        let fleet = try await Self.fleet()
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", Self.botYAML + "  profile: {name: Alpha}\n")
        try fleet.write("channels/news.yaml", Self.channelYAML("  botRights: {canPostMessages: true}\n"))
        try fleet.write("channels/gone.yaml", Self.channelYAML("  title: Gone\n", name: "gone", chat: "@acme_gone"))
        let plan = try await fleet.session().plan()
        let failure = try #require(plan.unknown.first)
        #expect(plan.unknown.count == 1 && failure.address == ResourceAddress(.channel, "gone"))
        #expect(failure.message.hasPrefix("@acme_gone was not found: it does not exist, or the bot has never been a member"))
        #expect(failure.location?.file.hasSuffix("channels/gone.yaml") == true)
        #expect(plan.changes.contains { $0.address == ResourceAddress(.bot, "alpha") && $0.action == .update }, "the bot is still planned")
        try fleet.remove("channels/gone.yaml")
        try await fleet.apply()
        #expect(await Self.writes(fleet).isEmpty, "a Channel writing only chat, bot and botRights is a pure check")
    }

    @Test func permissionsAndAPhotoConvergeAndAChannelLeavingGitIsReleased() async throws {
        let fleet = try await Self.fleet()
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", Self.botYAML)
        try fleet.write("channels/chat.yaml", Self.channelYAML("""
              photo: chat.jpg
              memberPermissions: {canSendMessages: true, canSendPhotos: true}

            """, name: "chat", chat: String(Self.chatID)))
        try Data(TestMedia.jpeg()).write(to: URL(fileURLWithPath: fleet.folder + "/channels/chat.jpg"))
        try await fleet.apply()
        #expect(await Self.writes(fleet) == ["setChatPermissions", "setChatPhoto"])
        let sent = await fleet.writes().first { $0.method == "setChatPermissions" }
        #expect(sent?.params["use_independent_chat_permissions"] == .bool(true))
        #expect(try await fleet.plan().hasChanges == false)

        try fleet.remove("channels/chat.yaml")
        let released = try await fleet.plan()
        #expect(released.changes.first { $0.address.kind == .channel }?.cause == .release)
        #expect(TextPlanRenderer().render(released).contains("no longer managed (left as they are, nothing is sent):\n  - Channel/chat"))
        await fleet.sandbox.clearCalls()
        try await fleet.apply()
        #expect(await Self.writes(fleet).isEmpty)
        #expect(try await fleet.inventory().resources[ResourceAddress(.channel, "chat")] == nil, "the inventory forgets it")
    }

    @Test func aPhotoRemovedByHandIsDriftAndNoneDeletesIt() async throws {
        let fleet = try await Self.fleet()
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", Self.botYAML)
        try fleet.write("channels/news.yaml", Self.channelYAML("  photo: news.jpg\n"))
        try Data(TestMedia.jpeg()).write(to: URL(fileURLWithPath: fleet.folder + "/channels/news.jpg"))
        try await fleet.apply()
        #expect(await Self.writes(fleet) == ["setChatPhoto"])
        #expect(try await fleet.plan().hasChanges == false, "the same file and the photo Telegram keeps: nothing to send")

        try await fleet.callDirectly("alpha", "deleteChatPhoto", #"{"chat_id": "@acme_news"}"#)
        let drifted = try await fleet.plan()
        #expect(drifted.actionable.map(\.address) == [ResourceAddress(.channel, "news")])
        #expect(drifted.actionable.first?.fields.map(\.path) == ["photo"])
        await fleet.sandbox.clearCalls()
        try await fleet.apply()
        #expect(await Self.writes(fleet) == ["setChatPhoto"], "put back from the file in git")

        try fleet.write("channels/news.yaml", Self.channelYAML("  photo: none\n"))
        await fleet.sandbox.clearCalls()
        try await fleet.apply()
        #expect(await Self.writes(fleet) == ["deleteChatPhoto"])
        #expect(try await fleet.plan().hasChanges == false)
    }

    @Test func aChatOfAnotherTypeThanItsSpecSaysIsAnError() async throws {
        let fleet = try await Self.fleet()
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", Self.botYAML)
        try fleet.write("channels/chat.yaml", Self.channelYAML("  type: channel\n", name: "chat", chat: String(Self.chatID)))
        let plan = try await fleet.session().plan()
        #expect(plan.unknown.first?.message == "\(Self.chatID) is a supergroup, but the Channel's spec makes it a channel; correct 'spec.type' or the rights")
    }
}
