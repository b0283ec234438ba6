import Reconciler
import Spec

extension TelegramDriver {
    /// The settings git manages now or managed before (to say they are no longer managed), as `getMe`
    /// reports them; a write-only one as botops last applied it (Telegram reports none of those). Nil when
    /// git manages none and never did.
    func readSettings(_ session: BotSession, me: JSONValue?, desired: DesiredResource, owned: InventoryEntry?,
                      reads: (String) -> Bool) async throws(ResourceError) -> JSONValue? {
        var names = Set(desired.value["settings"]?.objectValue?.keys.map { $0 } ?? [])
        names.formUnion((owned?.attributes["settings"]?.arrayValue ?? []).compactMap(\.stringValue))
        let settings = names.compactMap(BotSetting.init(parameter:)).filter { reads(ValueDiffer.join("settings", $0.parameter)) }
        guard !settings.isEmpty else { return nil }
        var info = me
        if info == nil, settings.contains(where: \.isReadable) { info = try await session.call("getMe") }
        var observed: [String: JSONValue] = [:]
        for setting in settings {
            if setting.isReadable {
                observed[setting.parameter] = info?[setting.parameter] ?? setting.unsetValue
            } else if let applied = owned?.attributes["settingsApplied"]?[setting.parameter] {
                observed[setting.parameter] = applied
            }
        }
        return .object(observed)
    }

    /// Settings and the photo in a bot owner's words.
    public func describe(_ field: FieldChange, of address: ResourceAddress) -> String? {
        if address.kind == .channel {
            if field.path == "photo" { return Self.describePhoto(field, chat: true) }
            return field.after == nil ? "no longer managed: left as it is, nothing is sent" : nil
        }
        guard address.kind == .bot else { return nil }
        if field.path == "photo" { return Self.describePhoto(field) }
        guard field.path.hasPrefix("settings."),
              let setting = BotSetting(parameter: String(field.path.dropFirst("settings.".count))) else { return nil }
        guard let after = field.after else { return "no longer managed: left as it is, nothing is sent" }
        var words: [String] = []
        switch (setting, after) {
        case (.canReadAllGroupMessages, .bool(true)): words.append("privacy mode off")
        case (.canReadAllGroupMessages, .bool(false)): words.append("privacy mode on")
        case (.supportsInlineQueries, .bool(let on)): words.append("inline mode \(on ? "on" : "off")")
        case (.canJoinGroups, .bool(let on)): words.append(on ? "may be added to groups" : "cannot be added to groups")
        case (.hasTopicsEnabled, .bool(let on)): words.append("topics in private chats \(on ? "on" : "off")")
        default: break
        }
        if !setting.isReadable {
            words.append("Telegram does not report it: the value before is the one botops applied last, and drift cannot be seen")
        }
        return words.isEmpty ? nil : words.joined(separator: "; ")
    }
}
