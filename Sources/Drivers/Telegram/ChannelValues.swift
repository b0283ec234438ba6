import Reconciler
import Spec

/// The canonical shapes of a Channel, shared by its desired and observed side.
enum ChannelValues {
    /// The fields a Channel may write, as its value names them.
    static let managedFields = ["title", "description", "photo", "permissions"]

    /// `chat_id` as the Bot API takes it.
    static func chatID(_ chat: ChatReference) -> JSONValue {
        switch chat {
        case let .id(id): return .int(Int(id))
        case let .username(name): return .string(name)
        }
    }

    /// Every `ChatPermissions` field as a boolean: an unwritten one false, except those Telegram
    /// defaults to another (`can_react_to_messages` to `can_send_messages`, `can_edit_tag` and
    /// `can_manage_topics` to `can_pin_messages`).
    static func permissions(_ declared: [String: Bool]) -> JSONValue {
        var permissions: [String: JSONValue] = [:]
        for field in TelegramRules.chatPermissionsFields { permissions[field] = .bool(declared[field] ?? false) }
        let defaults = ["can_react_to_messages": "can_send_messages", "can_edit_tag": "can_pin_messages",
                        "can_manage_topics": "can_pin_messages"]
        for (field, source) in defaults where declared[field] == nil {
            permissions[field] = .bool(declared[source] ?? false)
        }
        return .object(permissions)
    }

    /// `getChat`'s permissions in the shape of ``permissions(_:)``: the current version's fields only.
    static func permissions(observed: JSONValue?) -> JSONValue {
        var permissions: [String: JSONValue] = [:]
        for field in TelegramRules.chatPermissionsFields { permissions[field] = .bool(observed?[field]?.boolValue ?? false) }
        return .object(permissions)
    }

    /// The rights a Channel needs of its bot: those written, and those its writes need (changing the
    /// title, description or photo needs `can_change_info`; the permissions, `can_restrict_members`).
    static func requiredRights(_ channel: Channel) -> [String] {
        var rights = Set(channel.botRights.map(\.name))
        if channel.title != nil || channel.description != nil || channel.photo != nil { rights.insert("can_change_info") }
        if channel.memberPermissions != nil { rights.insert("can_restrict_members") }
        // In Telegram's order, which its apps list them in too.
        let order = TelegramRules.administratorRightsFields
        return rights.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
    }

    /// The rights a member entry (`getChatMember`) grants: every one for the creator, those set for an
    /// administrator, none otherwise.
    static func heldRights(_ member: JSONValue) -> Set<String> {
        switch member["status"]?.stringValue {
        case "creator": return Set(TelegramRules.administratorRightsFields)
        case "administrator": return Set(TelegramRules.administratorRightsFields.filter { member[$0]?.boolValue == true })
        default: return []
        }
    }

    /// A right in the words Telegram's apps use: `can_edit_messages` is "Edit messages".
    static func words(_ right: String) -> String {
        if right == "is_anonymous" { return "Remain anonymous" }
        let text = right.hasPrefix("can_") ? String(right.dropFirst(4)) : right
        return text.prefix(1).uppercased() + text.dropFirst().replacingOccurrences(of: "_", with: " ")
    }

    /// "A, B and C".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
