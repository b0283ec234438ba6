import Foundation
import Sandbox
import Testing

/// Chats the bots administer: getChat, getChatMember, getChatAdministrators and the setters, with the Bot API
/// server's checks in its order and its texts (Client::check_chat; TDLib's DialogManager and ChatManager).
@Suite("Chats: channels and groups the bots administer", .timeLimit(.minutes(1)))
struct ChatMethodsTests {
    static let alphaID = "123456789"
    static let channel = SandboxChat(id: -1_001_000_000_001, type: .channel, username: "acme_news", title: "ACME News",
                                     members: [alphaID: .init(status: "administrator", rights: ["can_post_messages", "can_change_info"])])
    static let group = SandboxChat(id: -1_001_000_000_002, type: .supergroup, title: "ACME Chat",
                                   members: [alphaID: .init(status: "administrator", rights: ["can_restrict_members"])])

    static func configuration() -> SandboxConfiguration {
        var configuration = SandboxConfiguration(bots: [TestBots.alpha, TestBots.beta])
        configuration.chats = [channel, group]
        return configuration
    }

    @Test("getChat and getChatMember report a channel as the Bot API server writes it")
    func reads() async throws {
        try await SandboxHarness.with(Self.configuration()) { api async throws in
            let chat = try #require(try await api.call("getChat", ["chat_id": "@ACME_news"]).result)
            #expect(chat["id"] == .int(-1_001_000_000_001) && chat["type"] == "channel" && chat["title"] == "ACME News")
            #expect(chat["permissions"] == nil, "a channel has no member permissions")
            #expect(try await api.call("getChat", ["chat_id": .int(-1_001_000_000_002)]).result?["permissions"]?["can_send_messages"] == false)
            let member = try #require(try await api.call("getChatMember", ["chat_id": "@acme_news", "user_id": .int(123_456_789)]).result)
            #expect(member["status"] == "administrator" && member["can_post_messages"] == true && member["can_edit_messages"] == false)
            #expect(member["can_pin_messages"] == nil, "a group-only right is not written for a channel")
            #expect(try await api.call("getChat", ["chat_id": "@nobody_here"]).description == "Bad Request: chat not found")
            #expect(try await api.call("getChat", [:]).description == "Bad Request: chat_id is empty")
            #expect(try await api.call("getChatMember", ["chat_id": "@acme_news", "user_id": "x"]).description
                    == "Bad Request: invalid user_id specified")
            #expect(try await api.call("getChat", ["chat_id": .int(-1_001_000_000_002)], token: TestBots.beta.token).description
                    == "Bad Request: chat not found", "a private chat the bot was never in")
        }
    }

    @Test("setters need the right, refuse what Telegram refuses, and change the chat")
    func writes() async throws {
        try await SandboxHarness.with(Self.configuration()) { api async throws in
            #expect(try await api.call("setChatTitle", ["chat_id": "@acme_news", "title": "ACME Newsroom"]).result == true)
            #expect(try await api.call("setChatTitle", ["chat_id": "@acme_news", "title": "ACME Newsroom"]).result == true,
                    "an unchanged title is answered true")
            #expect(try await api.call("setChatTitle", ["chat_id": "@acme_news", "title": "  "]).description
                    == "Bad Request: title must be non-empty")
            #expect(try await api.call("setChatDescription", ["chat_id": "@acme_news", "description": "News"]).result == true)
            #expect(try await api.call("setChatDescription", ["chat_id": "@acme_news", "description": "News"]).description
                    == "Bad Request: chat description is not modified")
            #expect(try await api.call("deleteChatPhoto", ["chat_id": "@acme_news"]).description == "Bad Request: CHAT_NOT_MODIFIED")
            #expect(try await api.call("setChatPermissions", ["chat_id": "@acme_news", "permissions": "{}"]).description
                    == "Bad Request: can't change channel chat permissions")
            #expect(try await api.call("setChatTitle", ["chat_id": .int(-1_001_000_000_002), "title": "X"]).description
                    == "Bad Request: not enough rights to change chat title")
            #expect(try await api.call("setChatDescription", ["chat_id": .int(-1_001_000_000_002), "description": "X"]).description
                    == "Bad Request: not enough rights to set chat description")
            let permissions = #"{"can_send_messages": true, "can_send_photos": false}"#
            #expect(try await api.call("setChatPermissions", ["chat_id": .int(-1_001_000_000_002), "permissions": .string(permissions),
                                                              "use_independent_chat_permissions": true]).result == true)
            let group = try #require(try await api.call("getChat", ["chat_id": .int(-1_001_000_000_002)]).result)
            #expect(group["permissions"]?["can_send_messages"] == true && group["permissions"]?["can_react_to_messages"] == true)
            #expect(try await api.call("setChatTitle", ["chat_id": "@acme_news", "title": "X"], token: TestBots.beta.token).description
                    == "Forbidden: bot is not a member of the channel chat")
            let chat = try #require(try await api.call("getChat", ["chat_id": "@acme_news"]).result)
            #expect(chat["title"] == "ACME Newsroom" && chat["description"] == "News")
        }
    }

    @Test("an owner's changes through the controls: a right revoked, a bot demoted, a chat added")
    func controls() async throws {
        try await SandboxHarness.with(Self.configuration()) { api async throws in
            let demoted = try await api.send("/_sandbox/chats/@acme_news/members/\(Self.alphaID)", method: .PUT,
                                             contentType: "application/json", body: Array(#"{"status": "member", "rights": []}"#.utf8))
            #expect(demoted.status == 204)
            #expect(try await api.call("getChatMember", ["chat_id": "@acme_news", "user_id": .int(123_456_789)]).description
                    == "Bad Request: member list is inaccessible", "a channel hides its members from a bot that is no administrator")
            #expect(try await api.call("setChatTitle", ["chat_id": "@acme_news", "title": "Y"]).description
                    == "Bad Request: not enough rights to change chat title")
            let added = try await api.send("/_sandbox/chats", method: .PUT, contentType: "application/json",
                body: Array(#"{"id": -1001000000003, "type": "channel", "username": "acme_deals", "title": "Deals", "members": {"987654321": {"status": "creator", "rights": []}}}"#.utf8))
            #expect(added.status == 204)
            #expect(try await api.call("setChatTitle", ["chat_id": "@acme_deals", "title": "Hot deals"], token: TestBots.beta.token).result == true)
            #expect(try await api.send("/_sandbox/chats", method: .PUT, contentType: "application/json", body: Array("{}".utf8)).status == 400)
        }
    }
}
