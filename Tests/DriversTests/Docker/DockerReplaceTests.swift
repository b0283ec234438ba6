import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Docker: a changed spec replaces the container, and a successor that fails leaves the old one running", .timeLimit(.minutes(5)),
       .enabled(if: TestEngine.available))
struct DockerReplaceTests {
    @Test(arguments: TestEngine.all)
    func anEnvChangeReplacesCreateBeforeDestroy(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("worker", env: ["MODE": "polling"]))
        try await h.apply()
        let oldID = try await h.containers()[h.name("worker")]?["Id"]?.stringValue

        try h.write("c.yaml", h.containerYAML("worker", env: ["MODE": "webhook"]))
        let plan = try await h.plan()
        let change = try #require(plan.change(for: ResourceAddress(.container, h.name("worker"))))
        #expect(change.action == .replace)
        #expect(change.order == .createBeforeDestroy)
        #expect(change.fields.map(\.path) == ["env.MODE"])
        let (_, report) = try await h.apply()
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        let live = try await h.containers()
        #expect(live.count == 1, "no successor left under its temporary name: \(live.keys.sorted())")
        let new = try #require(live[h.name("worker")])
        #expect(new["Id"]?.stringValue != oldID)
        #expect(new["State"]?.stringValue == "running")
        #expect(try await h.env(of: h.name("worker"))["MODE"] == "webhook")
        #expect(try await h.plan().hasChanges == false)
    }

    @Test(arguments: TestEngine.all)
    func aSuccessorThatExitsAtOnceIsRemovedAndTheOldOneKept(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("worker"))
        try await h.apply()
        let oldID = try await h.containers()[h.name("worker")]?["Id"]?.stringValue

        try h.write("c.yaml", h.containerYAML("worker", command: #"[sh, -c, "echo cannot reach the database; exit 3"]"#))
        let (_, report) = try await h.apply()
        let failure = try #require(report?.failures.first)
        #expect(failure.message.contains("exited with code 3"), "\(failure.message)")
        #expect(failure.message.contains("cannot reach the database"), "the successor's last output is shown: \(failure.message)")
        let live = try await h.containers()
        #expect(live.keys.sorted() == [h.name("worker")], "the failed successor is gone")
        #expect(live[h.name("worker")]?["Id"]?.stringValue == oldID)
        #expect(live[h.name("worker")]?["State"]?.stringValue == "running")
        #expect(try await h.plan().change(for: ResourceAddress(.container, h.name("worker")))?.action == .replace,
                "still planned: nothing was recorded as done")
    }

    @Test(arguments: TestEngine.all)
    func anUnhealthySuccessorIsRolledBack(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        let healthy = """
              healthcheck: {test: "true", interval: 1s, timeout: 1s, retries: 1}
              healthTimeout: 20s
            """
        try h.write("c.yaml", h.containerYAML("web", env: ["V": "1"], extra: healthy))
        try await h.apply()
        let oldID = try await h.containers()[h.name("web")]?["Id"]?.stringValue

        let failing = """
              healthcheck: {test: "false", interval: 1s, timeout: 1s, retries: 1}
              healthTimeout: 20s
            """
        try h.write("c.yaml", h.containerYAML("web", env: ["V": "2"], extra: failing))
        let started = ContinuousClock.now
        let (_, report) = try await h.apply()
        #expect(ContinuousClock.now - started < .seconds(20), "unhealthy is known before the health timeout")
        let failure = try #require(report?.failures.first)
        #expect(failure.message.contains("unhealthy"), "\(failure.message)")
        let live = try await h.containers()
        #expect(live.keys.sorted() == [h.name("web")])
        #expect(live[h.name("web")]?["Id"]?.stringValue == oldID)
        #expect(try await h.env(of: h.name("web"))["V"] == "1")
    }

    @Test(arguments: TestEngine.all)
    func aContainerDeclaredRecreateIsReplacedDestroyFirst(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("gate", env: ["V": "1"], extra: "  replace: recreate"))
        try await h.apply()
        try h.write("c.yaml", h.containerYAML("gate", env: ["V": "2"], extra: "  replace: recreate"))
        let plan = try await h.plan()
        #expect(plan.change(for: ResourceAddress(.container, h.name("gate")))?.order == .destroyBeforeCreate)
        let (_, report) = try await h.apply()
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        #expect(try await h.env(of: h.name("gate"))["V"] == "2")
        #expect(try await h.containers().count == 1)
    }
}
