import ArgumentParser
import Drivers
import Foundation
import Logging
import Reconciler
import Spec

/// `botops import telegram`: live bots (and the chats they administer) as Bot, Webhook and Channel documents.
struct ImportTelegramCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "telegram",
        abstract: "Write Bot, Webhook and Channel documents for live bots, as they are.",
        discussion: """
            Tokens are written as the references named (--token-env VAR is {fromEnv: VAR}), never as values. A webhook's \
            secret cannot be read back: it is written as a reference the first apply sets. A downloaded photo is written next \
            to its document, and the state learns which live photo it is (under its lock), so it is not uploaded again. \
            Never overwrites a file: if any file to write exists, nothing is written.
            """
    )

    @Option(name: .customLong("token-env"), help: ArgumentHelp(
        "The environment variable holding a bot's token, and optionally its document's name (default: from its username). Repeatable.",
        valueName: "VAR[=NAME]"))
    var tokenEnv: [String] = []

    @Option(help: ArgumentHelp("Languages to ask for texts and commands in besides the default: auto (every ISO 639-1 code, "
        + "about 7 calls per code per bot) or a comma-separated list such as en,ru.", valueName: "auto|LIST"))
    var languages = ""

    @Option(name: .customLong("chat-scope"), help: ArgumentHelp(
        "A chat whose own command lists (scopes chat and chat_administrators) are asked for. Repeatable.", valueName: "CHAT"))
    var chatScopes: [String] = []

    @Option(name: .customLong("chat"), help: ArgumentHelp(
        "A chat a bot administers, written as a Channel document (title, description, photo, the bot's rights). Repeatable.",
        valueName: "CHAT[=NAME]"))
    var chats: [String] = []

    @Option(help: ArgumentHelp("The repository or configuration folder to write into.", valueName: "dir"))
    var out = "."

    @Option(help: ArgumentHelp("Bot API base URL (default: the Project's telegram.apiURL in --out, BOTOPS_TELEGRAM_API_URL, "
        + "or https://api.telegram.org).", valueName: "url"))
    var telegramApiUrl: String?

    @Option(help: "Each bot's pace of Telegram calls a second while probing.")
    var telegramBotRate: Double = 20

    @Option(help: ArgumentHelp("Where the state is (as for plan): file:PATH, postgres or postgres://URL; default: the Project's.",
                               valueName: "store"))
    var state: String?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard !tokenEnv.isEmpty else { throw ValidationError("name at least one bot: --token-env VAR[=NAME]") }
    }

    func execute() async throws {
        try await Terminal.reporting {
            let layout = ConfigLayout.locate(out)
            let existing = FileManager.default.fileExists(atPath: layout.configRoot + "/botops.yaml")
                ? try FleetSession.load(DirectorySource(root: layout.configRoot)) : nil
            let baseURL = telegramApiUrl ?? ProcessInfo.processInfo.environment["BOTOPS_TELEGRAM_API_URL"]
                ?? existing?.project.telegramAPIURL ?? Project.defaultTelegramAPIURL
            let catalog = DriverCatalog(telegramAPIURL: baseURL, telegramPerBotPerSecond: telegramBotRate)
            let client = catalog.telegramClient(for: existing?.project ?? Project(metadata: ResourceMetadata(
                name: "import", location: SourceLocation(file: "botops.yaml", line: 1, column: 1))), logger: CommandLogging.logger(verbose: false))
            let options = TelegramImporter.Options(languages: try parsedLanguages(), chatScopes: try chatScopes.map(Self.chat),
                                                   chats: try chats.map(Self.chatSource))
            let fleet = await TelegramImporter(client: client).run(try tokenEnv.map(Self.botSource), options: options)
            await catalog.close()
            try await ImportReport(fleet: fleet, layout: layout, state: state).finish()
        }
    }

    private func parsedLanguages() throws -> TelegramImporter.Languages {
        if languages == "auto" { return .auto }
        let codes = languages.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for code in codes where !TelegramRules.isValidLanguageCode(code) {
            throw ValidationError("--languages: '\(code)' is not a two-letter ISO 639-1 code such as en or ru")
        }
        return .list(codes)
    }

    static func botSource(_ text: String) throws -> TelegramImporter.BotSource {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard let variable = parts.first, !variable.isEmpty else { throw ValidationError("--token-env takes VAR or VAR=NAME") }
        if parts.count == 2, !ResourceMetadata.isValidName(parts[1]) {
            throw ValidationError("--token-env \(text): '\(parts[1])' cannot name a document (lowercase letters, digits and '-')")
        }
        return TelegramImporter.BotSource(variable: variable, name: parts.count == 2 ? parts[1] : nil)
    }

    static func chat(_ text: String) throws -> ChatReference {
        if let id = Int64(text), id < 0 { return .id(id) }
        if text.hasPrefix("@"), text.count > 1 { return .username(text) }
        throw ValidationError("'\(text)' is not a chat: give an @username or a numeric id such as -1001234567890")
    }

    static func chatSource(_ text: String) throws -> TelegramImporter.ChatSource {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        if parts.count == 2, !ResourceMetadata.isValidName(parts[1]) {
            throw ValidationError("--chat \(text): '\(parts[1])' cannot name a document (lowercase letters, digits and '-')")
        }
        return TelegramImporter.ChatSource(chat: try chat(parts.first ?? text), name: parts.count == 2 ? parts[1] : nil)
    }
}
