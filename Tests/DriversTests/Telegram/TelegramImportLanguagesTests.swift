@testable import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// Telegram cannot list the languages a bot has texts in: `--languages auto` asks in every ISO 639-1 code,
/// finds texts and commands in the rarest, and says what it cost.
@Suite("Import: every language asked for", .timeLimit(.minutes(5)))
struct TelegramImportLanguagesTests {
    @Test func autoFindsTextsInAnyLanguageAndCountsItsCalls() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try await fleet.callDirectly("alpha", "setMyDescription", #"{"description": "Isizulu", "language_code": "zu"}"#)
        try await fleet.callDirectly("alpha", "setMyCommands", #"{"commands": [{"command": "go", "description": "Go"}], "language_code": "aa", "scope": {"type": "all_group_chats"}}"#)
        await fleet.sandbox.clearCalls()
        let importer = TelegramImporter(client: TelegramClient(baseURL: fleet.sandbox.baseURL, http: .shared, perBotPerSecond: 0),
                                        secrets: SecretResolver(environment: fleet.environment))
        let imported = await importer.run([.init(variable: "ALPHA_TOKEN", name: "alpha")], options: .init(languages: .auto))
        let codes = LanguageCodes.iso639_1.count
        #expect(codes == 184)
        // getMe; 3 texts and 4 command scopes per language and the default; menu, 2 rights, photos, webhook.
        let expected = 1 + (codes + 1) * (3 + 4) + 1 + 2 + 1 + 1
        #expect(imported.calls == expected)
        #expect(await fleet.sandbox.calls().count == expected, "the count is the calls Telegram saw")
        let text = String(decoding: try #require(imported.files(in: ConfigLayout.locate(fleet.folder)).first).contents, as: UTF8.self)
        #expect(text.contains("    languages:\n      zu:\n        description: Isizulu\n"), "\(text)")
        #expect(text.contains("    - scope: all_group_chats\n      language: aa\n      commands:\n        - {command: go, description: Go}\n"))
        #expect(text.contains("every ISO 639-1 language (184 codes, \(expected) calls)"))
    }
}
