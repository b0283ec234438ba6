import Sandbox
import Testing

@Suite("Bot commands", .timeLimit(.minutes(1)))
struct CommandsTests {
    static let start: SandboxJSON = ["command": "start", "description": "Start the bot"]
    static let help: SandboxJSON = ["command": "help", "description": "Show help"]

    @Test("lists are kept per scope and language; unset lists read back as []")
    func perScopeAndLanguage() async throws {
        try await SandboxHarness.with { api async throws in
            #expect(try await api.call("getMyCommands").result == [])
            #expect(try await api.call("setMyCommands", ["commands": [Self.start, Self.help]]).result == true)
            #expect(try await api.call("setMyCommands", ["commands": [Self.help], "language_code": "de"]).ok)
            let groupScope: SandboxJSON = ["type": "all_group_chats"]
            #expect(try await api.call("setMyCommands", ["commands": [Self.start], "scope": groupScope]).ok)

            #expect(try await api.call("getMyCommands").result == [Self.start, Self.help])
            #expect(try await api.call("getMyCommands", ["language_code": "de"]).result == [Self.help])
            #expect(try await api.call("getMyCommands", ["language_code": "fr"]).result == [])
            #expect(try await api.call("getMyCommands", ["scope": groupScope]).result == [Self.start])
            #expect(try await api.call("getMyCommands", ["scope": ["type": "all_private_chats"]]).result == [])
            #expect(try await api.call("getMyCommands", ["scope": ["type": "default"]]).result == [Self.start, Self.help])
        }
    }

