/// Reads a `Channel` spec. The chat type is written or implied by what is written (a channel-only right,
/// member permissions); what contradicts it is an error at its line, since Telegram would refuse it or
/// the check could never pass.
struct ChannelDecoder {
    let spec: MappingReader
    let metadata: ResourceMetadata
    var context: ReadContext { spec.context }

    func decode() -> Channel? {
        spec.rejectUnknownKeys(["chat", "bot", "type", "title", "description", "photo", "memberPermissions", "botRights"])
        let chat = spec.chat("chat")
        let bot = spec.nonEmptyString("bot", required: true)
        let written = spec.oneOf("type", ChatType.allCases.map(\.rawValue)).flatMap(ChatType.init(rawValue:))
        var title: String?
        if let text = spec.string("title") {
            spec.checkLength("title", text, max: TelegramRules.chatTitleLength.upperBound, min: TelegramRules.chatTitleLength.lowerBound)
            title = text
        }
        var description: String?
        if let text = spec.string("description") {
            spec.checkLength("description", text, max: TelegramRules.maxChatDescriptionLength)
            description = text
        }
        let photo = PhotoReader(context: context, animations: false).read(spec)
        let permissions = spec.mapping("memberPermissions").map(readPermissions)
        let rights = spec.mapping("botRights").map(readRights) ?? []
        let type = chatType(written: written, rights: rights, permissions: permissions != nil)
        guard let chat, let bot else { return nil }
        return Channel(metadata: metadata, chat: chat, bot: bot, type: type, title: title, description: description,
                       photo: photo, memberPermissions: permissions, botRights: rights)
    }

    private func readPermissions(_ reader: MappingReader) -> [String: Bool] {
        let keys = TelegramRules.chatPermissionsKeys
        reader.rejectUnknownKeys(keys.yaml)
        var permissions: [String: Bool] = [:]
        for (key, name) in keys.pairs {
            if let value = reader.bool(key) { permissions[name] = value }
        }
        return permissions
    }

    /// The rights written `true`: each is required. A right written `false` is not required, and says nothing.
    private func readRights(_ reader: MappingReader) -> [Channel.RequiredRight] {
        let keys = TelegramRules.administratorRightsKeys
        reader.rejectUnknownKeys(keys.yaml)
        var rights: [Channel.RequiredRight] = []
        for (key, name) in keys.pairs where reader.bool(key) == true {
            rights.append(Channel.RequiredRight(name: name, location: reader.keyLocation(key)))
        }
        return rights.sorted { $0.location < $1.location }
    }

    /// The type written, else the one the rights and permissions imply; a right or the permissions that
    /// do not fit it are errors at their line.
    private func chatType(written: ChatType?, rights: [Channel.RequiredRight], permissions: Bool) -> ChatType? {
        var possible = Set(written.map { [$0] } ?? ChatType.allCases)
        var reason = written.map { "the chat is a \($0.rawValue) ('spec.type')" }
        if permissions {
            let groups = possible.filter(\.hasMemberPermissions)
            if groups.isEmpty {
                context.sink.error(.invalidValue, at: spec.keyLocation("memberPermissions"),
                    "'spec.memberPermissions' is for groups and supergroups, but \(reason ?? "this is a channel"); remove it")
            } else {
                possible = groups
                reason = reason ?? "'spec.memberPermissions' is written, so the chat is a group or supergroup"
            }
        }
        for right in rights {
            guard let types = TelegramRules.rightChatTypes[right.name] else { continue }
            let narrowed = possible.intersection(types)
            let words = types.map(\.rawValue).sorted().joined(separator: " and ")
            if narrowed.isEmpty {
                context.sink.error(.invalidValue, at: right.location,
                    "'\(CaseStyle.camel(fromSnake: right.name))' is a right in \(words) only, but \(reason ?? "the chat is not one"); "
                    + Self.advice(for: right.name))
            } else if narrowed != possible {
                possible = narrowed
                reason = "'\(CaseStyle.camel(fromSnake: right.name))' (line \(right.location.line)) is a right in \(words) only"
            }
        }
        return written ?? (possible.count == 1 ? possible.first : nil)
    }

    private static func advice(for right: String) -> String {
        switch right {
        case "can_pin_messages": return "in a channel, pinning comes with canEditMessages"
        case "can_edit_messages", "can_post_messages": return "in a group, anyone allowed to write posts; remove it"
        default: return "remove it"
        }
    }
}
