import Foundation
import Prometheus
import Reconciler
import Synchronization

/// What the daemon reports at `/metrics`, in the Prometheus text format: names prefixed `botops_`,
/// units in the names, counters ending in `_total`. The registry is the daemon's own (not a
/// process-wide bootstrap), so every loop, and every test, counts apart.
public final class DaemonMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// The info series of the applied revision, replaced when the revision moves.
    private let revision = Mutex<(String, Gauge)?>(nil)
    /// The fleet gauges last set, so a series whose resources are gone is set to 0 (resources) or
    /// removed (a webhook that is no longer declared), and the webhooks' last-error times, which
    /// ``text()`` turns into ages at each scrape.
    let fleetSeries = Mutex<FleetSeries>(FleetSeries())

    struct FleetSeries {
        var resourceLabels: Set<[String]> = []
        var driftLabels: Set<String> = []
        var webhooks: [String: (bot: String, pending: Gauge, age: Gauge?, lastErrorAt: Date?)] = [:]
    }

    static let durationBuckets: [Duration] = [.milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                              .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
                                              .seconds(60), .seconds(120), .seconds(300)]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// One pass's numbers: its count and duration by trigger, scope and result, each change it made by
    /// kind, action and outcome, and the times of the last pass and the last successful one.
    func record(_ pass: ReconcileLoop.PassReport, duration: Duration, changes: [PassSummary.Made]) {
        registry.makeCounter(descriptor: .botops("passes", unit: "total",
                                 "Reconcile passes, by what started them, their scope and how they ended."),
                             labels: [("trigger", pass.trigger), ("scope", pass.scope), ("result", pass.result.rawValue)]).increment()
        registry.makeDurationHistogram(descriptor: .botops("pass_duration", unit: "seconds",
                                           "How long passes took, from reading the configuration to recording the run."),
                                       labels: [("trigger", pass.trigger), ("result", pass.result.rawValue)],
                                       buckets: Self.durationBuckets)
            .record(duration)
        for change in changes {
            registry.makeCounter(descriptor: .botops("changes", unit: "total",
                                     "Changes passes made or meant to make, by resource kind, action and outcome."),
                                 labels: [("kind", change.kind.rawValue), ("action", change.action.rawValue), ("outcome", change.outcome.rawValue)]).increment()
        }
        // A standby's pass looked at nobody's resources: the fleet gauges are the leader's to tell.
        guard pass.result != .standby else { return }
        let finished = pass.finishedAt.timeIntervalSince1970
        registry.makeGauge(descriptor: .botops("last_pass_timestamp", unit: "seconds",
                               "When the last pass finished (Unix time).")
                           )
            .set(finished)
        registry.makeGauge(descriptor: .botops("unknown_resources",
                               "Resources the last pass could not read or plan (an engine or the database down).")
                           )
            .set(Double(pass.failures))
        if pass.result.converged {
            registry.makeGauge(descriptor: .botops("last_success_timestamp", unit: "seconds",
                                   "When the last pass that converged everything it read finished (Unix time).")
                               ).set(finished)
        }
    }

    /// When the loop started and its interval, so an alert can tell "no successful pass for three
    /// intervals" for a daemon that never had one, whatever its `--interval`.
    func started(interval: Duration, at date: Date = Date()) {
        registry.makeGauge(descriptor: .botops("start_timestamp", unit: "seconds",
                               "When the reconcile loop started (Unix time).")
                           )
            .set(date.timeIntervalSince1970)
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        registry.makeGauge(descriptor: .botops("pass_interval", unit: "seconds",
                               "The time between full passes (--interval), before jitter.")
                           )
            .set(seconds)
    }

    /// 1 while this daemon leads (or is the only one), 0 while it stands by.
    func role(_ role: ReconcileLoop.Role) {
        registry.makeGauge(descriptor: .botops("leader", "1 while this daemon leads its state store's replicas, 0 on standby."))
            .set(to: role == .standby ? 0.0 : 1.0)
    }

    /// `botops_applied_revision_info{revision="..."} 1` for the revision last converged (what
    /// ``FleetStatus/appliedRevision`` says, so the status and the metrics never disagree).
    func appliedRevision(_ value: String) {
        revision.withLock { current in
            if current?.0 == value { return }
            if let old = current?.1 { registry.unregisterGauge(old) }
            let gauge = registry.makeGauge(descriptor: .botops("applied_revision_info",
                                               "The revision the last converged pass applied; the value is always 1."),
                                           labels: [("revision", value)])
            gauge.set(to: 1.0)
            current = (value, gauge)
        }
    }

    /// The Prometheus text exposition of every metric, the webhooks' error ages as of `now`.
    public func text(now: Date = Date()) -> String {
        fleetSeries.withLock { series in
            for webhook in series.webhooks.values {
                if let at = webhook.lastErrorAt { webhook.age?.set(max(0, now.timeIntervalSince(at))) }
            }
        }
        return registry.emitToString()
    }
}

extension MetricNameDescriptor {
    /// `botops_<metric>_<unit>`, the unit left out when empty (a gauge of a count).
    static func botops(_ metric: String, unit: String = "", _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "botops", metricName: metric, unitName: unit, helpText: help)
    }
}
