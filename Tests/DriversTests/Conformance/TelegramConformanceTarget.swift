import Drivers
import Foundation
import Sandbox

/// The Telegram driver on the sandbox: a bot with a profile and commands, its webhook with a secret, and a
/// channel it administers (its title managed, its rights checked).
final class TelegramConformanceTarget: ConformanceTarget {
    let fleet: TelegramFleetHarness

    init() async throws {
        fleet = try await TelegramFleetHarness(bots: ["alpha"], chats: [
            SandboxChat(id: -1_001_600_000_001, type: .channel, username: "conformance_news", title: "Old title",
                        members: ["7000000": .init(status: "administrator", rights: ["can_change_info", "can_post_messages"])]),
        ])
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha") + "---\n" + TelegramFleetHarness.webhookYAML("alpha"))
        try fleet.write("channels/news.yaml", """
            apiVersion: botops/v1
            kind: Channel
            metadata: {name: news}
            spec:
              chat: "@conformance_news"
              bot: alpha
              title: Conformance News
              botRights: {canPostMessages: true}
            """)
    }

    var folder: String { fleet.folder }
    var catalog: DriverCatalog { fleet.catalog }
    var environment: [String: String] { fleet.environment }
    var secrets: [String] { Array(fleet.environment.values) }
    /// Bots carry no marker: what botops set is known from the inventory alone.
    var hasMarker: Bool { false }

    func breakEndpoint() throws {
        try rewriteProject { $0.replacingOccurrences(of: fleet.sandbox.baseURL, with: "http://127.0.0.1:1") }
    }

    /// Commands for a scope and language nobody declared, and a channel's description nobody declared:
    /// botops neither reads nor removes them.
    func changeUnknownLiveFields() async throws {
        try await fleet.callDirectly("alpha", "setChatDescription", #"{"chat_id": "@conformance_news", "description": "By hand"}"#)
        try await fleet.callDirectly("alpha", "setMyCommands", """
            {"commands": [{"command": "hallo", "description": "Hallo"}], "scope": {"type": "all_group_chats"}, "language_code": "de"}
            """)
    }

    func shutdown() async { await fleet.shutdown() }
}
