import Drivers
import Foundation
import Synchronization
import Testing

/// Docker and Postgres requests reach the ``CallRecorder`` with their result, as they do for Telegram.
@Suite("Drivers: Docker and Postgres requests are recorded", .timeLimit(.minutes(5)))
struct LiveCallRecordingTests {
    final class Recorded: CallRecorder {
        let calls = Mutex<[LiveCall]>([])
        func recordCall(_ call: LiveCall) { calls.withLock { $0.append(call) } }
        func recordTelegramRetry(method: String, reason: LiveCall.RetryReason) {}
        func of(_ system: LiveSystem) -> [String] {
            calls.withLock { $0 }.filter { $0.system == system }.map(\.description)
        }
    }

    @Test(.enabled(if: TestEngine.podman != nil && TestEngine.image != nil))
    func dockerRequestsCarryTheirMethodAndStatus() async throws {
        let recorded = Recorded()
        let h = try DockerHarness(try #require(TestEngine.podman), recorder: recorded)
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("worker"))
        try await h.apply()
        let calls = recorded.of(.docker)
        #expect(calls.contains("GET 200"), "\(calls)")
        #expect(calls.contains("POST 201"), "the container was created: \(calls)")
        #expect(calls.contains("POST 204"), "and started: \(calls)")
    }

    @Test(.enabled(if: PostgresHarness.available))
    func postgresReadsAndWritesCarryTheirResult() async throws {
        let recorded = Recorded()
        let h = try PostgresHarness(recorder: recorded)
        defer { Task { await h.shutdown() } }
        try h.write("s.yaml", PostgresHarness.scheduleYAML("daily"))
        try await h.apply()
        #expect(recorded.of(.postgres) == ["read ok", "write ok"], "\(recorded.of(.postgres))")

        let down = Recorded()
        let unreachable = try PostgresHarness(url: "postgres://botops@127.0.0.1:1/botops", recorder: down)
        defer { Task { await unreachable.shutdown() } }
        try unreachable.write("s.yaml", PostgresHarness.scheduleYAML("daily"))
        _ = try await unreachable.plan()
        #expect(down.of(.postgres) == ["read unreachable"])
    }
}
