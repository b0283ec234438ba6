import Spec

/// The canonical JSON shapes of a bot and a webhook, shared by the desired and the observed side.
enum TelegramValues {
    /// Profile key of the texts for all languages (Telegram's empty language code).
    static let defaultLanguage = "default"

    /// `default`, `default/ru`, `chat:@news/en`: one key per (scope, language) command set.
    static func commandKey(scope: String, language: String?) -> String {
        language.map { "\(scope)/\($0)" } ?? scope
    }

    /// The texts that are set; an empty text is Telegram's "not set" and is left out on both sides,
    /// so a language with only a name does not show two empty fields in every plan.
    static func texts(name: String, description: String, shortDescription: String) -> JSONValue {
        var texts: [String: JSONValue] = [:]
        if !name.isEmpty { texts["name"] = .string(name) }
        if !description.isEmpty { texts["description"] = .string(description) }
        if !shortDescription.isEmpty { texts["short_description"] = .string(shortDescription) }
        return .object(texts)
    }

    static func isEmptyTexts(_ value: JSONValue) -> Bool {
        value == .object([:])
    }

    /// Telegram's `BotCommandScope` object.
    static func scopeJSON(_ scope: CommandScope) -> JSONValue {
        func chat(_ reference: ChatReference) -> JSONValue {
            switch reference {
            case let .id(id): return .int(Int(id))
            case let .username(name): return .string(name)
            }
        }
        switch scope {
        case let .chat(reference), let .chatAdministrators(reference):
            return .object(["type": .string(scope.type), "chat_id": chat(reference)])
        case let .chatMember(reference, user):
            return .object(["type": .string(scope.type), "chat_id": chat(reference), "user_id": .int(Int(user))])
        default:
            return .object(["type": .string(scope.type)])
        }
    }

    /// The declared commands as `setMyCommands` takes them and as ``commands(observed:)`` reads them
    /// back. `is_ephemeral` is there only when true, as Telegram omits a false optional boolean, so
    /// commands declared before Bot API 10.3 keep exactly their earlier shape.
    static func commands(_ commands: [BotCommand]) -> JSONValue {
        .array(commands.map { command($0.command, description: $0.description, isEphemeral: $0.isEphemeral) })
    }

    /// A `getMyCommands` result in the shape of ``commands(_:)``: only the `BotCommand` fields botops
    /// knows, so a field Telegram adds later never shows as drift. Anything but an array reads as no
    /// commands; a missing text reads as `""`.
    static func commands(observed list: JSONValue) -> JSONValue {
        .array((list.arrayValue ?? []).map { entry in
            command(entry["command"]?.stringValue ?? "", description: entry["description"]?.stringValue ?? "",
                    isEphemeral: entry["is_ephemeral"]?.boolValue ?? false)
        })
    }

    private static func command(_ command: String, description: String, isEphemeral: Bool) -> JSONValue {
        var fields: [String: JSONValue] = ["command": .string(command), "description": .string(description)]
        if isEphemeral { fields["is_ephemeral"] = .bool(true) }
        return .object(fields)
    }

    static func menuButton(_ button: MenuButton) -> JSONValue {
        switch button {
        case .default: return .object(["type": "default"])
        case .commands: return .object(["type": "commands"])
        case let .webApp(text, url): return .object(["type": "web_app", "text": .string(text), "url": .string(url)])
        }
    }

    /// Every `ChatAdministratorRights` field of the current Bot API version as a boolean; unlisted ones
    /// false, except `can_manage_tags`, which Telegram defaults to `can_pin_messages`
    /// (`can_send_welcome_messages` has no such rule and is false when not declared).
    ///
    /// Worked out once per distinct declaration: a fleet's bots mostly declare the same rights, and every
    /// bot's two dictionaries of 17 fields, built afresh at both revisions of a push, were 8 % of the daemon's
    /// CPU over a run of pushes and 2.7 MB of a 1,000-bot plan's heap. Shared, they cost one copy.
    static func rights(_ declared: [String: Bool]) -> JSONValue {
        declaredRights.value(for: declared) { buildRights(declared) }
    }

    private static let declaredRights = BoundedMemo<[String: Bool], JSONValue>()

    private static func buildRights(_ declared: [String: Bool]) -> JSONValue {
        var rights: [String: JSONValue] = [:]
        rights.reserveCapacity(TelegramRules.administratorRightsFields.count + 1)
        for field in TelegramRules.administratorRightsFields {
            rights[field] = .bool(declared[field] ?? false)
        }
        if declared["can_manage_tags"] == nil {
            rights["can_manage_tags"] = .bool(declared["can_pin_messages"] ?? false)
        }
        return .object(rights)
    }

    /// Rights as Telegram returns them, in the shape of ``rights(_:)``: every field of the current
    /// version, a missing one false, and none other, so a right Telegram adds later never shows as drift.
    /// Shared between bots as ``rights(_:)`` is: every bot of a fleet mostly answers the same.
    static func rights(observed: JSONValue) -> JSONValue {
        observedRights.value(for: observed) {
            var rights: [String: JSONValue] = [:]
            rights.reserveCapacity(TelegramRules.administratorRightsFields.count)
            for field in TelegramRules.administratorRightsFields {
                rights[field] = .bool(observed[field]?.boolValue ?? false)
            }
            return .object(rights)
        }
    }

    private static let observedRights = BoundedMemo<JSONValue, JSONValue>()

    /// A secret reference as the inventory stores it: where the secret is, never what it is.
    static func referenceJSON(_ reference: SecretReference) -> JSONValue {
        switch reference.origin {
        case let .environment(name): return .object(["fromEnv": .string(name)])
        case let .file(path): return .object(["fromFile": .string(path)])
        }
    }

    static func reference(from value: JSONValue?, location: SourceLocation) -> SecretReference? {
        if let name = value?["fromEnv"]?.stringValue { return SecretReference(.environment(name), location: location) }
        if let path = value?["fromFile"]?.stringValue { return SecretReference(.file(path), location: location) }
        return nil
    }

    static func sortedUpdates(_ updates: [String]) -> JSONValue {
        .array(Set(updates).sorted().map(JSONValue.string))
    }

    /// ``sortedUpdates(_:)`` of Telegram's default set, which most webhooks take: sorted once, not per webhook.
    static let defaultUpdates = sortedUpdates(TelegramRules.defaultUpdateTypes)
}
