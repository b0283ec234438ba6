import AsyncHTTPClient
@testable import Drivers
import Foundation
import Spec
import Testing

/// How the client puts a call on the wire: a read (`get...`) as GET with its parameters in the query string,
/// which costs one write instead of a head and a body; a write as POST with a JSON body. The Bot API reads
/// both forms alike, and the sandbox, which follows its rules, must answer a read the same either way.
@Suite("Telegram client: reads as GET, writes as POST", .timeLimit(.minutes(5)))
struct TelegramRequestFormTests {
    @Test func theQueryStringIsAFormOfTheParameters() {
        #expect(TelegramClient.query([:]) == "", "no parameters, no question mark")
        let query = TelegramClient.query([
            "scope": .object(["type": "chat", "chat_id": .int(-100)]),
            "language_code": "en",
            "limit": .int(1),
            "chat_id": "@news channel/ü&x=y",
            "on": .bool(true),
        ])
        // Names sorted; text as it is, other values as JSON text; every byte but the unreserved ones escaped.
        #expect(query == "?chat_id=%40news%20channel%2F%C3%BC%26x%3Dy&language_code=en&limit=1&on=true"
                + "&scope=%7B%22chat_id%22%3A-100%2C%22type%22%3A%22chat%22%7D")
    }

    @Test func readsGoAsGetAndWritesAsPostAndTheSandboxReadsBothAlike() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        let sandbox = try #require(URLComponents(string: fleet.sandbox.baseURL))
        let proxy = try await TCPProxy.start(to: try #require(sandbox.host), port: fleet.sandbox.port)
        defer { Task { await proxy.stop() } }
        let token = try #require(fleet.tokens["alpha"])
        let client = TelegramClient(baseURL: "http://127.0.0.1:\(proxy.port)", http: .shared)
        let scope: JSONValue = .object(["type": "all_private_chats"])
        let commands: JSONValue = .array([.object(["command": "start", "description": "Begin & say \"hi\" ✓"])])

        #expect(try await client.call("setMyCommands", token: token,
                                      ["commands": commands, "scope": scope, "language_code": "de"]) == .bool(true))
        let read = try await client.call("getMyCommands", token: token, ["scope": scope, "language_code": "de"])
        #expect(read == commands, "the scope and language sent in the query string name the set just written")
        #expect(try await client.call("getMyCommands", token: token, ["scope": scope]) == .array([]),
                "another language's set is empty: the language was read from the query, not ignored")
        let me = try await client.call("getMe", token: token)
        #expect(me["is_bot"] == .bool(true))

        let seen = proxy.requests.map { "\($0.verb) \($0.method)" }
        #expect(seen == ["POST setMyCommands", "GET getMyCommands", "GET getMyCommands", "GET getMe"])
        #expect(proxy.requests.map(\.query) == [nil, "language_code=de&scope=%7B%22type%22%3A%22all_private_chats%22%7D",
                                               "scope=%7B%22type%22%3A%22all_private_chats%22%7D", nil])
        let logged = await fleet.sandbox.calls().filter { $0.method == "getMyCommands" }.map(\.params)
        #expect(logged.first?["language_code"] == "de")
        #expect(logged.first?["scope"] == ["type": "all_private_chats"], "the sandbox logs a JSON parameter parsed")
    }
}
