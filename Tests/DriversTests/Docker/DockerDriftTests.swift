import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Docker: changes made by hand are drift, put back; removal from git prunes; a revert restores", .timeLimit(.minutes(5)),
       .enabled(if: TestEngine.available))
struct DockerDriftTests {
    @Test(arguments: TestEngine.all)
    func stoppedByHandIsStartedAgain(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("worker"))
        try await h.apply()
        let id = try await h.containers()[h.name("worker")]?["Id"]?.stringValue
        try await h.call(.POST, "/containers/\(h.name("worker"))/stop?t=0")
        let change = try #require(try await h.plan().change(for: ResourceAddress(.container, h.name("worker"))))
        #expect(change.action == .update)
        #expect(change.fields.map(\.path) == ["state"])
        try await h.apply()
        let live = try await h.containers()[h.name("worker")]
        #expect(live?["State"]?.stringValue == "running")
        #expect(live?["Id"]?.stringValue == id, "started in place, not replaced")
    }

    @Test(arguments: TestEngine.all)
    func removedByHandIsMadeAgain(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("worker"))
        try await h.apply()
        try await h.call(.DELETE, "/containers/\(h.name("worker"))?force=1")
        let change = try #require(try await h.plan().change(for: ResourceAddress(.container, h.name("worker"))))
        #expect(change.action == .create)
        #expect(change.cause == .recreate)
        try await h.apply()
        #expect(try await h.containers()[h.name("worker")]?["State"]?.stringValue == "running")
        #expect(try await h.plan().hasChanges == false)
    }

    @Test(arguments: TestEngine.all)
    func anImageChangedByHandShowsAsDriftAndIsPutBack(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        // A second name for the test image, as a person would have pulled another tag.
        let other = "localhost/botops-other:\(h.project)"
        let (status, _) = try await h.call(.POST, "/images/\(h.image)/tag?repo=localhost/botops-other&tag=\(h.project)")
        #expect(status == 201)
        defer { Task { _ = try? await h.call(.DELETE, "/images/\(other)") } }
        try h.write("c.yaml", h.containerYAML("worker", env: ["MODE": "polling"]))
        try await h.apply()
        // Someone recreated it by hand from another image, copying botops' labels to keep it "managed".
        let labels = try await h.inspect(h.name("worker"))["Config"]?["Labels"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        try await h.call(.DELETE, "/containers/\(h.name("worker"))?force=1")
        try await h.runByHand(h.name("worker"), labels: labels, image: other)

        let change = try #require(try await h.plan().change(for: ResourceAddress(.container, h.name("worker"))))
        #expect(change.action == .replace)
        let paths = change.fields.map(\.path)
        #expect(paths.contains("image"), "\(paths)")
        #expect(paths.contains("env.MODE"), "the hand-made one lacks MODE: \(paths)")
        #expect(change.fields.first { $0.path == "image" }?.before == .string(other))
        let (_, report) = try await h.apply()
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        #expect(try await h.inspect(h.name("worker"))["Config"]?["Image"]?.stringValue == h.image)
        #expect(try await h.plan().hasChanges == false)
    }

    @Test(arguments: TestEngine.all)
    func removedFromGitIsPrunedAndARevertBringsItBack(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        let first = h.containerYAML("worker", env: ["RELEASE": "1"])
        try h.write("c.yaml", first + "---\n" + h.containerYAML("cron"))
        try await h.apply()
        // A commit changes the worker's env; then one removes the cron container.
        try h.write("c.yaml", h.containerYAML("worker", env: ["RELEASE": "2"]))
        let plan = try await h.plan()
        #expect(plan.change(for: ResourceAddress(.container, h.name("cron")))?.action == .delete)
        #expect(plan.change(for: ResourceAddress(.container, h.name("worker")))?.action == .replace)
        try await h.apply()
        #expect(try await h.containers().keys.sorted() == [h.name("worker")])
        #expect(try await h.env(of: h.name("worker"))["RELEASE"] == "2")
        // git revert: the previous files again.
        try h.write("c.yaml", first + "---\n" + h.containerYAML("cron"))
        try await h.apply()
        #expect(try await h.containers().keys.sorted() == [h.name("cron"), h.name("worker")])
        #expect(try await h.env(of: h.name("worker"))["RELEASE"] == "1")
        #expect(try await h.plan().hasChanges == false)
    }

    @Test(arguments: TestEngine.all)
    func aSuccessorLeftByAnInterruptedReplaceIsCleanedUp(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("worker"))
        try await h.apply()
        // A run died after starting the successor: a labelled container under the temporary name.
        let labels = try await h.inspect(h.name("worker"))["Config"]?["Labels"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        try await h.runByHand(h.name("worker") + "--botops-next", labels: labels)
        let change = try #require(try await h.plan().change(for: ResourceAddress(.container, h.name("worker"))))
        #expect(change.action == .update)
        #expect(change.fields.map(\.path) == ["leftovers"])
        try await h.apply()
        #expect(try await h.containers().keys.sorted() == [h.name("worker")])
        #expect(try await h.plan().hasChanges == false)
    }
}
