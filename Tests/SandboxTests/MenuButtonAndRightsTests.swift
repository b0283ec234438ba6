import Sandbox
import Testing

@Suite("Menu button and default administrator rights", .timeLimit(.minutes(1)))
struct MenuButtonAndRightsTests {
    @Test("the default menu button: default, commands, web_app, back to default")
    func menuButton() async throws {
        try await SandboxHarness.with { api async throws in
            #expect(try await api.call("getChatMenuButton").result == ["type": "default"])
            #expect(try await api.call("setChatMenuButton", ["menu_button": ["type": "commands"]]).result == true)
            #expect(try await api.call("getChatMenuButton").result == ["type": "commands"])

            let webApp: SandboxJSON = ["type": "web_app", "text": "Open", "web_app": ["url": "https://app.example.com/start"]]
            #expect(try await api.call("setChatMenuButton", ["menu_button": webApp]).ok)
            #expect(try await api.call("getChatMenuButton").result == webApp)

            #expect(try await api.call("setChatMenuButton").ok)
            #expect(try await api.call("getChatMenuButton").result == ["type": "default"])
        }
    }

    @Test("invalid menu buttons are refused and change nothing", arguments: [
        (["type": "web_app", "text": "Open", "web_app": ["url": "http://app.example.com"]],
         "Bad Request: menu button Web App Only HTTPS links are allowed"),
        (["type": "web_app", "text": "", "web_app": ["url": "https://app.example.com"]], "Bad Request: menu button text must be non-empty"),
        (["type": "web_app", "text": "Open"], "Bad Request: can't parse menu button: Can't find field \"web_app\""),
        (["type": "web_app", "web_app": ["url": "https://app.example.com"]], "Bad Request: can't parse menu button: Can't find field \"text\""),
        (["type": "link"], "Bad Request: can't parse menu button: MenuButton has unsupported type"),
        (["commands"], "Bad Request: can't parse menu button: MenuButton must be an Object"),
        ("commands", "Bad Request: can't parse menu button JSON object"),
    ] as [(SandboxJSON, String)])
    func invalidMenuButtons(button: SandboxJSON, expected: String) async throws {
        try await SandboxHarness.with { api async throws in
            _ = try await api.call("setChatMenuButton", ["menu_button": ["type": "commands"]])
            let answer = try await api.call("setChatMenuButton", ["menu_button": button], encoding: .json)
            #expect(answer.status == 400)
            #expect(answer.description == expected)
            #expect(try await api.call("getChatMenuButton").result == ["type": "commands"])
        }
    }

    @Test("per-chat menu buttons are not emulated: the sandbox knows no users")
    func perChatButtons() async throws {
        try await SandboxHarness.with { api async throws in
            #expect(try await api.call("getChatMenuButton", ["chat_id": 12345]).description == "Bad Request: user not found")
            #expect(try await api.call("setChatMenuButton", ["chat_id": 0]).description == "Bad Request: invalid chat_id specified")
        }
    }

    static let allFalse: SandboxJSON = .object(Dictionary(uniqueKeysWithValues: [
        "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
        "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
        "can_delete_stories", "can_post_messages", "can_edit_messages", "can_pin_messages", "can_manage_topics",
        "can_manage_direct_messages", "can_manage_tags", "can_send_welcome_messages",
    ].map { ($0, SandboxJSON.bool(false)) }))

    static func rights(_ granted: String...) -> SandboxJSON {
        var members = allFalse.objectValue ?? [:]
        for name in granted { members[name] = true }
        return .object(members)
    }

    @Test("rights read back with every field, separately for groups and channels")
    func administratorRights() async throws {
        try await SandboxHarness.with { api async throws in
            #expect(try await api.call("getMyDefaultAdministratorRights").result == Self.allFalse)
            #expect(try await api.call("getMyDefaultAdministratorRights", ["for_channels": true]).result == Self.allFalse)

            let groups: SandboxJSON = ["can_manage_chat": true, "can_delete_messages": true, "can_pin_messages": true]
            #expect(try await api.call("setMyDefaultAdministratorRights", ["rights": groups]).result == true)
            let channels: SandboxJSON = ["can_post_messages": true, "can_edit_messages": true]
            #expect(try await api.call("setMyDefaultAdministratorRights", ["rights": channels, "for_channels": true]).ok)

            // can_manage_tags "defaults to the value of can_pin_messages" when omitted.
            #expect(try await api.call("getMyDefaultAdministratorRights").result
                == Self.rights("can_manage_chat", "can_delete_messages", "can_pin_messages", "can_manage_tags"))
            #expect(try await api.call("getMyDefaultAdministratorRights", ["for_channels": true]).result
                == Self.rights("can_post_messages", "can_edit_messages"))

            #expect(try await api.call("setMyDefaultAdministratorRights").ok)
            #expect(try await api.call("getMyDefaultAdministratorRights").result == Self.allFalse)
            #expect(try await api.call("getMyDefaultAdministratorRights", ["for_channels": true]).result
                == Self.rights("can_post_messages", "can_edit_messages"))
        }
    }

    @Test("can_send_welcome_messages (Bot API 10.3) is returned, set like any right, and derived from none")
    func welcomeMessagesRight() async throws {
        try await SandboxHarness.with { api async throws in
            // A 10.3 client requires the field: it is there before anything was set.
            #expect(try await api.call("getMyDefaultAdministratorRights").result?["can_send_welcome_messages"] == false)

            let groups: SandboxJSON = ["can_send_welcome_messages": true, "can_invite_users": true]
            #expect(try await api.call("setMyDefaultAdministratorRights", ["rights": groups]).ok)
            #expect(try await api.call("getMyDefaultAdministratorRights").result
                == Self.rights("can_send_welcome_messages", "can_invite_users"))

            // Unlike can_manage_tags, it follows no other right when omitted.
            let channels: SandboxJSON = ["can_pin_messages": true, "can_manage_chat": true, "can_post_messages": true]
            #expect(try await api.call("setMyDefaultAdministratorRights", ["rights": channels, "for_channels": true]).ok)
            #expect(try await api.call("getMyDefaultAdministratorRights", ["for_channels": true]).result
                == Self.rights("can_pin_messages", "can_manage_chat", "can_post_messages", "can_manage_tags"))

            let refused = try await api.call("setMyDefaultAdministratorRights", ["rights": ["can_send_welcome_messages": 1]])
            #expect(refused.description
                == "Bad Request: can't parse ChatAdministratorRights: Field \"can_send_welcome_messages\" must be of type Boolean")
            #expect(try await api.call("getMyDefaultAdministratorRights").result
                == Self.rights("can_send_welcome_messages", "can_invite_users"), "a refused call changes nothing")
        }
    }

    @Test("a non-boolean right is refused")
    func invalidRights() async throws {
        try await SandboxHarness.with { api async throws in
            let answer = try await api.call("setMyDefaultAdministratorRights", ["rights": ["can_manage_chat": "yes"]])
            #expect(answer.status == 400)
            #expect(answer.description == "Bad Request: can't parse ChatAdministratorRights: Field \"can_manage_chat\" must be of type Boolean")
        }
    }
}
