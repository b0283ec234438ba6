import Drivers
import Foundation
import Reconciler
import Testing

/// SIGTERM during an apply: the change in flight finishes and is recorded, no more start, the rest
/// are reported as not started, and the run is in the history as cancelled.
@Suite("CLI: an interrupted apply", .timeLimit(.minutes(5)))
struct InterruptCLITests {
    @Test func sigtermLetsTheChangeInFlightFinishAndStartsNoMore() async throws {
        let bots = ["alpha", "beta", "gamma", "delta"]
        let fleet = try await TelegramFleetHarness(bots: bots, latency: .milliseconds(40))
        defer { Task { await fleet.shutdown() } }
        for bot in bots { try fleet.write("bots/\(bot).yaml", TelegramFleetHarness.botYAML(bot)) }
        let started = try BotopsProcess.start(["apply", fleet.folder, "--auto-approve", "--parallelism", "1"],
                                              environment: fleet.environment)
        // Signal as soon as the first write reaches the sandbox: one bot's change is in flight.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while await fleet.writes().isEmpty, clock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        kill(started.0.processIdentifier, SIGTERM)
        let result = await BotopsProcess.finish(started)

        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("stopping: the changes in flight finish, no more start"))
        #expect(result.stdout.contains("Apply cancelled:"), "\(result.stdout)")
        #expect(result.stdout.contains("not started, since the run was stopped"))
        let writtenBots = Set(await fleet.writes().compactMap(\.bot))
        #expect(writtenBots.count == 1, "only the bot in flight was changed: \(writtenBots)")
        let inventory = try await fleet.inventory()
        #expect(inventory.resources.count == 1, "and it was recorded")
        let run = try #require(try await FileStateStore(path: fleet.folder + "/.botops/state.json").history(limit: 1).first)
        #expect(run.result == .cancelled)
        #expect(run.changes.filter { $0.outcome == .notStarted }.count == 3)
    }
}
