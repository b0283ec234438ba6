import Foundation
import Testing

/// Two applies started at once on one state: the second waits for the lock, and the history proves no overlap by
/// when each run *got* the lock (`lockedAt`), not when it started: the waiting run started before the other ended.
@Suite("CLI: two applies at once take turns, and the history says when each held the lock", .timeLimit(.minutes(5)))
struct ApplyLockSpanCLITests {
    struct Record: Decodable {
        struct Run: Decodable { let startedAt: String }
        let run: Run
        let lockedAt: String?
        let finishedAt: String
    }

    static func date(_ text: String) throws -> Date {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return try #require(fractional.date(from: text) ?? ISO8601DateFormatter().date(from: text), "\(text)")
    }

    @Test func theSecondRunWaitsAndTheirLockSpansDoNotOverlap() async throws {
        // Every Bot API call takes 150 ms: the first apply holds the lock for a while.
        let fleet = try await TelegramFleetHarness(bots: ["alpha", "beta"], latency: .milliseconds(150))
        defer { Task { await fleet.shutdown() } }
        for bot in ["alpha", "beta"] { try fleet.write("bots/\(bot).yaml", TelegramFleetHarness.botYAML(bot)) }
        let arguments = ["apply", fleet.folder, "--auto-approve", "--lock-timeout", "120s"]
        async let first = BotopsProcess.run(arguments, environment: fleet.environment)
        async let second = BotopsProcess.run(arguments, environment: fleet.environment)
        let outputs = try await [first, second]
        #expect(outputs.allSatisfy { $0.status == 0 }, "\(outputs.map(\.stderr))")

        let history = try await BotopsProcess.run(["history", fleet.folder, "--format", "json"], environment: fleet.environment)
        let records = try JSONDecoder().decode([Record].self, from: Data(history.stdout.utf8))
        #expect(records.count == 2, "\(history.stdout)")
        guard records.count == 2 else { return }
        let spans = try records.map { record in
            (started: try Self.date(record.run.startedAt), locked: try Self.date(try #require(record.lockedAt)),
             finished: try Self.date(record.finishedAt))
        }.sorted { $0.locked < $1.locked }
        #expect(spans[0].finished <= spans[1].locked, "the lock spans overlap: \(spans)")
        #expect(spans.allSatisfy { $0.started <= $0.locked && $0.locked <= $0.finished })
        #expect(spans[1].started < spans[0].finished, "the second run started while the first held the lock, and waited")
    }
}
