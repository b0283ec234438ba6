import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Docker: containers are created, and a converged engine costs one list call and no write", .timeLimit(.minutes(5)), .enabled(if: TestEngine.available))
struct DockerConvergeTests {
    @Test(arguments: TestEngine.all)
    func createFromEmptyThenNoOp(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        try h.write("containers.yaml", h.containerYAML("worker", env: ["MODE": "polling"]) + "---\n"
                    + h.containerYAML("idle", extra: "  state: stopped"))
        let (plan, report) = try await h.apply()
        #expect(plan.changes.filter { $0.action == .create }.count == 2)
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")

        let live = try await h.containers()
        #expect(live[h.name("worker")]?["State"]?.stringValue == "running")
        #expect(live[h.name("idle")]?["State"]?.stringValue == "created", "declared stopped: created, never started")
        let labels = live[h.name("worker")]?["Labels"]
        #expect(labels?["dev.botops.project"]?.stringValue == h.project)
        #expect(labels?["dev.botops.resource"]?.stringValue == "Container/\(h.name("worker"))")
        #expect(labels?["dev.botops.spec-hash"]?.stringValue?.count == 32)
        #expect(try await h.env(of: h.name("worker"))["MODE"] == "polling")

        let before = h.catalog.dockerCalls
        let again = try await h.plan()
        #expect(again.hasChanges == false, "\(again.changes.filter { $0.action != .noOp })")
        let after = h.catalog.dockerCalls
        #expect(after.reads - before.reads == 1, "a converged engine is read with one list call")
        let (_, noop) = try await h.apply()
        #expect(noop?.succeeded == true)
        #expect(h.catalog.dockerCalls.writes == after.writes, "a no-op apply writes nothing")
        let inventory = try await h.inventory()
        #expect(inventory.resources[ResourceAddress(.container, h.name("worker"))]?.attributes["id"]?.stringValue
                == live[h.name("worker")]?["Id"]?.stringValue)
    }
}
