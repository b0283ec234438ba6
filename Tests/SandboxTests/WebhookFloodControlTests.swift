@testable import Sandbox
import Testing

/// Telegram's limit of one `setWebhook` with a URL per bot per second. Its one-second rule is checked on
/// given instants; the tests over HTTP use a wider window, so a loaded machine cannot push their calls
/// out of it.
@Suite("setWebhook flood control", .timeLimit(.minutes(1)))
struct WebhookFloodControlTests {
    @Test("a second setWebhook with a URL within the second is answered 429 retry after 1")
    func secondCallWithinTheSecond() async throws {
        // Telegram's own one-second window, decided on given instants: no timing in the test.
        var limiter = WebhookSetLimiter(interval: .seconds(1))
        let t0 = ContinuousClock.now
        #expect(limiter.admit(botID: "1", arrival: t0, now: t0).retryAfter == nil)
        #expect(limiter.admit(botID: "1", arrival: t0 + .milliseconds(300), now: t0 + .milliseconds(300)).retryAfter == 1)
        #expect(limiter.admit(botID: "2", arrival: t0 + .milliseconds(300), now: t0 + .milliseconds(300)).retryAfter == nil,
                "each bot has its own second")
        #expect(limiter.admit(botID: "1", arrival: t0 + .milliseconds(1001), now: t0 + .milliseconds(1001)).retryAfter == nil)
        // And the answer's exact shape over HTTP, in a window wide enough for a loaded machine (so N is up
        // to 10 here, where Telegram's second makes it 1, as above).
        try await SandboxHarness.with(.webhookSetInterval(.seconds(10))) { api async throws in
            #expect(try await api.call("setWebhook", ["url": "https://bots.example.com/one"]).description == "Webhook was set")
            let second = try await api.call("setWebhook", ["url": "https://bots.example.com/two", "max_connections": 5])
            #expect(second.status == 429)
            let n = second.body["parameters"]?["retry_after"]?.intValue ?? 0
            #expect((1...10).contains(n))
            #expect(second.body == [
                "ok": false, "error_code": 429, "description": .string("Too Many Requests: retry after \(n)"),
                "parameters": ["retry_after": .int(n)],
            ])
            #expect(second.headers["retry-after"] == String(n))
        }
    }

    @Test("a refused setWebhook changes nothing; the window is per bot")
    func refusedCallsChangeNothing() async throws {
        // Ten seconds instead of Telegram's one, so the five calls below surely fall inside the window.
        try await SandboxHarness.with(.webhookSetInterval(.seconds(10))) { api async throws in
            #expect(try await api.call("setWebhook", ["url": "https://bots.example.com/one"]).description == "Webhook was set")
            let second = try await api.call("setWebhook", ["url": "https://bots.example.com/two", "max_connections": 5])
            #expect(second.status == 429)
            let retryAfter = Int(try #require(second.body["parameters"]?["retry_after"]?.intValue))
            #expect((1...10).contains(retryAfter))
            #expect(second.body["description"] == .string("Too Many Requests: retry after \(retryAfter)"))
            let info = try #require(try await api.call("getWebhookInfo").result)
            #expect(info["url"] == "https://bots.example.com/one" && info["max_connections"] == 40)

            // Checked before "already set": even the same URL again is refused.
            #expect(try await api.call("setWebhook", ["url": "https://bots.example.com/one"]).status == 429)

            // Each bot has its own second.
            #expect(try await api.call("setWebhook", ["url": "https://bots.example.com/beta"], token: TestBots.beta.token).ok)

            let calls = await api.sandbox.calls().filter { $0.method == "setWebhook" }
            #expect(calls.map(\.status) == [200, 429, 429, 200])
            #expect(calls.allSatisfy { !$0.injected }, "Telegram's own limit, not an injected failure")
        }
    }

    @Test("a refused URL still uses up the window; deleteWebhook and an empty URL are never limited")
    func whatCountsAndWhatIsFree() async throws {
        // Ten seconds instead of one: on a loaded machine two calls can be more than a second apart.
        try await SandboxHarness.with(.webhookSetInterval(.seconds(10))) { api async throws in
            let refused = try await api.call("setWebhook", ["url": "http://bots.example.com/hook"])
            #expect(refused.status == 400, "the URL is checked after the limit, so this call counted")
            #expect(try await api.call("setWebhook", ["url": "https://bots.example.com/hook"]).status == 429)

            #expect(try await api.call("deleteWebhook").description == "Webhook is already deleted")
            #expect(try await api.call("setWebhook", ["url": ""]).description == "Webhook is already deleted")
            #expect(try await api.call("getWebhookInfo").ok)
            #expect(await api.sandbox.stats().retryAfterViolations == 0, "only setWebhook with a URL is limited")
        }
    }

    @Test("calling again before retry_after passed is a violation; waiting it out is not")
    func violationsAndWaiting() async throws {
        // Eight seconds instead of one, so the repeated calls surely fall inside the window on a loaded
        // machine (three were not enough once, with the whole suite running on 2 cores).
        try await SandboxHarness.with(.webhookSetInterval(.seconds(8))) { api async throws in
            _ = try await api.call("setWebhook", ["url": "https://bots.example.com/one"])
            let refused = try await api.call("setWebhook", ["url": "https://bots.example.com/two"])
            #expect(refused.status == 429)
            #expect(await api.sandbox.stats().retryAfterViolations == 0, "the first 429 is Telegram's limit, not a violation")

            #expect(try await api.call("setWebhook", ["url": "https://bots.example.com/two"]).status == 429)
            #expect(await api.sandbox.stats().retryAfterViolations == 1)

            let retryAfter = Int(refused.body["parameters"]?["retry_after"]?.intValue ?? 8)
            try await Task.sleep(for: .milliseconds(retryAfter * 1000 + 150))
            #expect(try await api.call("setWebhook", ["url": "https://bots.example.com/two"]).description == "Webhook was set")
            #expect(try await api.call("getWebhookInfo").result?["url"] == "https://bots.example.com/two")
            #expect(await api.sandbox.stats().retryAfterViolations == 1)
        }
    }

    @Test("webhookSetInterval zero turns the limit off")
    func limitOff() async throws {
        try await SandboxHarness.with(.withoutWebhookSetLimit) { api async throws in
            for index in 0..<3 {
                let answer = try await api.call("setWebhook", ["url": .string("https://bots.example.com/\(index)")])
                #expect(answer.description == "Webhook was set", "call \(index)")
            }
        }
    }
}
