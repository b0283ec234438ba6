import Foundation
import Reconciler
import Spec

/// `botops import telegram`: reads live bots (and the chats they administer) and writes the documents that
/// declare them exactly as they are, so the first plan after an import changes nothing it could read.
///
/// Telegram cannot list the languages or the chat scopes a bot has texts for: they are asked for one by one
/// (every ISO 639-1 code with ``Languages/auto``), at the client's per-bot pace, and counted.
public struct TelegramImporter: Sendable {
    /// The languages to ask for texts and commands in, besides the default.
    public enum Languages: Sendable, Hashable {
        /// Every ISO 639-1 code: about 7 calls per code per bot.
        case auto
        case list([String])

        var codes: [String] {
            switch self {
            case .auto: return LanguageCodes.iso639_1
            case let .list(codes): return codes
            }
        }
    }

    /// One bot to import: the variable holding its token and, optionally, its document's name.
    public struct BotSource: Sendable, Hashable {
        public let variable: String
        public let name: String?

        public init(variable: String, name: String? = nil) {
            self.variable = variable
            self.name = name
        }
    }

    /// One chat to import as a Channel, and optionally its document's name.
    public struct ChatSource: Sendable, Hashable {
        public let chat: ChatReference
        public let name: String?

        public init(chat: ChatReference, name: String? = nil) {
            self.chat = chat
            self.name = name
        }
    }

    public struct Options: Sendable {
        public var languages: Languages
        /// Chats whose `chat` and `chat_administrators` command scopes are asked for.
        public var chatScopes: [ChatReference]
        public var chats: [ChatSource]

        public init(languages: Languages = .list([]), chatScopes: [ChatReference] = [], chats: [ChatSource] = []) {
            self.languages = languages
            self.chatScopes = chatScopes
            self.chats = chats
        }
    }

    let client: TelegramClient
    let secrets: SecretResolver
    let now: Date

    public init(client: TelegramClient, secrets: SecretResolver = SecretResolver(), now: Date = Date()) {
        self.client = client
        self.secrets = secrets
        self.now = now
    }

    /// Imports every bot, then every chat through the first imported bot that administers it. A bot or a
    /// chat that cannot be read is a failure of its own; the others are imported.
    public func run(_ bots: [BotSource], options: Options) async -> ImportedFleet {
        var fleet = ImportedFleet()
        var sessions: [ImportedBot] = []
        for source in bots {
            do throws(ResourceError) {
                let (imported, bot) = try await importBot(source, options: options)
                fleet.merge(imported)
                sessions.append(bot)
            } catch {
                fleet.failures.append("\(source.variable): \(error.message)")
            }
        }
        for chat in options.chats {
            fleet.merge(await importChat(chat, bots: &sessions))
        }
        fleet.calls += sessions.reduce(0) { $0 + $1.session.calls }
        return fleet
    }

    /// A bot imported: its name and the session later calls (its chats) go through.
    struct ImportedBot: Sendable {
        let name: String
        let token: SecretReference
        var session: CountingSession
        let botID: Int64
    }

    /// A name for a document from a Telegram username: `Pingme_Bot` → `pingme`.
    static func documentName(fromUsername username: String) -> String? {
        guard var name = ResourceMetadata.name(from: username) else { return nil }
        for suffix in ["-bot", "bot"] where name.hasSuffix(suffix) && name.count > suffix.count {
            name = String(name.dropLast(suffix.count)).trimmingCharacters(in: ["-"])
            break
        }
        return name
    }

    /// The reference a token is written as.
    static func tokenReference(_ variable: String) -> SecretReference {
        SecretReference(.environment(variable), location: SourceLocation(file: "--token-env", line: 1, column: 1))
    }

    func importBot(_ source: BotSource, options: Options) async throws(ResourceError) -> (ImportedFleet, ImportedBot) {
        let reference = Self.tokenReference(source.variable)
        let placeholder = ResourceAddress(.bot, source.name ?? source.variable.lowercased())
        let token: String
        do {
            token = try secrets.resolve(reference)
        } catch {
            throw ResourceError(address: placeholder, code: .readFailed, message: error.message)
        }
        var session = CountingSession(BotSession(client: client, token: token, reference: reference, address: placeholder, location: nil))
        let me = try await session.call("getMe")
        let username = me["username"]?.stringValue ?? source.variable
        guard let name = source.name ?? Self.documentName(fromUsername: username), ResourceMetadata.isValidName(name) else {
            throw ResourceError(address: placeholder, code: .readFailed,
                message: "'\(source.name ?? username)' cannot name a document; give one: --token-env \(source.variable)=<name>")
        }
        var reader = BotReader(session: session, name: name, options: options)
        let fleet = try await reader.read(me: me, username: username, token: reference, now: now)
        session = reader.session
        guard let botID = session.session.botID else {
            throw ResourceError(address: placeholder, code: .readFailed, message: "the token does not start with the bot's id")
        }
        return (fleet, ImportedBot(name: name, token: reference, session: session, botID: botID))
    }
}
