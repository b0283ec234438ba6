import Crypto
import Foundation
import Reconciler
import Spec

/// Reads one live bot into its Bot document and, when a webhook is set, its Webhook document: every text
/// and command set in the languages and scopes asked for, the menu button, the default rights, the settings
/// getMe reports, the photo (downloaded) and the webhook.
struct BotReader: Sendable {
    var session: CountingSession
    let name: String
    let options: TelegramImporter.Options

    /// The scopes asked for in every language: the four Telegram names, then each chat named.
    var scopes: [CommandScope] {
        [.default, .allPrivateChats, .allGroupChats, .allChatAdministrators]
            + options.chatScopes.flatMap { [CommandScope.chat($0), .chatAdministrators($0)] }
    }

    mutating func read(me: JSONValue, username: String, token: SecretReference, now: Date) async throws(ResourceError) -> ImportedFleet {
        var fleet = ImportedFleet()
        let languages = options.languages.codes
        var profile: [YAMLEntry] = []
        var byLanguage: [YAMLEntry] = []
        for language in [""] + languages {
            let texts = try await texts(language)
            if language.isEmpty {
                profile = texts
            } else if !texts.isEmpty {
                byLanguage.append(YAMLEntry(language, .mapping(texts)))
            }
        }
        if !byLanguage.isEmpty { profile.append(YAMLEntry("languages", .mapping(byLanguage))) }
        let photo = try await readPhoto()
        if let photo {
            profile.append(YAMLEntry("photo", .string(photo.file)))
            fleet.assets.append(ImportedFleet.Asset(path: "\(ConfigLayout.folder(of: .bot))/\(photo.file)", bytes: photo.bytes,
                                                    document: ConfigLayout.documentPath(.bot, name)))
            fleet.inventory.append(InventoryEntry(address: ResourceAddress(.bot, name), attributes: [
                TelegramDriver.photoAttribute: photo.value,
                TelegramDriver.uploadAttribute: .object(["value": photo.value, "fileUniqueID": .string(photo.uniqueID)]),
            ]))
        }
        var commandSets: [YAMLTree] = []
        for scope in scopes {
            for language in [""] + languages {
                let list = try await session.call("getMyCommands", ["scope": TelegramValues.scopeJSON(scope), "language_code": .string(language)])
                guard let commands = list.arrayValue, !commands.isEmpty else { continue }
                commandSets.append(.mapping([
                    scope == .default ? nil : YAMLEntry("scope", Self.scope(scope)),
                    language.isEmpty ? nil : YAMLEntry("language", .string(language)),
                    YAMLEntry("commands", .sequence(commands.map(Self.command))),
                ].compactMap { $0 }))
            }
        }
        let menu = try await menuButton(), rights = try await rights()
        let spec: [YAMLEntry?] = [
            YAMLEntry("token", .flow([YAMLEntry("fromEnv", .string(Self.variable(of: token)))])),
            profile.isEmpty ? nil : YAMLEntry("profile", .mapping(profile)),
            commandSets.isEmpty ? nil : YAMLEntry("commands", .sequence(commandSets)),
            menu,
            rights,
            settings(me),
        ]
        var header = ["Imported from @\(username) by botops import telegram on \(now.formatted(.iso8601.year().month().day())).",
                      languageNote(languages, calls: session.calls + 1)]
        if options.chatScopes.isEmpty {
            header.append("Commands for one chat (scopes chat, chat_administrators) were not asked for: name chats with --chat-scope.")
        }
        header.append("Commands for one member of a chat (scope chat_member) cannot be discovered; add them by hand.")
        fleet.documents.append(ResourceDocument(kind: .bot, name: name, header: header, spec: .mapping(spec.compactMap { $0 })))
        if let (webhook, secret) = try await webhook() {
            fleet.documents.append(webhook)
            fleet.notes.append("Webhook/\(name): export \(secret) with the secret the gateway behind it is to check. Telegram cannot "
                + "give the current one back, so the first apply sets this one: roll it out to the gateway in the same change, "
                + "or the gateway refuses Telegram's deliveries.")
        }
        return fleet
    }

