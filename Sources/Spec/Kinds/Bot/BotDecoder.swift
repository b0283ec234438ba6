import Foundation

/// Reads a `Bot` spec and checks it against Telegram's limits.
struct BotDecoder {
    let spec: MappingReader
    let metadata: ResourceMetadata
    var context: ReadContext { spec.context }

    func decode() -> Bot? {
        spec.rejectUnknownKeys(["token", "profile", "commands", "menuButton", "administratorRights", "settings"])
        let token = spec.secret("token", required: true)
        let profile = spec.mapping("profile").map(readProfile) ?? BotProfile()
        let commands = spec.sequence("commands").map(readCommandSets) ?? []
        let menuButton: MenuButton? = spec.node("menuButton").map(readMenuButton) ?? .default
        let rights = spec.mapping("administratorRights").map(readRights) ?? AdministratorRights()
        let settings = spec.mapping("settings").map(readSettings) ?? BotSettings()
        guard let token, let menuButton else { return nil }
        return Bot(metadata: metadata, token: token, profile: profile, commands: commands,
                   menuButton: menuButton, administratorRights: rights, settings: settings)
    }

    private func readTexts(_ reader: MappingReader) -> ProfileTexts {
        var texts = ProfileTexts()
        if let name = reader.string("name") {
            reader.checkLength("name", name, max: TelegramRules.maxNameLength)
            texts.name = name
        }
        if let description = reader.string("description") {
            reader.checkLength("description", description, max: TelegramRules.maxDescriptionLength)
            texts.description = description
        }
        if let short = reader.string("shortDescription") {
            reader.checkLength("shortDescription", short, max: TelegramRules.maxShortDescriptionLength)
            texts.shortDescription = short
        }
        return texts
    }

    private func readProfile(_ reader: MappingReader) -> BotProfile {
        reader.rejectUnknownKeys(["name", "description", "shortDescription", "languages", "photo"])
        var profile = BotProfile(texts: readTexts(reader), photo: PhotoReader(context: context, animations: true).read(reader))
        if let languages = reader.mapping("languages") {
            for (code, keyNode) in languages.keys {
                guard TelegramRules.isValidLanguageCode(code) else {
                    context.sink.error(.telegramLimit, at: context.location(of: keyNode),
                        "language code '\(code)' in '\(languages.path)' must be two lowercase letters (ISO 639-1), like en or ru")
                    continue
                }
                guard let texts = languages.mapping(code) else { continue }
                texts.rejectUnknownKeys(["name", "description", "shortDescription"])
                profile.languages[code] = readTexts(texts)
            }
        }
        return profile
    }

    private func readCommandSets(_ nodes: [YAMLNode]) -> [CommandSet] {
        var sets: [CommandSet] = []
        var seen: [String: SourceLocation] = [:]
        for (index, node) in nodes.enumerated() {
            let path = "spec.commands[\(index)]"
            guard let reader = MappingReader(node, path: path, context: context) else { continue }
            reader.rejectUnknownKeys(["scope", "language", "commands"])
            let scope = reader.node("scope").map { readScope($0, path: reader.childPath("scope")) } ?? .default
            var language: String?
            var languageValid = true
            if let code = reader.string("language") {
                if TelegramRules.isValidLanguageCode(code) {
                    language = code
                } else {
                    languageValid = false
                    context.sink.error(.telegramLimit, at: reader.valueLocation("language"),
                        "'\(reader.childPath("language"))' must be two lowercase letters (ISO 639-1), like en or ru, not '\(code)'")
                }
            } else if reader.has("language") {
                languageValid = false
            }
            let commands = reader.sequence("commands", required: true).flatMap {
                readCommands($0, path: reader.childPath("commands"), reader: reader)
            }
            // A set whose scope or language is wrong cannot be compared with the others.
            guard let scope, let commands, languageValid else { continue }
            let key = "\(scope) \(language ?? "")"
            if let first = seen[key] {
                context.sink.error(.duplicate, at: reader.location,
                    "a second command set for scope \(scope) and \(language.map { "language \($0)" } ?? "all languages"); "
                    + "the first is at \(first); merge them")
                continue
            }
            seen[key] = reader.location
            sets.append(CommandSet(scope: scope, language: language, commands: commands, location: reader.location))
        }
        return sets
    }

