import Drivers
import Foundation
import Reconciler
import Sandbox
import Spec
import Testing

/// The `channels` table workers read: each Channel's chat, bot and the rights it lacks, taken from the
/// Channel's observation (a data dependency, never Postgres calling Telegram); the row changes when a
/// right is lost or regained, and leaves with its Channel.
@Suite("Postgres: the channels table comes from the Channels' live checks", .timeLimit(.minutes(5)), .enabled(if: PostgresHarness.available), .serialized)
struct PostgresChannelRegistryTests {
    @Test func aRevokedRightReachesTheRowAndAChannelLeavingGitTakesItsRow() async throws {
        let url = try #require(PostgresHarness.url)
        let fleet = try await TelegramFleetHarness(bots: ["alpha"], chats: [
            SandboxChat(id: -1_001_600_000_001, type: .channel, username: "acme_news", title: "Old name",
                        members: ["7000000": .init(status: "administrator", rights: ["can_post_messages", "can_edit_messages", "can_change_info"])]),
        ])
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        defer { Task { await fleet.shutdown() } }
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: channels}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              postgres:
                url: {fromEnv: TEST_DATABASE_URL}
                schema: \(schema)
            """)
        try fleet.write("bots/alpha.yaml", "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: alpha}\nspec:\n  token: {fromEnv: ALPHA_TOKEN}\n")
        try fleet.write("channels/news.yaml", """
            apiVersion: botops/v1
            kind: Channel
            metadata: {name: news}
            spec:
              chat: "@acme_news"
              bot: alpha
              title: ACME News
              botRights: {canPostMessages: true, canEditMessages: true, canChangeInfo: true}
            """)
        let environment = ["TEST_DATABASE_URL": url]
        let db = try PostgresHarness()
        defer { Task { await db.shutdown(dropping: schema) } }
        let query = "SELECT name || ' ' || chat || ' ' || chat_id || ' ' || type || ' ' || title || ' ' || bot || ' ' "
            + "|| rights_declared::text || ' ' || rights_missing::text FROM \(schema).channels"

        let (_, report) = try await fleet.apply(environment: environment)
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        #expect(try await db.sql(query) == [#"news @acme_news -1001600000001 channel ACME News alpha ["can_change_info", "can_post_messages", "can_edit_messages"] []"#],
                "the title the apply set, not the one read before it")
        #expect(try await fleet.plan(environment: environment).hasChanges == false)

        try await fleet.setMember("@acme_news", bot: "alpha", status: "administrator", rights: ["can_post_messages", "can_change_info"])
        let lost = try await fleet.plan(environment: environment)
        #expect(lost.actionable.map(\.address) == [ResourceAddress(.channelRecord, "news")])
        #expect(lost.actionable.first?.fields.map(\.path) == ["rights_missing"], "\(lost.actionable.first?.fields ?? [])")
        try await fleet.apply(environment: environment)
        #expect(try await db.sql("SELECT rights_missing::text FROM \(schema).channels") == [#"["can_edit_messages"]"#])

        try fleet.remove("channels/news.yaml")
        try await fleet.apply(environment: environment)
        #expect(try await db.sql("SELECT count(*)::text FROM \(schema).channels") == ["0"], "the row leaves with its Channel")
    }
}