    /// `calls`: what reading the bot cost, the webhook's one call included.
    private func languageNote(_ languages: [String], calls: Int) -> String {
        switch options.languages {
        case .auto: return "Texts and commands were asked for in every ISO 639-1 language (\(languages.count) codes, \(calls) calls)."
        case .list where languages.isEmpty:
            return "Only the default language was asked for: --languages auto (or a list) finds texts in others."
        case .list: return "Texts and commands were asked for in the default language and \(languages.joined(separator: ", "))."
        }
    }

    static func variable(of reference: SecretReference) -> String {
        switch reference.origin {
        case let .environment(name): return name
        case let .file(path): return path
        }
    }

    /// The three texts of one language, those set.
    private mutating func texts(_ language: String) async throws(ResourceError) -> [YAMLEntry] {
        var entries: [YAMLEntry] = []
        for (method, field, key) in [("getMyName", "name", "name"), ("getMyDescription", "description", "description"),
                                     ("getMyShortDescription", "short_description", "shortDescription")] {
            let text = try await session.call(method, ["language_code": .string(language)])[field]?.stringValue ?? ""
            if !text.isEmpty { entries.append(YAMLEntry(key, .string(text))) }
        }
        return entries
    }

    static func scope(_ scope: CommandScope) -> YAMLTree {
        switch scope {
        case let .chat(chat), let .chatAdministrators(chat):
            return .flow([YAMLEntry("type", .string(scope.type)), YAMLEntry("chatId", Self.chat(chat))])
        case let .chatMember(chat, user):
            return .flow([YAMLEntry("type", .string(scope.type)), YAMLEntry("chatId", Self.chat(chat)), YAMLEntry("userId", .int(user))])
        default:
            return .string(scope.type)
        }
    }

    static func chat(_ chat: ChatReference) -> YAMLTree {
        switch chat {
        case let .id(id): return .int(id)
        case let .username(name): return .string(name)
        }
    }

    static func command(_ entry: JSONValue) -> YAMLTree {
        .flow([
            YAMLEntry("command", .string(entry["command"]?.stringValue ?? "")),
            YAMLEntry("description", .string(entry["description"]?.stringValue ?? "")),
            entry["is_ephemeral"]?.boolValue == true ? YAMLEntry("isEphemeral", .bool(true)) : nil,
        ].compactMap { $0 })
    }

    private mutating func menuButton() async throws(ResourceError) -> YAMLEntry? {
        let button = try await session.call("getChatMenuButton")
        switch button["type"]?.stringValue {
        case "commands": return YAMLEntry("menuButton", .string("commands"))
        case "web_app":
            return YAMLEntry("menuButton", .mapping([YAMLEntry("type", .string("web_app")),
                                                     YAMLEntry("text", .string(button["text"]?.stringValue ?? "")),
                                                     YAMLEntry("url", .string(button["web_app"]?["url"]?.stringValue ?? ""))]))
        default: return nil
        }
    }

    /// The rights held, written true; `canManageTags` also when it differs from `canPinMessages`, which
    /// Telegram (and botops) take it to follow when it is not given.
    private mutating func rights() async throws(ResourceError) -> YAMLEntry? {
        var audiences: [YAMLEntry] = []
        for (audience, forChannels) in [("groups", false), ("channels", true)] {
            let observed = try await session.call("getMyDefaultAdministratorRights", ["for_channels": .bool(forChannels)])
            var entries: [YAMLEntry] = []
            for field in TelegramRules.administratorRightsFields where observed[field]?.boolValue == true {
                entries.append(YAMLEntry(CaseStyle.camel(fromSnake: field), .bool(true)))
            }
            let pins = observed["can_pin_messages"]?.boolValue ?? false, tags = observed["can_manage_tags"]?.boolValue ?? false
            if pins && !tags { entries.append(YAMLEntry(CaseStyle.camel(fromSnake: "can_manage_tags"), .bool(false))) }
            if !entries.isEmpty { audiences.append(YAMLEntry(audience, .mapping(entries))) }
        }
        return audiences.isEmpty ? nil : YAMLEntry("administratorRights", .mapping(audiences))
    }

