import Drivers
import Foundation

/// The Telegram driver on the sandbox: a bot with a profile and commands, and its webhook with a secret.
final class TelegramConformanceTarget: ConformanceTarget {
    let fleet: TelegramFleetHarness

    init() async throws {
        fleet = try await TelegramFleetHarness(bots: ["alpha"])
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha") + "---\n" + TelegramFleetHarness.webhookYAML("alpha"))
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

    /// Commands for a scope and language nobody declared: botops neither reads nor removes them.
    func changeUnknownLiveFields() async throws {
        try await fleet.callDirectly("alpha", "setMyCommands", """
            {"commands": [{"command": "hallo", "description": "Hallo"}], "scope": {"type": "all_group_chats"}, "language_code": "de"}
            """)
    }

    func shutdown() async { await fleet.shutdown() }
}
