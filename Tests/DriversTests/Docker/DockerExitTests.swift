import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Docker: a container's exits since the last pass are reported with the plan, with their codes", .timeLimit(.minutes(5)),
       .enabled(if: TestEngine.available))
struct DockerExitTests {
    @Test(arguments: TestEngine.all)
    func anExitIsReportedWithItsCodeOnlyInItsWindow(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        defer { Task { await h.shutdown() } }
        let started = Date()
        try h.write("c.yaml", h.containerYAML("crasher", command: "[sh, -c, \"sleep 1; exit 3\"]", extra: "  restartPolicy: on-failure:1")
                        + "---\n" + h.containerYAML("steady"))
        // The containers must have been made: on a loaded machine podman once failed this apply, and the plan
        // below then showed a create with no word of why.
        let (firstPlan, first) = try await h.apply()
        try #require(first?.succeeded == true, "the first apply: \(first?.failures ?? []), \(firstPlan.refusals), \(firstPlan.unknown)")
        try await h.call(.POST, "/containers/\(h.name("steady"))/stop?t=0")
        let deadline = Date().addingTimeInterval(20)
        // Its restart policy starts it once more; then it stays exited.
        while Date() < deadline {
            let live = try await h.inspect(h.name("crasher"))
            if live["RestartCount"]?.intValue == 1, live["State"]?["Running"]?.boolValue == false { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let crasher = ResourceAddress(.container, h.name("crasher")), steady = ResourceAddress(.container, h.name("steady"))
        var options = PlanOptions()
        let until = Date()
        options.activity = ActivityWindow(since: started, until: until)
        let plan = try await h.plan(options)

        let details = try #require(plan.change(for: crasher)?.details)
        let exits = details["exits"]?.arrayValue ?? []
        #expect(exits.count == 2)
        #expect(exits.map { $0["exit_code"]?.intValue } == [3, 3])
        #expect(exits.map { $0["started_again"]?.boolValue } == [true, false], "the first started again by its restart policy")
        #expect(exits.first?["id"]?.stringValue?.hasPrefix("container-exit:") == true)
        let at = try #require(exits.first?["at_ms"]?.intValue)
        // Inside the window asked for (engines stamp events in whole seconds or finer): on a busy CI machine the
        // apply alone took over 30 s, so a fixed distance from the start said nothing about the window.
        #expect(Double(at) / 1000 >= started.timeIntervalSince1970.rounded(.down) - 1, "exit at \(at) ms, window from \(started)")
        #expect(Double(at) / 1000 <= until.timeIntervalSince1970 + 1, "exit at \(at) ms, window until \(until)")
        let stopped = plan.change(for: steady)?.details?["exits"]?.arrayValue ?? []
        #expect(stopped.count == 1, "stopped by hand: its exit is reported too (the engine does not say who stopped it)")
        #expect(plan.change(for: steady)?.fields.map(\.path) == ["state"])

        // Without a window nothing is asked of the engine's events; a window before the exit holds none.
        #expect(try await h.plan().change(for: crasher)?.details == nil)
        options.activity = ActivityWindow(since: started.addingTimeInterval(-60), until: started)
        #expect(try await h.plan(options).change(for: crasher)?.details == nil)
    }
}
