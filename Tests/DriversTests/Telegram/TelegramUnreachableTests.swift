import Drivers
import Foundation
import Logging
import Reconciler
import Spec
import Testing

/// A Bot API that refuses connections is down for the run after a short budget: the plan ends in
/// seconds, names the URL once, and changes nothing.
@Suite("Telegram: an unreachable Bot API fails fast", .timeLimit(.minutes(5)))
struct TelegramUnreachableTests {
    @Test func aFortyBotPlanAgainstARefusingURLEndsWithinTheBudget() async throws {
        let names = (0..<40).map { "bot\($0)" }
        let fleet = try await TelegramFleetHarness(bots: names)
        defer { Task { await fleet.shutdown() } }
        for name in names {
            try fleet.write("bots/\(name).yaml", TelegramFleetHarness.botYAML(name, languages: []) + "---\n"
                + TelegramFleetHarness.webhookYAML(name))
        }
        let state = try #require(try SpecLoader().load(from: DirectorySource(root: fleet.folder)).state)
        // Port 1 on loopback refuses at once; the default retry policy would retry every call 8 times.
        let catalog = DriverCatalog(telegramAPIURL: "http://127.0.0.1:1", parallelism: 8)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let session = ReconcileSession(state: state, store: FileStateStore(path: fleet.folder + "/.botops/state.json"),
                                       drivers: catalog.drivers(for: state.project, logger: logger),
                                       secrets: SecretResolver(environment: fleet.environment), logger: logger, parallelism: 8)
        let clock = ContinuousClock()
        let start = clock.now
        let plan = try await session.plan()
        let took = clock.now - start
        try await catalog.shutdown()
        #expect(took < .seconds(15), "took \(took)")
        #expect(plan.unknown.count == 80)
        #expect(plan.unknown.allSatisfy { $0.code == .unreachable }, "\(plan.unknown.map(\.message).prefix(3))")
        #expect(Set(plan.unknown.map(\.message)).count == 1, "one reason, so it is reported once")
        #expect(plan.unknown.first?.message.contains("http://127.0.0.1:1") == true)
        #expect(TextPlanRenderer().render(plan).components(separatedBy: "http://127.0.0.1:1").count == 2, "named once")
        #expect(plan.refusals.map(\.code) == [.partial])
        #expect(!FileManager.default.fileExists(atPath: fleet.folder + "/.botops"), "nothing was written")
    }
}
