import Foundation
import Testing

/// `/metrics` in the Prometheus text format, open by default and behind a read key with
/// `--protect-metrics` (with health and readiness).
@Suite("botops reconcile: /metrics, and --protect-metrics")
struct DaemonMetricsCLITests {
    @Test func passesAndChangesAreCountedAndProtectionNeedsAReadKey() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        var environment = fleet.environment
        environment["READ_KEY"] = "read-key-for-metrics"
        let started = try BotopsProcess.start(["reconcile", fleet.folder, "--interval", "1h", "--listen", "127.0.0.1:0",
                                               "--api-key", "read=env:READ_KEY", "--protect-metrics"], environment: environment)
        defer { if started.0.isRunning { started.0.terminate() } }
        let base = try await ReconcileDaemonCLITests.baseURL(of: started)
        let reader = ["Authorization": "Bearer read-key-for-metrics"]

        #expect(try await ReconcileDaemonCLITests.get(base + "/metrics").0 == 401, "protected")
        #expect(try await ReconcileDaemonCLITests.get(base + "/healthz").0 == 401)
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            try await ReconcileDaemonCLITests.get(base + "/readyz", headers: reader).0 == 200
        })
        let (status, text) = try await ReconcileDaemonCLITests.get(base + "/metrics", headers: reader)
        #expect(status == 200)
        #expect(text.contains(#"botops_passes_total{trigger="start",scope="full",result="applied"} 1"#), "\(text)")
        #expect(text.contains(#"botops_changes_total{kind="Bot",action="update",outcome="applied"} 1"#), "\(text)")
        #expect(text.contains(#"botops_pass_duration_seconds_bucket{trigger="start",result="applied",le="+Inf"} 1"#), "\(text)")
        #expect(text.contains("botops_leader 1"), "\(text)")
        #expect(text.contains("# TYPE botops_last_success_timestamp_seconds gauge"), "\(text)")
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.hasPrefix("botops_"), "every metric is botops': \(line)")
        }

        started.0.interrupt()
        #expect(await BotopsProcess.finish(started).status == 0)
        let refused = try await BotopsProcess.run(["reconcile", fleet.folder, "--protect-metrics"], environment: environment)
        #expect(refused.status != 0 && refused.stderr.contains("--protect-metrics needs an --api-key"), "\(refused.stderr)")
    }
}
