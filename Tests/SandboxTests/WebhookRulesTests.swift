import Sandbox
import Testing

@Suite("Webhook rules", .timeLimit(.minutes(1)))
struct WebhookRulesTests {
    @Test("set, already set, delete, already deleted: the descriptions Telegram sends")
    func setAndDeleteDescriptions() async throws {
        try await SandboxHarness.with(.withoutWebhookSetLimit) { api async throws in
            let url: SandboxJSON = "https://bots.example.com/hook"
            #expect(try await api.call("deleteWebhook").description == "Webhook is already deleted")
            let set = try await api.call("setWebhook", ["url": url])
            #expect(set.status == 200 && set.result == true && set.description == "Webhook was set")
            #expect(try await api.call("setWebhook", ["url": url]).description == "Webhook is already set")
            #expect(try await api.call("setWebhook", ["url": url, "max_connections": 40]).description == "Webhook is already set")
            #expect(try await api.call("setWebhook", ["url": url, "max_connections": 10]).description == "Webhook was set")
            #expect(try await api.call("setWebhook", ["url": url, "max_connections": 10, "secret_token": "s1"]).description == "Webhook was set")
            #expect(try await api.call("setWebhook", ["url": url, "max_connections": 10, "secret_token": "s1"]).description == "Webhook is already set")
            #expect(try await api.call("setWebhook", ["url": ""]).description == "Webhook was deleted")
            #expect(try await api.call("deleteWebhook").description == "Webhook is already deleted")
        }
    }

    @Test("drop_pending_updates forces a reset and zeroes pending_update_count")
    func dropPendingUpdates() async throws {
        try await SandboxHarness.with(.withoutWebhookSetLimit) { api async throws in
            let url: SandboxJSON = "https://bots.example.com/hook"
            _ = try await api.call("setWebhook", ["url": url])
            #expect(await api.sandbox.setPendingUpdateCount(botID: TestBots.alpha.id, to: 7))
            #expect(try await api.call("getWebhookInfo").result?["pending_update_count"] == 7)
            let again = try await api.call("setWebhook", ["url": url, "drop_pending_updates": true])
            #expect(again.description == "Webhook was set")
            #expect(try await api.call("getWebhookInfo").result?["pending_update_count"] == 0)

            await api.sandbox.setPendingUpdateCount(botID: TestBots.alpha.id, to: 3)
            let delete = try await api.call("deleteWebhook", ["drop_pending_updates": true])
            #expect(delete.description == "Webhook was deleted")
            #expect(try await api.call("getWebhookInfo").result?["pending_update_count"] == 0)
        }
    }

    @Test("URL, port and secret token are checked with Telegram's texts", arguments: [
        (["url": "http://bots.example.com/hook"], "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"),
        (["url": "https://bots.example.com:8080/hook"], "Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"),
        (["url": "ftp://bots.example.com/hook"], "Bad Request: invalid webhook URL specified"),
        (["url": "https://:443/hook"], "Bad Request: invalid webhook URL specified"),
        (["url": "https://bots.example.com/hook", "secret_token": .string(String(repeating: "a", count: 257))], "Bad Request: secret token is too long"),
        (["url": "https://bots.example.com/hook", "secret_token": "not allowed!"], "Bad Request: secret token contains unallowed characters"),
        (["url": "https://bots.example.com/hook", "ip_address": "10.1.2.3"], "Bad Request: bad webhook: IP address 10.1.2.3 is reserved"),
        (["url": "https://127.0.0.1/hook"], "Bad Request: bad webhook: IP address 127.0.0.1 is reserved"),
    ] as [([String: SandboxJSON], String)])
    func rejectedWebhooks(parameters: [String: SandboxJSON], expected: String) async throws {
        try await SandboxHarness.with { api async throws in
            let answer = try await api.call("setWebhook", parameters)
            #expect(answer.status == 400)
            #expect(answer.body == ["ok": false, "error_code": 400, "description": .string(expected)])
            #expect(try await api.call("getWebhookInfo").result?["url"] == "")
        }
    }

    @Test("ports 80, 88, 443 and 8443 are accepted; a 256-character secret is accepted")
    func acceptedWebhooks() async throws {
        try await SandboxHarness.with(.withoutWebhookSetLimit) { api async throws in
            for port in [80, 88, 443, 8443] {
                let answer = try await api.call("setWebhook", ["url": .string("https://bots.example.com:\(port)/hook")])
                #expect(answer.description == "Webhook was set", "port \(port)")
            }
            let secret = SandboxJSON.string(String(repeating: "A-z_9", count: 51) + "x")
            #expect(try await api.call("setWebhook", ["url": "https://bots.example.com/h", "secret_token": secret]).ok)
        }
    }

    @Test("a rejected setWebhook removes the previous webhook, as on Telegram")
    func rejectedSetRemovesPrevious() async throws {
        try await SandboxHarness.with(.withoutWebhookSetLimit) { api async throws in
            _ = try await api.call("setWebhook", ["url": "https://bots.example.com/hook"])
            #expect(try await api.call("setWebhook", ["url": "http://bots.example.com/hook"]).status == 400)
            #expect(try await api.call("getWebhookInfo").result?["url"] == "")
        }
    }

