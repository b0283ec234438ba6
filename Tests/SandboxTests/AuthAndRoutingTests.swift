import Foundation
import Sandbox
import Testing

@Suite("Authentication, routing and method names", .timeLimit(.minutes(1)))
struct AuthAndRoutingTests {
    @Test("a well-formed unknown token gets 401 Unauthorized")
    func unknownToken() async throws {
        try await SandboxHarness.with { api async throws in
            let answer = try await api.call("getMe", token: TestBots.stranger)
            #expect(answer.status == 401)
            #expect(answer.body == ["ok": false, "error_code": 401, "description": "Unauthorized"])
        }
    }

    @Test("malformed tokens, unknown methods and unknown paths get 404 Not Found", arguments: [
        "/bot123:short/getMe", "/botnotatoken/getMe", "/bot\(TestBots.alpha.token)/sendPhoto",
        "/bot\(TestBots.alpha.token)/", "/bot\(TestBots.alpha.token)/getMe/extra", "/", "/api/getMe",
    ])
    func notFound(path: String) async throws {
        try await SandboxHarness.with { api async throws in
            let answer = try await api.send(path, method: .GET)
            #expect(answer.status == 404)
            #expect(answer.body == ["ok": false, "error_code": 404, "description": "Not Found"])
        }
    }

    @Test("method names are case-insensitive and logged in canonical camelCase", arguments: ["getme", "GETME", "GetMe"])
    func caseInsensitive(name: String) async throws {
        try await SandboxHarness.with { api async throws in
            #expect(try await api.call(name).status == 200)
            #expect(await api.sandbox.calls().map(\.method) == ["getMe"])
        }
    }

    @Test("a percent-encoded colon in the token is understood")
    func percentEncodedToken() async throws {
        try await SandboxHarness.with { api async throws in
            let encoded = TestBots.alpha.token.replacingOccurrences(of: ":", with: "%3A")
            #expect(try await api.send("/bot\(encoded)/getMe", method: .GET).status == 200)
        }
    }

    @Test("getMe describes the bot")
    func getMe() async throws {
        try await SandboxHarness.with { api async throws in
            let alpha = try #require(try await api.call("getMe").result)
            #expect(alpha["id"] == 123456789)
            #expect(alpha["is_bot"] == true)
            #expect(alpha["username"] == "alpha_bot")
            #expect(alpha["can_join_groups"] == true)
            #expect(alpha["can_read_all_group_messages"] == false)
            #expect(alpha["supports_inline_queries"] == false)
            let beta = try #require(try await api.call("getMe", token: TestBots.beta.token).result)
            #expect(beta["username"] == "bot987654321")
            #expect(beta["first_name"] == "bot987654321")
        }
    }

    @Test("controls answer without a token")
    func controls() async throws {
        try await SandboxHarness.with { api async throws in
            let health = try await api.send("/_sandbox/healthz", method: .GET)
            #expect(health.status == 200 && health.body == "ok\n")
            #expect(try await api.send("/_sandbox/stats", method: .GET).body == ["calls": 0, "injected": 0, "retryAfterViolations": 0])
            #expect(try await api.send("/_sandbox/nothing", method: .GET).status == 404)
            #expect(try await api.send("/_sandbox/stats", method: .POST).status == 405)
        }
    }

    @Test("a bad configuration is refused without echoing the token")
    func badConfiguration() async throws {
        let secret = "123:tooShortSecretValue"
        let error = await #expect(throws: SandboxConfigurationError.self) {
            _ = try await RunningSandbox.start(SandboxConfiguration(bots: [SandboxBot(token: secret)]))
        }
        #expect(error?.code == .malformedToken)
        #expect(!(error?.message.contains("tooShortSecretValue") ?? true))
        await #expect(throws: SandboxConfigurationError.self) {
            _ = try await RunningSandbox.start(SandboxConfiguration(bots: [TestBots.alpha, TestBots.alpha]))
        }
    }
}
