import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("botops restart: restarts an owned container, refuses others, and is in the history", .timeLimit(.minutes(5)), .enabled(if: TestEngine.available))
struct DockerRestartCLITests {
    @Test(arguments: TestEngine.all)
    func restartIsRecordedAndLeavesDesiredStateAlone(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("worker"))
        let applied = try await BotopsProcess.run(["apply", h.folder, "--auto-approve"])
        #expect(applied.status == 0, "\(applied.stderr)")
        let before = try await h.inspect(h.name("worker"))["State"]?["StartedAt"]?.stringValue

        let restarted = try await BotopsProcess.run(["restart", "Container/\(h.name("worker"))", h.folder])
        #expect(restarted.status == 0, "\(restarted.stderr)")
        #expect(restarted.stdout.contains("Restarted Container/\(h.name("worker"))"), "\(restarted.stdout)")
        let after = try await h.inspect(h.name("worker"))
        #expect(after["State"]?["StartedAt"]?.stringValue != before)
        #expect(after["State"]?["Status"]?.stringValue == "running")
        #expect(try await h.plan().hasChanges == false, "desired state is unchanged")

        let history = try await BotopsProcess.run(["history", h.folder, "--changes"])
        #expect(history.stdout.contains("restart"), "\(history.stdout)")
        #expect(history.stdout.contains("restarted by hand"), "\(history.stdout)")

        // One botops did not make: refused, untouched.
        try await h.runByHand(h.name("manual"))
        let refused = try await BotopsProcess.run(["restart", "Container/\(h.name("manual"))", h.folder])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("botops does not own Container/\(h.name("manual"))"), "\(refused.stderr)")
    }

    @Test func theDaemonRestartsAnOwnedContainerOnRequest() async throws {
        let engine = try #require(TestEngine.dockerd)
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("worker"))
        let started = try BotopsProcess.start(["reconcile", h.folder, "--interval", "1h", "--listen", "127.0.0.1:0",
                                               "--api-key", "operate=env:OPERATE_KEY"], environment: ["OPERATE_KEY": "operate-key-of-the-restart-test"])
        defer { if started.0.isRunning { started.0.terminate() } }
        let base = try await ReconcileDaemonCLITests.baseURL(of: started)
        let key = ["Authorization": "Bearer operate-key-of-the-restart-test"]
        // The restart waits for the engine, which the whole suite keeps busy on a 2-core CI machine (a 5 s
        // deadline was missed there); the endpoint's latency is not what this test is about.
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            try await ReconcileDaemonCLITests.get(base + "/readyz").0 == 200
        })
        let before = try await h.inspect(h.name("worker"))["State"]?["StartedAt"]?.stringValue
        #expect(before != nil, "the start pass created it")
        let (status, body) = try await ReconcileDaemonCLITests.get(base + "/api/v1/containers/\(h.name("worker"))/restart",
                                                                   method: .POST, headers: key, timeout: 60)
        #expect(status == 200, "\(body)")
        #expect(body.contains("Container/\(h.name("worker"))"))
        #expect(try await h.inspect(h.name("worker"))["State"]?["StartedAt"]?.stringValue != before)
        started.0.interrupt()
        #expect(await BotopsProcess.finish(started).status == 0)
    }
}
