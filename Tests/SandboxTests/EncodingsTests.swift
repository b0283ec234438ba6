import Sandbox
import Testing

@Suite("Parameter encodings", .timeLimit(.minutes(1)))
struct EncodingsTests {
    static let commands: SandboxJSON = [["command": "start", "description": "Start"], ["command": "stop", "description": "Stop"]]
    static let scope: SandboxJSON = ["type": "chat", "chat_id": -100777]

    @Test("JSON, form, query and multipart requests mean the same", arguments: ParameterEncoding.allCases)
    func sameMeaning(encoding: ParameterEncoding) async throws {
        try await SandboxHarness.with { api async throws in
            let set = try await api.call("setWebhook", [
                "url": "https://bots.example.com/hook", "max_connections": 12, "allowed_updates": ["message", "poll"],
                "secret_token": "abc-DEF_1", "drop_pending_updates": true,
            ], encoding: encoding)
            #expect(set.description == "Webhook was set")
            #expect(try await api.call("getWebhookInfo", encoding: encoding).result == [
                "url": "https://bots.example.com/hook", "has_custom_certificate": false, "pending_update_count": 0,
                "max_connections": 12, "allowed_updates": ["message", "poll"],
                // The host is not resolved: a made-up address, the same for the same host, stands for it.
                "ip_address": "203.0.113.223",
            ])

            #expect(try await api.call("setMyCommands", ["commands": Self.commands, "scope": Self.scope, "language_code": "es"],
                                       encoding: encoding).ok)
            #expect(try await api.call("getMyCommands", ["scope": Self.scope, "language_code": "es"], encoding: encoding).result
                == Self.commands)
            #expect(try await api.call("setMyDefaultAdministratorRights",
                                       ["rights": ["can_invite_users": true], "for_channels": true], encoding: encoding).ok)
            #expect(try await api.call("getMyDefaultAdministratorRights", ["for_channels": true], encoding: encoding)
                .result?["can_invite_users"] == true)

            // Whatever the encoding, the call log shows JSON parameters parsed.
            let logged = await api.sandbox.calls().first { $0.method == "setMyCommands" }
            #expect(logged?.params["commands"] == Self.commands)
            #expect(logged?.params["scope"] == Self.scope)
        }
    }

    @Test("JSON bodies may carry numbers and booleans as strings, and objects as JSON text")
    func looseJSONTypes() async throws {
        try await SandboxHarness.with { api async throws in
            _ = try await api.call("setWebhook", ["url": "https://bots.example.com/hook", "max_connections": "7"])
            #expect(try await api.call("getWebhookInfo").result?["max_connections"] == 7)
            #expect(try await api.call("setMyCommands", ["commands": .string(Self.commands.jsonText)]).ok)
            #expect(try await api.call("getMyCommands").result == Self.commands)
            #expect(try await api.call("getMyDefaultAdministratorRights", ["for_channels": "yes"]).ok)
        }
    }

    @Test("query parameters count on POST too, and the body wins")
    func queryOnPost() async throws {
        try await SandboxHarness.with { api async throws in
            let path = "/bot\(TestBots.alpha.token)/setMyName?name=FromQuery&language_code=it"
            _ = try await api.send(path, method: .POST, contentType: "application/json", body: Array(#"{"name":"FromBody"}"#.utf8))
            #expect(try await api.call("getMyName", ["language_code": "it"]).result == ["name": "FromBody"])
        }
    }

    @Test("an unparsable JSON body is refused")
    func badJSONBody() async throws {
        try await SandboxHarness.with { api async throws in
            let answer = try await api.send("/bot\(TestBots.alpha.token)/setMyName", method: .POST,
                                            contentType: "application/json", body: Array("{name:".utf8))
            #expect(answer.status == 400)
            #expect(answer.description == "Bad Request: can't parse JSON encoded request body")
        }
    }

    @Test("a certificate uploaded with multipart/form-data is reported")
    func certificateUpload() async throws {
        try await SandboxHarness.with { api async throws in
            let boundary = "cert-boundary"
            let body = """
            --\(boundary)\r
            Content-Disposition: form-data; name="url"\r
            \r
            https://bots.example.com/hook\r
            --\(boundary)\r
            Content-Disposition: form-data; name="certificate"; filename="cert.pem"\r
            Content-Type: application/x-pem-file\r
            \r
            -----BEGIN CERTIFICATE-----\r
            --\(boundary)--\r

            """
            let answer = try await api.send("/bot\(TestBots.alpha.token)/setWebhook", method: .POST,
                                            contentType: "multipart/form-data; boundary=\(boundary)", body: Array(body.utf8))
            #expect(answer.description == "Webhook was set")
            #expect(try await api.call("getWebhookInfo").result?["has_custom_certificate"] == true)
            let logged = await api.sandbox.calls().first?.params["certificate"]
            #expect(logged == "<file cert.pem, 27 bytes>")
        }
    }
}
