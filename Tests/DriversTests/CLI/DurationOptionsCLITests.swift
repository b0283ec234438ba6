import Foundation
import Testing

/// Every duration option takes one spelling: `30s`, `5m`, `1h`, `500ms`, or plain seconds.
@Suite("Duration options: one spelling for every one", .timeLimit(.minutes(5)))
struct DurationOptionsCLITests {
    @Test func everyDurationOptionTakesUnitsAndPlainSeconds() async throws {
        let root = try ValidateLimitsCLITests.folder(["botops.yaml": ValidateLimitsCLITests.project])
        defer { try? FileManager.default.removeItem(atPath: root) }
        for arguments in [["plan", root, "--connect-timeout", "500ms"], ["plan", root, "--connect-timeout", "2.5"],
                          ["apply", root, "--auto-approve", "--lock-timeout", "2m"],
                          ["apply", root, "--auto-approve", "--lock-timeout", "1h30m"],
                          ["apply", root, "--auto-approve", "--lock-timeout", "30"]] {
            let output = try await BotopsProcess.run(arguments)
            #expect(output.status == 0, "\(arguments): \(output.stderr)")
        }
    }

    @Test func aMalformedDurationIsAUsageError() async throws {
        let root = try ValidateLimitsCLITests.folder(["botops.yaml": ValidateLimitsCLITests.project])
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (arguments, option) in [(["apply", root, "--lock-timeout", "5x"], "--lock-timeout"),
                                    (["plan", root, "--connect-timeout", "-1"], "--connect-timeout"),
                                    (["plan", root, "--connect-timeout", "0s"], "--connect-timeout"),
                                    (["restart", "Container/x", root, "--lock-timeout", "m5"], "--lock-timeout"),
                                    (["reconcile", root, "--interval", "0.5"], "--interval"),
                                    (["sandbox", "telegram", "--retry-after", "1500ms"], "--retry-after")] {
            let output = try await BotopsProcess.run(arguments)
            #expect(output.status == 64, "\(arguments): \(output.stdout)\(output.stderr)")
            #expect(output.stderr.contains(option), "\(arguments): \(output.stderr)")
        }
    }
}