    /// Every setting getMe reports, as it is; the three Telegram does not report are named in a comment.
    private func settings(_ me: JSONValue) -> YAMLEntry {
        var entries: [YAMLEntry] = []
        for setting in BotSetting.allCases where setting.isReadable {
            let value = me[setting.parameter] ?? setting.unsetValue
            switch value {
            case let .bool(flag): entries.append(YAMLEntry(setting.rawValue, .bool(flag)))
            case let .string(text) where !text.isEmpty: entries.append(YAMLEntry(setting.rawValue, .string(text)))
            case let .int(number): entries.append(YAMLEntry(setting.rawValue, .int(Int64(number))))
            default: break
            }
        }
        let unreadable = BotSetting.allCases.filter { !$0.isReadable }.map(\.rawValue)
        entries.insert(YAMLEntry("", nil, comment: [
            "As getMe reports them; remove one to stop managing it. Telegram does not report",
            unreadable.joined(separator: ", ") + ": write them to manage them.",
        ]), at: 0)
        return YAMLEntry("settings", .mapping(entries))
    }

    /// The current photo, downloaded: the file's name next to the document, the value the driver compares and
    /// the live unique id it is recognised by.
    private mutating func readPhoto() async throws(ResourceError) -> (file: String, bytes: [UInt8], value: JSONValue, uniqueID: String)? {
        guard let botID = session.session.botID else { return nil }
        let list = try await session.call("getUserProfilePhotos", ["user_id": .int(Int(botID)), "limit": .int(1)])
        guard let uniqueID = TelegramDriver.currentUniqueID(list),
              let sizes = list["photos"]?.arrayValue?.first?.arrayValue,
              let largest = sizes.first(where: { $0["file_unique_id"]?.stringValue == uniqueID }),
              let fileID = largest["file_id"]?.stringValue else { return nil }
        let bytes = try await session.download(fileID: fileID)
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let file = "\(name).jpg"
        return (file, bytes, .string("image sha256:\(digest.prefix(16))"), uniqueID)
    }

    /// The Webhook document when a webhook is set. Its secret cannot be read back: written as a reference
    /// the first apply sets, with what that means for the gateway.
    private mutating func webhook() async throws(ResourceError) -> (ResourceDocument, secret: String)? {
        let info = try await session.call("getWebhookInfo")
        guard let url = info["url"]?.stringValue, !url.isEmpty else { return nil }
        let secret = name.uppercased().replacingOccurrences(of: "-", with: "_") + "_WEBHOOK_SECRET"
        var entries: [YAMLEntry] = [
            YAMLEntry("bot", .string(name)),
            YAMLEntry("url", .string(url)),
            YAMLEntry("secretToken", .flow([YAMLEntry("fromEnv", .string(secret))]), comment: [
                "Telegram never gives a webhook's secret back: the first apply sets this one. Give the gateway behind",
                "the URL the same secret in the same rollout, or it refuses Telegram's deliveries.",
            ]),
            YAMLEntry("maxConnections", .int(Int64(info["max_connections"]?.intValue ?? TelegramRules.defaultMaxConnections))),
        ]
        if let updates = info["allowed_updates"]?.arrayValue?.compactMap(\.stringValue), !updates.isEmpty {
            entries.append(YAMLEntry("allowedUpdates", .sequence(updates.sorted().map(YAMLTree.string))))
        }
        if let ip = info["ip_address"]?.stringValue, !ip.isEmpty {
            entries.append(YAMLEntry("ipAddress", .string(ip), comment: [
                "The address Telegram resolved the host to; pinning it is a choice (uncomment to pin).",
            ], commentedOut: true))
        }
        var header = ["Imported from the webhook of Bot/\(name) by botops import telegram."]
        if info["has_custom_certificate"]?.boolValue == true {
            header.append("Telegram holds a self-signed certificate for it, which botops does not manage: the first apply sets the")
            header.append("webhook without it. Use a certificate Telegram trusts before applying.")
        }
        return (ResourceDocument(kind: .webhook, name: name, header: header, spec: .mapping(entries)), secret)
    }
}
