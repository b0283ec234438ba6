@testable import Daemon
import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// The fleet and request series of `/metrics`: what each pass's status and each request turn into.
@Suite("Daemon metrics: resources, webhooks, drift and requests", .timeLimit(.minutes(5)))
struct DaemonMetricsTests {
    let alpha = ResourceAddress(.bot, "alpha"), beta = ResourceAddress(.bot, "beta"), hook = ResourceAddress(.webhook, "alpha-hook")

    func lines(_ metrics: DaemonMetrics, now: Date = Date()) -> [String] {
        metrics.text(now: now).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    @Test func resourcesByKindAndSyncGoToZeroWhenTheyAreGone() {
        let metrics = DaemonMetrics()
        var status = FleetStatus()
        let report = ApplyReport(outcomes: [beta: .failed(ResourceError(address: beta, code: .applyFailed, message: "400"))],
                                 actions: [beta: .update])
        status.note(Plan(revision: "a", changes: [Change(address: alpha, action: .noOp), Change(address: beta, action: .update)]),
                    report: report)
        metrics.fleet(status, drift: [], healed: [], bots: [:])
        #expect(lines(metrics).contains(#"botops_resources{kind="Bot",sync="synced"} 1.0"#), "\(lines(metrics))")
        #expect(lines(metrics).contains(#"botops_resources{kind="Bot",sync="failed"} 1.0"#))

        status.note(Plan(revision: "b", changes: [Change(address: alpha, action: .noOp)]), report: nil)
        metrics.fleet(status, drift: [], healed: [], bots: [:])
        #expect(lines(metrics).contains(#"botops_resources{kind="Bot",sync="failed"} 0.0"#), "no longer failing, and still a series")
    }

    @Test func webhookSeriesCarryTheBotAndTheErrorAgeIsTakenAtTheScrape() {
        let metrics = DaemonMetrics()
        var status = FleetStatus()
        var webhook = Change(address: hook, action: .noOp)
        webhook.details = .object(["pending_update_count": .int(7), "last_error_date": .int(1_796_000_000)])
        status.note(Plan(revision: "a", changes: [webhook]), report: nil)
        metrics.fleet(status, drift: [], healed: [], bots: ["alpha-hook": "alpha"])
        let scrape = lines(metrics, now: Date(timeIntervalSince1970: 1_796_000_090))
        #expect(scrape.contains(#"botops_webhook_pending_updates{webhook="alpha-hook",bot="alpha"} 7.0"#), "\(scrape)")
        #expect(scrape.contains(#"botops_webhook_last_error_age_seconds{webhook="alpha-hook",bot="alpha"} 90.0"#), "\(scrape)")
        #expect(lines(metrics, now: Date(timeIntervalSince1970: 1_796_000_150))
            .contains(#"botops_webhook_last_error_age_seconds{webhook="alpha-hook",bot="alpha"} 150.0"#), "it ages between passes")

        webhook.details = .object(["pending_update_count": .int(0)])
        status.note(Plan(revision: "b", changes: [webhook]), report: nil)
        metrics.fleet(status, drift: [], healed: [], bots: ["alpha-hook": "alpha"])
        #expect(!metrics.text().contains("botops_webhook_last_error_age_seconds{"), "no error, no age")
        status.note(Plan(revision: "c", changes: []), report: nil)
        metrics.fleet(status, drift: [], healed: [], bots: [:])
        #expect(!metrics.text().contains("botops_webhook_pending_updates{"), "a webhook no longer declared has no series")
    }

    @Test func driftFoundIsCountedAndWhatWasNotHealedIsAGauge() {
        let metrics = DaemonMetrics()
        let drift = [Change(address: alpha, action: .update), Change(address: beta, action: .update), Change(address: hook, action: .update)]
        metrics.fleet(FleetStatus(), drift: drift, healed: [alpha, hook], bots: [:])
        let scrape = lines(metrics)
        #expect(scrape.contains(#"botops_drift_detected_total{kind="Bot"} 2"#), "\(scrape)")
        #expect(scrape.contains(#"botops_drift_healed_total{kind="Bot"} 1"#))
        #expect(scrape.contains(#"botops_drift_healed_total{kind="Webhook"} 1"#))
        #expect(scrape.contains(#"botops_drifted_resources{kind="Bot"} 1.0"#))
        metrics.fleet(FleetStatus(), drift: [], healed: [], bots: [:])
        #expect(lines(metrics).contains(#"botops_drifted_resources{kind="Bot"} 0.0"#), "healed since")
    }

    @Test func requestsAreCountedBySystemAndRetriesByReason() {
        let metrics = DaemonMetrics()
        metrics.recordCall(LiveCall(.telegram, operation: "setWebhook", result: .status(429)))
        metrics.recordCall(LiveCall(.telegram, operation: "setWebhook", result: .status(200)))
        metrics.recordTelegramRetry(method: "setWebhook", reason: .flood)
        metrics.recordCall(LiveCall(.docker, operation: "GET", result: .status(200)))
        metrics.recordCall(LiveCall(.postgres, operation: "write", result: .unreachable))
        let scrape = lines(metrics)
        #expect(scrape.contains(#"botops_telegram_requests_total{method="setWebhook",status="429"} 1"#), "\(scrape)")
        #expect(scrape.contains(#"botops_telegram_requests_total{method="setWebhook",status="200"} 1"#))
        #expect(scrape.contains(#"botops_telegram_retries_total{method="setWebhook",reason="flood"} 1"#))
        #expect(scrape.contains(#"botops_docker_requests_total{method="GET",status="200"} 1"#))
        #expect(scrape.contains(#"botops_postgres_operations_total{operation="write",result="unreachable"} 1"#))
    }
}
