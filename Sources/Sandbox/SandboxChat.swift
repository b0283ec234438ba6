/// A channel, group or supergroup the sandbox keeps, with the bots that are in it and what each may do.
/// Made through `SandboxConfiguration.chats` or `PUT /_sandbox/chats`; changed by the chat methods.
public struct SandboxChat: Sendable, Codable, Equatable {
    /// `channel`, `group` or `supergroup`.
    public enum Kind: String, Sendable, Codable {
        case channel
        case group
        case supergroup
    }

    /// One bot's place in the chat.
    public struct Member: Sendable, Codable, Equatable {
        /// `creator`, `administrator`, `member`, `left` or `kicked`.
        public var status: String
        /// The `ChatAdministratorRights` fields (snake_case) an administrator holds.
        public var rights: [String]

        public init(status: String, rights: [String] = []) {
            self.status = status
            self.rights = rights
        }
    }

    public var id: Int64
    public var type: Kind
    /// Without the `@`; nil for a private chat.
    public var username: String?
    public var title: String
    public var description: String
    /// Members' permissions (groups and supergroups), `ChatPermissions` field to value.
    public var permissions: [String: Bool]
    /// By bot id.
    public var members: [String: Member]
    /// The current photo's serial (ids are made from it), nil when there is none.
    var photoSerial: Int?
    var photoUploads = 0

    public init(id: Int64, type: Kind, username: String? = nil, title: String, description: String = "",
                permissions: [String: Bool] = [:], members: [String: Member] = [:]) {
        self.id = id
        self.type = type
        self.username = username
        self.title = title
        self.description = description
        self.permissions = permissions
        self.members = members
    }

    enum CodingKeys: String, CodingKey {
        case id, type, username, title, description, permissions, members
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(Int64.self, forKey: .id), type: try container.decode(Kind.self, forKey: .type),
                  username: try container.decodeIfPresent(String.self, forKey: .username),
                  title: try container.decode(String.self, forKey: .title),
                  description: try container.decodeIfPresent(String.self, forKey: .description) ?? "",
                  permissions: try container.decodeIfPresent([String: Bool].self, forKey: .permissions) ?? [:],
                  members: try container.decodeIfPresent([String: Member].self, forKey: .members) ?? [:])
    }

    /// `ChatPermissions` fields of Bot API 10.x, the sandbox's own table (it shares no code with botops).
    static let permissionFields = [
        "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos",
        "can_send_video_notes", "can_send_voice_notes", "can_send_polls", "can_send_other_messages",
        "can_add_web_page_previews", "can_react_to_messages", "can_edit_tag", "can_change_info", "can_invite_users",
        "can_pin_messages", "can_manage_topics",
    ]

    /// `ChatMemberAdministrator` rights in the Bot API server's order, with the chat types each is written for.
    static let rightFields: [(name: String, types: Set<Kind>)] = [
        ("can_manage_chat", [.channel, .group, .supergroup]), ("can_change_info", [.channel, .group, .supergroup]),
        ("can_post_messages", [.channel]), ("can_edit_messages", [.channel]),
        ("can_delete_messages", [.channel, .group, .supergroup]), ("can_invite_users", [.channel, .group, .supergroup]),
        ("can_restrict_members", [.channel, .group, .supergroup]), ("can_pin_messages", [.group, .supergroup]),
        ("can_manage_topics", [.supergroup]), ("can_promote_members", [.channel, .group, .supergroup]),
        ("can_manage_video_chats", [.channel, .group, .supergroup]), ("can_post_stories", [.channel, .group, .supergroup]),
        ("can_edit_stories", [.channel, .group, .supergroup]), ("can_delete_stories", [.channel, .group, .supergroup]),
        ("can_manage_direct_messages", [.channel]), ("can_manage_tags", [.group, .supergroup]),
        ("can_send_welcome_messages", [.channel, .group, .supergroup]), ("is_anonymous", [.channel, .group, .supergroup]),
    ]

    /// Whether the bot may use `right` here: the creator may do anything, an administrator what it was given.
    func allows(_ botID: String, _ right: String) -> Bool {
        guard let member = members[botID] else { return false }
        return member.status == "creator" || (member.status == "administrator" && member.rights.contains(right))
    }

    /// The chat as `getChat` returns it (a ChatFullInfo), with the fields the Bot API server writes for its type.
    var fullInfo: SandboxJSON {
        var fields: [String: SandboxJSON] = ["id": .int(id), "type": .string(type.rawValue), "title": .string(title),
                                             "accent_color_id": .int(0), "max_reaction_count": .int(11)]
        if let username { fields["username"] = .string(username) }
        if !description.isEmpty { fields["description"] = .string(description) }
        if type != .channel {
            var permissions: [String: SandboxJSON] = [:]
            for field in Self.permissionFields { permissions[field] = .bool(self.permissions[field] ?? false) }
            fields["permissions"] = .object(permissions)
        }
        if let serial = photoSerial {
            let base = "\(abs(id))_\(serial)"
            fields["photo"] = .object(["small_file_id": .string("AQADAgAD\(base)_s"), "small_file_unique_id": .string("AQAD\(base)s"),
                                       "big_file_id": .string("AQADAgAD\(base)_b"), "big_file_unique_id": .string("AQAD\(base)b")])
        }
        return .object(fields)
    }

    /// The bot's member entry as `getChatMember` returns it.
    func memberJSON(botID: String, username: String) -> SandboxJSON {
        let member = members[botID] ?? Member(status: "left")
        var fields: [String: SandboxJSON] = [
            "user": .object(["id": .int(Int64(botID) ?? 0), "is_bot": .bool(true), "first_name": .string(username),
                             "username": .string(username)]),
            "status": .string(member.status),
        ]
        if member.status == "administrator" {
            fields["can_be_edited"] = .bool(false)
            for (right, types) in Self.rightFields where types.contains(type) {
                fields[right] = .bool(member.rights.contains(right))
            }
        } else if member.status == "creator" {
            fields["is_anonymous"] = .bool(false)
        }
        return .object(fields)
    }
}
