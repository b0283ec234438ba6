import Foundation
import Testing

/// `/metrics` in the Prometheus text format, open by default and behind a read key with
/// `--protect-metrics` (with health and readiness).
@Suite("botops reconcile: /metrics, and --protect-metrics", .timeLimit(.minutes(5)))
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

    /// The series the dashboard and the alerts read, from a daemon's real passes against the sandbox:
    /// requests by method, resources by sync, a webhook's pending updates and error age, drift healed.
    @Test func fleetWebhookDriftAndRequestSeriesFollowThePasses() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha"))
        let daemon = try await RunningDaemon.start(fleet)
        defer { daemon.terminateIfRunning() }

        // Someone removes the webhook by hand, and Telegram starts failing to deliver.
        try await fleet.callDirectly("alpha", "deleteWebhook", "{}")
        let botID = String(fleet.tokens["alpha"]!.prefix { $0 != ":" })
        #expect(try await daemon.reconcile())
        var text = ""
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            text = try await daemon.get("/metrics").1
            return text.contains(#"botops_drift_healed_total{kind="Webhook"} 1"#)
        }, "\(text)")
        #expect(text.contains(#"botops_drift_detected_total{kind="Webhook"} 1"#), "\(text)")
        #expect(text.contains(#"botops_drifted_resources{kind="Webhook"} 0"#), "\(text)")
        #expect(text.contains(#"botops_telegram_requests_total{method="setWebhook",status="200"} 2"#), "made, then made again: \(text)")
        #expect(text.contains(#"botops_telegram_requests_total{method="getWebhookInfo",status="200"}"#), "\(text)")
        #expect(text.contains(#"botops_resources{kind="Bot",sync="synced"} 1"#), "\(text)")
        #expect(text.contains(#"botops_resources{kind="Webhook",sync="synced"} 1"#), "\(text)")

        await fleet.sandbox.setPendingUpdateCount(botID: botID, to: 12)
        await fleet.sandbox.setLastWebhookError(botID: botID, at: Date().addingTimeInterval(-30), message: "Connection refused")
        #expect(try await daemon.reconcile())
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            text = try await daemon.get("/metrics").1
            return text.contains(#"botops_webhook_pending_updates{webhook="alpha",bot="alpha"} 12"#)
        }, "\(text)")
        let age = text.split(separator: "\n").first { $0.hasPrefix(#"botops_webhook_last_error_age_seconds{webhook="alpha",bot="alpha"}"#) }
        let seconds = try #require(age.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }, "\(text)")
        #expect(seconds >= 30 && seconds < 120, "\(seconds)")
        #expect(await daemon.stop().status == 0)
    }
}