    @Test("getWebhookInfo: max_connections clamped, ip_address when set, no secret, allowed_updates only when not default")
    func webhookInfo() async throws {
        try await SandboxHarness.with(.withoutWebhookSetLimit) { api async throws in
            let polling = try await api.call("getWebhookInfo")
            #expect(polling.result == ["url": "", "has_custom_certificate": false, "pending_update_count": 0])

            _ = try await api.call("setWebhook", [
                "url": "https://bots.example.com/hook", "max_connections": 1000, "ip_address": "8.8.4.4", "secret_token": "hidden",
            ])
            let info = try #require(try await api.call("getWebhookInfo").result)
            #expect(info == [
                "url": "https://bots.example.com/hook", "has_custom_certificate": false, "pending_update_count": 0,
                "max_connections": 100, "ip_address": "8.8.4.4",
            ])
            #expect(!info.jsonText.contains("hidden"))

            _ = try await api.call("setWebhook", ["url": "https://bots.example.com/other", "max_connections": 0])
            #expect(try await api.call("getWebhookInfo").result?["max_connections"] == 1)
        }
    }

    @Test("allowed_updates: omitted keeps, [] restores the default, unknown names are ignored")
    func allowedUpdates() async throws {
        try await SandboxHarness.with(.withoutWebhookSetLimit) { api async throws in
            let url: SandboxJSON = "https://bots.example.com/hook"
            _ = try await api.call("setWebhook", ["url": url, "allowed_updates": ["message", "chat_member"]])
            #expect(try await api.call("getWebhookInfo").result?["allowed_updates"] == ["message", "chat_member"])

            // Changing only allowed_updates is applied but still "already set", like the Bot API server.
            let changed = try await api.call("setWebhook", ["url": url, "allowed_updates": ["callback_query", "MESSAGE", "bogus"]])
            #expect(changed.description == "Webhook is already set")
            #expect(try await api.call("getWebhookInfo").result?["allowed_updates"] == ["message", "callback_query"])

            _ = try await api.call("setWebhook", ["url": url, "max_connections": 5])
            #expect(try await api.call("getWebhookInfo").result?["allowed_updates"] == ["message", "callback_query"])

            _ = try await api.call("setWebhook", ["url": url, "allowed_updates": []])
            #expect(try await api.call("getWebhookInfo").result?["allowed_updates"] == nil)

            // The documented default excludes exactly chat_member, message_reaction and message_reaction_count;
            // 10.3's subscription and stopped_message_generation are in it.
            let everything = SandboxJSON.array(["message", "edited_message", "channel_post", "edited_channel_post",
                "business_connection", "business_message", "edited_business_message", "deleted_business_messages",
                "guest_message", "inline_query", "chosen_inline_result", "callback_query", "shipping_query",
                "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer", "my_chat_member", "chat_join_request",
                "chat_boost", "removed_chat_boost", "managed_bot", "subscription", "stopped_message_generation"])
            _ = try await api.call("setWebhook", ["url": url, "allowed_updates": everything])
            #expect(try await api.call("getWebhookInfo").result?["allowed_updates"] == nil)
        }
    }

    @Test("allowed_updates takes the update types of Bot API 10.3")
    func updateTypesOfTenThree() async throws {
        try await SandboxHarness.with { api async throws in
            let set = try await api.call("setWebhook", [
                "url": "https://bots.example.com/hook", "allowed_updates": ["stopped_message_generation", "subscription", "message"],
            ])
            #expect(set.description == "Webhook was set")
            #expect(try await api.call("getWebhookInfo").result?["allowed_updates"]
                == ["message", "subscription", "stopped_message_generation"])
            // getUpdates changes the subscription too, and reads the same names.
            _ = try await api.call("getUpdates", ["allowed_updates": ["subscription"]], token: TestBots.beta.token)
            _ = try await api.call("setWebhook", ["url": "https://bots.example.com/beta"], token: TestBots.beta.token)
            #expect(try await api.call("getWebhookInfo", token: TestBots.beta.token).result?["allowed_updates"] == ["subscription"])
        }
    }

    @Test("getUpdates answers [] while polling and 409 while a webhook is set")
    func getUpdatesConflict() async throws {
        try await SandboxHarness.with { api async throws in
            #expect(try await api.call("getUpdates").result == [])
            _ = try await api.call("setWebhook", ["url": "https://bots.example.com/hook"])
            let conflict = try await api.call("getUpdates")
            #expect(conflict.status == 409)
            #expect(conflict.description
                == "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
            _ = try await api.call("deleteWebhook")
            #expect(try await api.call("getUpdates").status == 200)
        }
    }

    @Test("bots are independent")
    func botsAreIndependent() async throws {
        try await SandboxHarness.with { api async throws in
            _ = try await api.call("setWebhook", ["url": "https://bots.example.com/hook"])
            #expect(try await api.call("getWebhookInfo", token: TestBots.beta.token).result?["url"] == "")
        }
    }
}
