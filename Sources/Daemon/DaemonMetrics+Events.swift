import Reconciler

extension DaemonMetrics {
    /// Events written to the event log, by kind (no resource or bot label: a fleet's worth of series).
    func eventsRecorded(_ events: [FleetEvent]) {
        for (kind, count) in Dictionary(grouping: events, by: \.kind).mapValues(\.count) {
            registry.makeCounter(descriptor: .botops("events", unit: "total",
                "Events written to the event log (GET /api/v1/events), by kind: webhook-error, backlog, container-exited, container-restarted, "
                    + "container-unhealthy, apply-failed, drift-found, drift-healed, right-lost, right-regained."),
                                 labels: [("kind", kind.rawValue)]).increment(by: Int64(count))
        }
    }

    /// A pass whose events the state store did not take.
    func eventLogFailed() {
        registry.makeCounter(descriptor: .botops("event_log_failures", unit: "total",
            "Passes whose events could not be written to the state store's event log (the daemon's log says why)."))
            .increment()
    }
}