    private func readCommands(_ nodes: [YAMLNode], path: String, reader parent: MappingReader) -> [BotCommand]? {
        if nodes.isEmpty {
            context.sink.error(.invalidValue, at: parent.valueLocation("commands"),
                "'\(path)' is empty; list at least one command, or remove the set to clear it")
            return nil
        }
        if nodes.count > TelegramRules.maxCommandsPerSet {
            context.sink.error(.telegramLimit, at: parent.valueLocation("commands"),
                "'\(path)' has \(nodes.count) commands; Telegram allows at most \(TelegramRules.maxCommandsPerSet) per set")
        }
        var commands: [BotCommand] = []
        var seen: Set<String> = []
        for (index, node) in nodes.enumerated() {
            guard let reader = MappingReader(node, path: "\(path)[\(index)]", context: context) else { continue }
            // Listed here rather than taken from `TelegramRules.botCommandFields`: a field Telegram adds
            // must be read by this decoder before a config may declare it, or it would silently do nothing.
            reader.rejectUnknownKeys(["command", "description", "isEphemeral"])
            let command = reader.string("command", required: true)
            let description = reader.string("description", required: true)
            let isEphemeral = reader.bool("isEphemeral")
            if let command, !TelegramRules.isValidCommand(command) {
                context.sink.error(.telegramLimit, at: reader.valueLocation("command"),
                    "command '\(command)' must be 1-32 characters of lowercase letters, digits and underscores")
            } else if let command, !seen.insert(command).inserted {
                context.sink.error(.duplicate, at: reader.valueLocation("command"),
                    "command '\(command)' is listed twice in '\(path)'")
            }
            if let description {
                reader.checkLength("description", description, max: TelegramRules.maxCommandDescriptionLength, min: 1)
            }
            if let command, let description {
                commands.append(BotCommand(command: command, description: description, isEphemeral: isEphemeral ?? false))
            }
        }
        return commands
    }

    /// The scopes written by name, sorted for messages (worked out once, not for every command set).
    private static let scopeNames = CommandScope.named.keys.sorted()

    private func readScope(_ node: YAMLNode, path: String) -> CommandScope? {
        let names = Self.scopeNames
        if let text = node.stringScalar {
            if let scope = CommandScope.named[text] { return scope }
            context.sink.error(.invalidValue, at: context.location(of: node),
                "'\(path)' must be one of \(names.joined(separator: ", ")), or {type: chat | chat_administrators | chat_member, chatId}, "
                + "not '\(text)'" + Suggestion.phrase(for: text, in: names))
            return nil
        }
        guard let reader = MappingReader(node, path: path, context: context) else { return nil }
        reader.rejectUnknownKeys(["type", "chatId", "userId"])
        let types = ["chat", "chat_administrators", "chat_member"] + names
        guard let type = reader.oneOf("type", types, required: true) else { return nil }
        if let named = CommandScope.named[type] {
            reader.rejectUnknownKeys(["type"])
            return named
        }
        guard let chat = reader.chat("chatId") else { return nil }
        switch type {
        case "chat": reader.rejectUnknownKeys(["type", "chatId"]); return .chat(chat)
        case "chat_administrators": reader.rejectUnknownKeys(["type", "chatId"]); return .chatAdministrators(chat)
        default:
            guard let user = reader.int("userId", required: true) else { return nil }
            return .chatMember(chat, userID: Int64(user))
        }
    }

    /// The menu button, or nil when a problem was reported.
    private func readMenuButton(_ node: YAMLNode) -> MenuButton? {
        let path = "spec.menuButton"
        if let text = node.stringScalar {
            switch text {
            case "default": return .default
            case "commands": return .commands
            default:
                context.sink.error(.invalidValue, at: context.location(of: node),
                    "'\(path)' must be default, commands or {type: web_app, text, url}, not '\(text)'"
                    + Suggestion.phrase(for: text, in: ["default", "commands"]))
                return nil
            }
        }
        guard let reader = MappingReader(node, path: path, context: context) else { return nil }
        reader.rejectUnknownKeys(["type", "text", "url"])
        guard let type = reader.oneOf("type", ["web_app", "default", "commands"], required: true) else { return nil }
        if type == "default" { return .default }
        if type == "commands" { return .commands }
        let text = reader.string("text", required: true)
        let url = reader.string("url", required: true)
        if let text { reader.checkLength("text", text, max: 64, min: 1) }
        if let url, URLComponents(string: url)?.scheme != "https" || URLComponents(string: url)?.host?.isEmpty != false {
            context.sink.error(.telegramLimit, at: reader.valueLocation("url"),
                "'\(path).url' must be an https:// URL; Telegram opens Web Apps over HTTPS only")
            return nil
        }
        guard let text, let url else { return nil }
        return .webApp(text: text, url: url)
    }

    private func readRights(_ reader: MappingReader) -> AdministratorRights {
        reader.rejectUnknownKeys(["groups", "channels"])
        return AdministratorRights(groups: reader.mapping("groups").map(readRightsMap) ?? [:],
                                   channels: reader.mapping("channels").map(readRightsMap) ?? [:])
    }

    private func readRightsMap(_ reader: MappingReader) -> [String: Bool] {
        // Every right is a boolean read the same way, so the current Bot API version's list is the whole rule.
        let keys = TelegramRules.administratorRightsKeys
        reader.rejectUnknownKeys(keys.yaml)
        var rights: [String: Bool] = [:]
        for (key, name) in keys.pairs {
            if let value = reader.bool(key) {
                rights[name] = value
            }
        }
        return rights
    }
}
