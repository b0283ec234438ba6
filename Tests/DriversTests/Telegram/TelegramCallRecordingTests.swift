import AsyncHTTPClient
import Foundation
import Sandbox
import Synchronization
import Testing
@testable import Drivers

/// Every Bot API request reaches the ``CallRecorder`` with its method and code, and each retry with why.
@Suite("Telegram client: requests and retries are recorded", .timeLimit(.minutes(5)))
struct TelegramCallRecordingTests {
    final class Recorded: CallRecorder {
        let calls = Mutex<[LiveCall]>([])
        let retries = Mutex<[String]>([])
        func recordCall(_ call: LiveCall) { calls.withLock { $0.append(call) } }
        func recordTelegramRetry(method: String, reason: LiveCall.RetryReason) { retries.withLock { $0.append("\(method) \(reason.rawValue)") } }
    }

    @Test func anAnswerIsItsCodeAndAnErrorKeepsItsCode() async throws {
        let token = "7100000:" + String(repeating: "r", count: 35)
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(bots: [SandboxBot(token: token, username: "recorded_bot")]))
        defer { Task { await sandbox.stop() } }
        let recorded = Recorded()
        let client = TelegramClient(baseURL: sandbox.baseURL, http: .shared, recorder: recorded)
        _ = try await client.call("getMe", token: token)
        await #expect(throws: TelegramAPIError.self) {
            try await client.call("setMyName", token: token, ["name": .string(String(repeating: "n", count: 65))])
        }
        let calls = recorded.calls.withLock { $0 }.map { "\($0.system.name) \($0.operation) \($0.result)" }
        #expect(calls == ["telegram getMe 200", "telegram setMyName 400"], "\(calls)")
        #expect(recorded.retries.withLock { $0 }.isEmpty, "a 400 is not retried")
    }

    @Test func floodControlIsA429AndAFloodRetry() async throws {
        // Every call answered 429 (retry_after 1): two attempts, one retry between them, whatever the machine's load.
        let token = "7100001:" + String(repeating: "f", count: 35)
        let sandbox = try await RunningSandbox.start(SandboxConfiguration(
            bots: [SandboxBot(token: token, username: "flooded_bot")], failRate: 1, failKinds: [.tooManyRequests]))
        defer { Task { await sandbox.stop() } }
        let recorded = Recorded()
        let client = TelegramClient(baseURL: sandbox.baseURL, http: .shared, retry: RetryPolicy(maxAttempts: 2), recorder: recorded)
        await #expect(throws: TelegramAPIError.self) {
            try await client.call("setWebhook", token: token, ["url": "https://hooks.example.org/one"])
        }
        #expect(recorded.calls.withLock { $0 }.map(\.result) == [.status(429), .status(429)])
        #expect(recorded.retries.withLock { $0 } == ["setWebhook flood"])
    }

    @Test func aRefusedConnectionIsUnreachable() async throws {
        let recorded = Recorded()
        // Port 1 on loopback refuses at once with a client that does not retry connecting itself.
        let http = TelegramClient.makeHTTPClient()
        let client = TelegramClient(baseURL: "http://127.0.0.1:1", http: http,
                                    retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10)), timeout: .seconds(2),
                                    recorder: recorded)
        await #expect(throws: TelegramAPIError.self) {
            try await client.call("getMe", token: "1:" + String(repeating: "x", count: 35))
        }
        #expect(recorded.calls.withLock { $0 }.map(\.result) == [.unreachable, .unreachable])
        #expect(recorded.retries.withLock { $0 } == ["getMe transient"])
        try await http.shutdown()
    }
}
