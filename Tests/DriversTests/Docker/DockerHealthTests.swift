import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Docker: a container's health is shown with the plan and kept for botops status, never as drift", .timeLimit(.minutes(5)),
       .enabled(if: TestEngine.available))
struct DockerHealthTests {
    @Test(arguments: TestEngine.all)
    func healthIsReportedNotDiffed(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        // A generous timeout: on a loaded machine starting the check's process alone took over a second.
        try h.write("c.yaml", h.containerYAML("web", extra: "  healthcheck: {test: \"true\", interval: 1s, timeout: 10s, retries: 1}")
                    + "---\n" + h.containerYAML("plain"))
        let (_, report) = try await h.apply()
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        // podman runs checks from systemd timers, absent here: run one as its timer would, before each look.
        func runCheck() async throws {
            if engine.name == "podman" { try await h.call(.GET, "/../v4.3.1/libpod/containers/\(h.name("web"))/healthcheck") }
        }
        try await runCheck()
        var plan = try await h.plan()
        for _ in 0..<40 where plan.change(for: ResourceAddress(.container, h.name("web")))?.status != "healthy" {
            try await Task.sleep(for: .milliseconds(250))
            try await runCheck()
            plan = try await h.plan()
        }
        let web = try #require(plan.change(for: ResourceAddress(.container, h.name("web"))))
        #expect(web.status == "healthy")
        #expect(web.action == .noOp, "health is not drift")
        #expect(plan.change(for: ResourceAddress(.container, h.name("plain")))?.status == nil, "no health check, no health")
        #expect(TextPlanRenderer().render(plan).contains("Live status:\n  Container/\(h.name("web")): healthy\n"))
        #expect(try JSONPlanRenderer().render(plan).contains("\"status\" : \"healthy\""))

        try await h.apply()
        let store = try FleetSession.store(for: nil, source: DirectorySource(root: h.folder))
        let last = try #require(try await store.history(limit: 1).first)
        let text = StatusRenderer().render(inventory: try await store.load(), lastRun: last, store: store.description)
        let line = text.split(separator: "\n").first { $0.contains("Container/\(h.name("web")) ") }
        #expect(line?.hasSuffix("synced, healthy at the last run") == true, "\(text)")
    }
}
