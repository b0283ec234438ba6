import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Docker: containers botops did not make are left alone unless adopted; a missing image fails only its container", .timeLimit(.minutes(5)),
       .enabled(if: TestEngine.available))
struct DockerOwnershipTests {
    @Test(arguments: TestEngine.all)
    func anUnownedContainerWithTheNameIsAConflictAndLeftAlone(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try await h.runByHand(h.name("worker"))
        let id = try await h.containers()[h.name("worker")]?["Id"]?.stringValue
        try h.write("c.yaml", h.containerYAML("worker") + "---\n" + h.containerYAML("other"))
        let plan = try await h.plan()
        let conflict = try #require(plan.unknown.first { $0.address == ResourceAddress(.container, h.name("worker")) })
        #expect(conflict.code == .conflict)
        #expect(conflict.message.contains("--adopt Container/\(h.name("worker"))"), "\(conflict.message)")
        #expect(conflict.location?.file.hasSuffix("c.yaml") == true, "reported at its declaration")
        #expect(plan.change(for: ResourceAddress(.container, h.name("other")))?.action == .create)

        let (_, report) = try await h.apply(PlanOptions(allowPartial: true))
        #expect(report?.succeeded == true)
        let live = try await h.containers()
        #expect(live[h.name("worker")]?["Id"]?.stringValue == id, "never touched")
        #expect(live[h.name("worker")]?["Labels"]?["dev.botops.project"] == nil)
        #expect(live[h.name("other")]?["State"]?.stringValue == "running")
    }

    @Test(arguments: TestEngine.all)
    func adoptTakesItOverByReplacingItWithTheDeclaredOne(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try await h.runByHand(h.name("worker"))
        try h.write("c.yaml", h.containerYAML("worker", env: ["MODE": "polling"]))
        let options = PlanOptions(adopt: [ResourceAddress(.container, h.name("worker"))])
        let change = try #require(try await h.plan(options).change(for: ResourceAddress(.container, h.name("worker"))))
        #expect(change.action == .replace)
        #expect(change.fields.contains { $0.path == "managed_by" })
        let (_, report) = try await h.apply(options)
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        let live = try await h.containers()
        #expect(live.count == 1)
        #expect(live[h.name("worker")]?["Labels"]?["dev.botops.project"]?.stringValue == h.project)
        #expect(try await h.plan().hasChanges == false)
    }

    @Test(arguments: TestEngine.all)
    func neverWithAMissingImageFailsCleanly(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        let missing = h.containerYAML("ghost").replacingOccurrences(of: "image: \(h.image)", with: "image: localhost/not-here:1")
        try h.write("c.yaml", missing + "---\n" + h.containerYAML("worker"))
        let (_, report) = try await h.apply()
        let failure = try #require(report?.failures.first)
        #expect(failure.address == ResourceAddress(.container, h.name("ghost")))
        #expect(failure.message.contains("pullPolicy is Never"), "\(failure.message)")
        #expect(failure.location?.line == 5, "at the image's line: \(String(describing: failure.location))")
        let live = try await h.containers()
        #expect(live[h.name("ghost")] == nil)
        #expect(live[h.name("worker")]?["State"]?.stringValue == "running", "the other container's work is not lost")
    }
}
