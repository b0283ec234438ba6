import Foundation
import Testing

/// A container that exits between two passes, end to end: its restart policy's restart (which a pass alone would
/// never see, as the container runs again when it looks) is a `container-restarted` event with the exit code, and
/// its last exit, which left it stopped, makes the `container-exited` event say the code; both with its bot.
@Suite("botops reconcile: a container's exits between passes are in the event log", .timeLimit(.minutes(5)), .enabled(if: TestEngine.available))
struct DaemonContainerExitsCLITests {
    @Test func aRestartAndAnExitAreToldWithTheirCodes() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        let engine = try #require(TestEngine.podman)
        let prefix = "ce" + UUID().uuidString.lowercased().prefix(8)
        defer {
            Task {
                await fleet.shutdown()
                do {
                    _ = try await DockerHarness.callEngine(engine, .DELETE, "/containers/\(prefix)-crasher?force=1")
                } catch {
                    // scripts/test removes every labelled leftover before its next run; say which one stays until then.
                    FileHandle.standardError.write(Data("could not remove container \(prefix)-crasher: \(error)\n".utf8))
                }
            }
        }
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: \(prefix)}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              docker:
                engines:
                  default: {host: "\(engine.host)"}
            """)
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("containers/crasher.yaml", """
            apiVersion: botops/v1
            kind: Container
            metadata: {name: \(prefix)-crasher, dependsOn: [Bot/alpha]}
            spec:
              image: "\(try #require(TestEngine.image))"
              command: [sh, -c, "sleep 2; exit 3"]
              restartPolicy: on-failure:1
              network: none
              stopTimeout: 0
              pullPolicy: Never
              labels: {botops.test: "true"}
            """)
        let daemon = try await RunningDaemon.start(fleet)
        defer { daemon.terminateIfRunning() }
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await DaemonDegradedCLITests.passes(daemon) >= 1 })
        // It exits, its policy starts it once more, it exits again and stays stopped.
        #expect(try await ReconcileDaemonCLITests.eventually(30) {
            let live = try await DockerHarness.callEngine(engine, .GET, "/containers/\(prefix)-crasher/json").1
            return live["RestartCount"]?.intValue == 1 && live["State"]?["Running"]?.boolValue == false
        })
        // A pass reads exits up to a moment before it starts (ReconcileLoop.activitySettle).
        try await Task.sleep(for: .seconds(2))
        #expect(try await daemon.reconcile())
        var events: [DaemonEventLogCLITests.EventList.Event] = []
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            events = try await DaemonEventLogCLITests.events(daemon)
            return events.count >= 2
        })
        let restarted = events.filter { $0.kind == "container-restarted" }
        #expect(restarted.count == 1, "\(events)")
        #expect(restarted.first?.text == "the container exited with code 3 and was started again")
        #expect(restarted.first?.resource == "Container/\(prefix)-crasher" && restarted.first?.bot == "alpha")
        let exited = events.filter { $0.kind == "container-exited" }
        #expect(exited.map(\.text) == ["the container was found stopped: it exited with code 3; started again"], "\(events)")
        #expect(await daemon.stop().status == 0)
    }
}
