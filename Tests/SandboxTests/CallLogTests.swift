import AsyncHTTPClient
import Foundation
import Logging
import Sandbox
import Testing

@Suite("Call log and secret masking", .timeLimit(.minutes(1)))
struct CallLogTests {
    @Test("records calls in order with masked secrets, and never a token")
    func recordsAndMasks() async throws {
        try await SandboxHarness.with { api async throws in
            let hookWithToken = SandboxJSON.string("https://bots.example.com/\(TestBots.alpha.token)/hook")
            _ = try await api.call("setWebhook", ["url": hookWithToken, "secret_token": "TopSecret_123"])
            _ = try await api.call("getMe", token: TestBots.stranger)
            _ = try await api.send("/botnot-a-token/getMe", method: .GET)
            _ = try await api.call("sendPhoto")

            let calls = await api.sandbox.calls()
            #expect(calls.map(\.seq) == [1, 2, 3, 4])
            #expect(calls.map(\.bot) == ["123456789", "555000111", nil, "123456789"])
            #expect(calls.map(\.method) == ["setWebhook", "getMe", "getMe", "sendPhoto"])
            #expect(calls.map(\.status) == [200, 401, 404, 404])
            #expect(calls[0].params == ["url": "https://bots.example.com/123456789:***/hook", "secret_token": "***"])

            let raw = try await api.send("/_sandbox/calls", method: .GET)
            let text = raw.body.jsonText
            for secret in [TestBots.alpha.token, TestBots.stranger, "TopSecret_123", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX"] {
                #expect(!text.contains(secret))
            }
            let at = try #require(raw.body.arrayValue?.first?["at"]?.stringValue)
            #expect(at.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil)
            #expect(raw.body.arrayValue?[2]["bot"] == .null)
        }
    }

    @Test("the log decodes back into SandboxCall")
    func decodes() async throws {
        try await SandboxHarness.with { api async throws in
            _ = try await api.call("getMe")
            var request = try await api.send("/_sandbox/calls", method: .GET).body.jsonData
            let decoded = try JSONDecoder().decode([SandboxCall].self, from: request)
            #expect(decoded.map(\.method) == ["getMe"])
            request = try await api.send("/_sandbox/stats", method: .GET).body.jsonData
            #expect(try JSONDecoder().decode(SandboxStats.self, from: request) == SandboxStats(calls: 1))
        }
    }

    @Test("DELETE /_sandbox/calls empties the log and resets the counters; sequence numbers go on")
    func clearing() async throws {
        try await SandboxHarness.with { api async throws in
            _ = try await api.call("getMe")
            _ = try await api.call("getMe")
            #expect(try await api.send("/_sandbox/calls", method: .DELETE).status == 204)
            #expect(await api.sandbox.calls().isEmpty)
            #expect(await api.sandbox.stats() == SandboxStats())
            _ = try await api.call("getMe")
            #expect(await api.sandbox.calls().map(\.seq) == [3])
            await api.sandbox.clearCalls()
            #expect(try await api.send("/_sandbox/calls", method: .GET).body == [])
        }
    }

    @Test("log lines show /bot<id>:***/, never the token")
    func logLines() async throws {
        let recorder = LogRecorder()
        let logger = Logger(label: "sandbox-log-test") { _ in recorder.handler }
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(bots: [TestBots.alpha]), logger: logger)
        let api = SandboxHarness(sandbox: sandbox, client: HTTPClient())
        do {
            _ = try await api.call("getMe")
            _ = try await api.call("getMe", token: TestBots.stranger)
            _ = try await api.send("/bot\(TestBots.alpha.token)/\(TestBots.alpha.token)", method: .GET)
        } catch {
            Issue.record(error)
        }
        try await api.client.shutdown()
        await sandbox.stop()

        let lines = recorder.lines
        #expect(lines.contains { $0.contains("/bot123456789:***/getMe -> 200") })
        #expect(lines.contains { $0.contains("/bot555000111:***/getMe -> 401") })
        for line in lines {
            #expect(!line.contains(TestBots.alpha.token) && !line.contains(TestBots.stranger))
        }
    }
}

/// Collects log messages across tasks. `@unchecked Sendable` is sound: the only stored property,
/// `storage`, is read and written only while `lock` is held.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    var lines: [String] {
        lock.withLock { storage }
    }

    func append(_ line: String) {
        lock.withLock { storage.append(line) }
    }

    /// A log handler that writes into this recorder.
    var handler: Handler { Handler(recorder: self) }

    struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.append(event.message.description)
        }
    }
}
