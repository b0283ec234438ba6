import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("botops reconcile: the command line's plan options reach every pass", .timeLimit(.minutes(5)), .enabled(if: TestEngine.available))
struct DockerDaemonOptionsTests {
    @Test func theDaemonHandsItsPlanOptionsToEveryPass() async throws {
        let engine = try #require(TestEngine.dockerd)
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try await h.runByHand(h.name("adopted"))
        try h.write("c.yaml", h.containerYAML("adopted"))
        let started = try BotopsProcess.start(["reconcile", h.folder, "--interval", "1h", "--listen", "127.0.0.1:0",
                                               "--adopt", "Container/\(h.name("adopted"))"])
        defer { if started.0.isRunning { started.0.terminate() } }
        let base = try await ReconcileDaemonCLITests.baseURL(of: started)
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            try await ReconcileDaemonCLITests.get(base + "/readyz").0 == 200
        })
        #expect(try await h.containers()[h.name("adopted")]?["Labels"]?["dev.botops.project"]?.stringValue == h.project,
                "--adopt reached the pass: the hand-made container was taken over")
        started.0.interrupt()
        #expect(await BotopsProcess.finish(started).status == 0)
    }
}
