import Foundation
import Sandbox
import Testing

/// `sendMessage` as the ops chat needs it: the Bot API's checks of chat and text, and the messages
/// readable at `GET /_sandbox/messages`.
@Suite("sendMessage and the sandbox's messages", .timeLimit(.minutes(1)))
struct SendMessageTests {
    @Test func aMessageIsAnsweredAsTelegramDoesAndListedForTests() async throws {
        try await SandboxHarness.with { api async throws in
            let first = try await api.call("sendMessage", ["chat_id": -1001234567890, "text": "Pass failed at 1a2b3c4", "parse_mode": "HTML"])
            #expect(first.ok)
            #expect(first.result?["message_id"] == 1)
            #expect(first.result?["chat"] == ["id": -1001234567890, "type": "supergroup"])
            #expect(first.result?["text"] == "Pass failed at 1a2b3c4")
            #expect(first.result?["from"]?["username"] == "alpha_bot")
            let second = try await api.call("sendMessage", ["chat_id": "-1001234567890", "text": "Applied"], encoding: .form)
            #expect(second.result?["message_id"] == 2, "ids count per chat; a chat id may be sent as a string")
            #expect(try await api.call("sendMessage", ["chat_id": "@acme_ops", "text": "hi"]).result?["chat"]?["type"] == "channel")
            #expect(try await api.call("sendMessage", ["chat_id": 42, "text": "hi"], token: TestBots.beta.token).result?["message_id"] == 1)

            let listed = try await api.send("/_sandbox/messages", method: .GET)
            let messages = try #require(listed.body.arrayValue)
            #expect(messages.count == 4)
            #expect(messages.first?["seq"] == 1)
            #expect(messages.first?["bot"] == "123456789")
            #expect(messages.first?["chat"] == "-1001234567890")
            #expect(messages.first?["parse_mode"] == "HTML")
            #expect(messages.last?["bot"] == "987654321")
            #expect(await api.sandbox.messages().map(\.text) == ["Pass failed at 1a2b3c4", "Applied", "hi", "hi"])
            #expect(try await api.send("/_sandbox/messages", method: .DELETE).status == 204)
            #expect(await api.sandbox.messages().isEmpty)
        }
    }

    @Test("refusals carry the Bot API's texts and send nothing", arguments: [
        (["text": "hi"], "Bad Request: chat_id is empty"),
        (["chat_id": 0, "text": "hi"], "Bad Request: chat not found"),
        (["chat_id": "@no", "text": "hi"], "Bad Request: chat not found"),
        (["chat_id": "ops chat", "text": "hi"], "Bad Request: chat not found"),
        (["chat_id": 42, "text": "  "], "Bad Request: message text is empty"),
        (["chat_id": 42], "Bad Request: message text is empty"),
        (["chat_id": 42, "text": .string(String(repeating: "я", count: 4097))], "Bad Request: message is too long"),
        (["chat_id": 42, "text": "hi", "parse_mode": "BBCode"], "Bad Request: unsupported parse_mode"),
    ] as [([String: SandboxJSON], String)])
    func refusals(parameters: [String: SandboxJSON], error: String) async throws {
        try await SandboxHarness.with { api async throws in
            let answer = try await api.call("sendMessage", parameters)
            #expect(answer.status == 400)
            #expect(answer.description == error)
            #expect(await api.sandbox.messages().isEmpty)
        }
    }

    @Test func theLongestTextIsAccepted() async throws {
        try await SandboxHarness.with { api async throws in
            #expect(try await api.call("sendMessage", ["chat_id": 42, "text": .string(String(repeating: "я", count: 4096))]).ok)
        }
    }
}
