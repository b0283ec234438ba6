import Foundation
import Reconciler
import Spec

extension DaemonMetrics {
    /// The fleet as the last pass left it: resources by kind and sync state, each webhook's pending
    /// updates and last delivery error, and the drifted resources the pass found and how many it healed.
    /// `bots` names each webhook's bot (by Webhook name), for the webhook series' `bot` label.
    func fleet(_ status: FleetStatus, drift: [Change], healed: Set<ResourceAddress>, bots: [String: String]) {
        var counts: [[String]: Int] = [:]
        for (address, resource) in status.resources {
            counts[[address.kind.rawValue, resource.sync.rawValue], default: 0] += 1
        }
        let drifted = countDrift(drift, healed: healed)
        // Every sync state of every kind of the fleet has a series, 0 or not, so "not in sync" reads 0
        // rather than nothing.
        let fleetKinds = Set(counts.keys.map { $0[0] })
        let everyState = Set(fleetKinds.flatMap { kind in SyncState.allCases.map { [kind, $0.rawValue] } })
        fleetSeries.withLock { series in
            for labels in series.resourceLabels.union(everyState) {
                registry.makeGauge(descriptor: .botops("resources",
                                       "Resources by kind and sync state, as the last pass that read them left them."),
                                   labels: [("kind", labels[0]), ("sync", labels[1])])
                    .set(Double(counts[labels] ?? 0))
            }
            series.resourceLabels.formUnion(everyState)
            // Every kind of the fleet has a drift series, 0 or not, so an alert on it never reads nothing.
            let kinds = fleetKinds.union(drifted.keys)
            for kind in series.driftLabels.union(kinds) {
                registry.makeGauge(descriptor: .botops("drifted_resources",
                                       "Drifted resources the last pass found and did not heal (refused, failed or stopped)."),
                                   labels: [("kind", kind)])
                    .set(Double(drifted[kind] ?? 0))
            }
            series.driftLabels.formUnion(kinds)
            var degraded: [String: Int] = [:]
            for (address, resource) in status.resources where resource.health == .degraded {
                degraded[address.kind.rawValue, default: 0] += 1
            }
            // Every kind of the fleet has a series, 0 or not, so an alert on it never reads nothing.
            for kind in series.driftLabels.union(fleetKinds) {
                registry.makeGauge(descriptor: .botops("degraded_resources",
                                       "Resources the last pass found degraded: a Channel whose bot lacks a right it needs there."),
                                   labels: [("kind", kind)])
                    .set(Double(degraded[kind] ?? 0))
            }
            webhookSeries(&series, status: status, bots: bots)
        }
    }

    /// Counts the drift a pass found and healed; returns, by kind, what it left unhealed.
    private func countDrift(_ drift: [Change], healed: Set<ResourceAddress>) -> [String: Int] {
        var drifted: [String: Int] = [:]
        for change in drift {
            let kind = change.address.kind.rawValue
            registry.makeCounter(descriptor: .botops("drift_detected", unit: "total",
                                     "Owned resources passes found changed or removed live while their declaration stayed as applied."),
                                 labels: [("kind", kind)])
                .increment()
            if healed.contains(change.address) {
                registry.makeCounter(descriptor: .botops("drift_healed", unit: "total",
                                         "Drifted resources passes set back to their declaration."),
                                     labels: [("kind", kind)]).increment()
            } else {
                drifted[kind, default: 0] += 1
            }
        }
        return drifted
    }

    /// Each webhook's pending updates and the age of its last delivery error; the series of a webhook
    /// gone, or of one whose bot changed, are removed.
    private func webhookSeries(_ series: inout FleetSeries, status: FleetStatus, bots: [String: String]) {
        for (name, old) in series.webhooks where status.webhooks[name] == nil || bots[name] != old.bot {
            registry.unregisterGauge(old.pending)
            if let age = old.age { registry.unregisterGauge(age) }
            series.webhooks[name] = nil
        }
        for (name, health) in status.webhooks {
            let bot = bots[name] ?? ""
            let labels = [("webhook", name), ("bot", bot)]
            let pending = registry.makeGauge(descriptor: .botops("webhook_pending_updates",
                                                 "Updates Telegram holds for the webhook, undelivered (getWebhookInfo's pending_update_count)."),
                                             labels: labels)
            pending.set(Double(health.pendingUpdates))
            var age = series.webhooks[name]?.age
            if health.lastErrorAt == nil, let gone = age {
                registry.unregisterGauge(gone)
                age = nil
            } else if health.lastErrorAt != nil, age == nil {
                age = registry.makeGauge(descriptor: .botops("webhook_last_error_age", unit: "seconds",
                                             "Seconds since Telegram last failed to deliver to the webhook (getWebhookInfo's last_error_date); absent when it never failed."),
                                         labels: labels)
            }
            series.webhooks[name] = (bot, pending, age, health.lastErrorAt)
        }
    }
}