    @Test("chat scopes accept an id as number or string and @usernames case-insensitively")
    func chatScopes() async throws {
        try await SandboxHarness.with { api async throws in
            _ = try await api.call("setMyCommands", ["commands": [Self.start], "scope": ["type": "chat", "chat_id": -1001234]])
            #expect(try await api.call("getMyCommands", ["scope": ["type": "chat", "chat_id": "-1001234"]]).result == [Self.start])
            #expect(try await api.call("getMyCommands", ["scope": ["type": "chat_administrators", "chat_id": -1001234]]).result == [])

            let member: SandboxJSON = ["type": "chat_member", "chat_id": "@MyGroup", "user_id": 42]
            _ = try await api.call("setMyCommands", ["commands": [Self.help], "scope": member])
            #expect(try await api.call("getMyCommands", ["scope": ["type": "chat_member", "chat_id": "@mygroup", "user_id": 42]]).result
                == [Self.help])
            #expect(try await api.call("getMyCommands", ["scope": ["type": "chat_member", "chat_id": "@mygroup", "user_id": 43]]).result
                == [])
        }
    }

    @Test("an empty list and deleteMyCommands both delete")
    func deleting() async throws {
        try await SandboxHarness.with { api async throws in
            _ = try await api.call("setMyCommands", ["commands": [Self.start]])
            #expect(try await api.call("setMyCommands", ["commands": []]).ok)
            #expect(try await api.call("getMyCommands").result == [])
            _ = try await api.call("setMyCommands", ["commands": [Self.start], "language_code": "en"])
            #expect(try await api.call("deleteMyCommands", ["language_code": "en"]).result == true)
            #expect(try await api.call("getMyCommands", ["language_code": "en"]).result == [])
        }
    }

    @Test("commands are trimmed and lose a leading slash, as TDLib does")
    func normalization() async throws {
        try await SandboxHarness.with { api async throws in
            _ = try await api.call("setMyCommands", ["commands": [["command": " /start ", "description": "  Start  "]]])
            #expect(try await api.call("getMyCommands").result == [["command": "start", "description": "Start"]])
        }
    }

    @Test("is_ephemeral (Bot API 10.3) is kept and read back only when true")
    func ephemeralCommands() async throws {
        try await SandboxHarness.with { api async throws in
            let ephemeral: SandboxJSON = ["command": "secret", "description": "Only you see the answer", "is_ephemeral": true]
            let explicitFalse: SandboxJSON = ["command": "help", "description": "Show help", "is_ephemeral": false]
            #expect(try await api.call("setMyCommands", ["commands": [ephemeral, explicitFalse, Self.start]]).ok)
            #expect(try await api.call("getMyCommands").result == [ephemeral, Self.help, Self.start],
                    "false is Telegram's default and is left out, as for every optional boolean")

            let refused = try await api.call("setMyCommands", ["commands": [["command": "go", "description": "d", "is_ephemeral": "yes"]]])
            #expect(refused.status == 400)
            #expect(refused.description == "Bad Request: can't parse BotCommand: Field \"is_ephemeral\" must be of type Boolean")
            #expect(try await api.call("getMyCommands").result == [ephemeral, Self.help, Self.start])
        }
    }

    static let longCommand = SandboxJSON.string(String(repeating: "a", count: 33))
    static let longDescription = SandboxJSON.string(String(repeating: "d", count: 257))
    static let tooMany = SandboxJSON.array((0...100).map { ["command": .string("c\($0)"), "description": "d"] })

    @Test("invalid lists are refused with the Bot API's texts and change nothing", arguments: [
        (["commands": [["command": "Start", "description": "d"]]], "Bad Request: BOT_COMMAND_INVALID"),
        (["commands": [["command": "do-it", "description": "d"]]], "Bad Request: BOT_COMMAND_INVALID"),
        (["commands": [["command": "/", "description": "d"]]], "Bad Request: command must be non-empty"),
        (["commands": [["command": CommandsTests.longCommand, "description": "d"]]], "Bad Request: command length must not exceed 32"),
        (["commands": [["command": "go", "description": " "]]], "Bad Request: command description must be non-empty"),
        (["commands": [["command": "go", "description": CommandsTests.longDescription]]], "Bad Request: command description length must not exceed 256"),
        (["commands": CommandsTests.tooMany], "Bad Request: BOT_COMMANDS_TOO_MUCH"),
        (["commands": [["command": "go"]]], "Bad Request: can't parse BotCommand: Can't find field \"description\""),
        (["commands": ["go"]], "Bad Request: can't parse BotCommand: expected an Object"),
        (["commands": ["command": "go"]], "Bad Request: expected an Array of BotCommand"),
        (["commands": [CommandsTests.start], "language_code": "EN"], "Bad Request: invalid language code specified"),
        (["commands": [CommandsTests.start], "language_code": "eng"], "Bad Request: invalid language code specified"),
        (["commands": [CommandsTests.start], "scope": ["type": "everyone"]], "Bad Request: can't parse BotCommandScope: Unsupported type specified"),
        (["commands": [CommandsTests.start], "scope": ["type": "chat"]], "Bad Request: can't parse BotCommandScope: Can't find field \"chat_id\""),
        (["commands": [CommandsTests.start], "scope": ["type": "chat_member", "chat_id": 5, "user_id": 0]],
         "Bad Request: can't parse BotCommandScope: Invalid user_id specified"),
        (["commands": [CommandsTests.start], "scope": ["type": "chat", "chat_id": "mygroup"]], "Bad Request: chat not found"),
    ] as [([String: SandboxJSON], String)])
    func refused(parameters: [String: SandboxJSON], expected: String) async throws {
        try await SandboxHarness.with { api async throws in
            _ = try await api.call("setMyCommands", ["commands": [Self.help]])
            let answer = try await api.call("setMyCommands", parameters)
            #expect(answer.status == 400)
            #expect(answer.description == expected)
            #expect(try await api.call("getMyCommands").result == [Self.help])
        }
    }

    @Test("exactly 100 commands are accepted")
    func hundredCommands() async throws {
        try await SandboxHarness.with { api async throws in
            let hundred = SandboxJSON.array((0..<100).map { ["command": .string("c\($0)"), "description": "d"] })
            #expect(try await api.call("setMyCommands", ["commands": hundred]).ok)
            #expect(try await api.call("getMyCommands").result?.arrayValue?.count == 100)
        }
    }
}
