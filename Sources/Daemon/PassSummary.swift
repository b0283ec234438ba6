import Reconciler
import Spec

/// What one pass did, gathered while it runs and reported when it ends: its result and counts, what
/// it changed (for the metrics), the notices it owes, and what the schedule should do next.
struct PassSummary: Sendable {
    /// One change a pass made or meant to make, as the metrics label it.
    struct Made: Sendable, Hashable {
        let kind: ResourceKind
        let action: Action
        let outcome: RunRecord.Outcome
    }

    var result = PassResult.failed
    var scope = PassSchedule.Scope.full
    var revision: String?
    var changes = 0
    var failures = 0
    var message: String?
    var made: [Made] = []
    var notices: [Notice] = []
    /// What the event log records of this pass, and how long it keeps events.
    var events: [FleetEvent] = []
    var eventRetentionDays = EventSettings.defaultRetentionDays
    var outcome = PassSchedule.Outcome.succeeded

    /// Takes in how the session ended: result, counts and whether the schedule retries.
    mutating func absorb(_ ended: SessionResult) {
        switch ended {
        case let .applied(plan, report):
            made = plan.actionable.map { change in
                Made(kind: change.address.kind, action: change.action,
                     outcome: (report.outcomes[change.address] ?? .notStarted).recorded)
            }
            result = report.succeeded ? .applied : .failed
            changes = plan.actionable.count
            failures = report.failures.count + plan.unknown.count
            if !report.succeeded { outcome = .retryable }
            // What could not be read is tried again soon (with backoff), not only at the next interval.
            if plan.isPartial, !plan.unknown.allSatisfy(\.code.isTerminal) { outcome = .retryable }
            message = Self.unreadable(plan)
        case let .noChanges(plan):
            result = .noChanges
            failures = plan.unknown.count
            if plan.isPartial { outcome = plan.unknown.allSatisfy(\.code.isTerminal) ? .terminal : .retryable }
            message = Self.unreadable(plan)
        case let .refused(plan, refusals):
            result = .refused
            message = refusals.map(\.message).joined(separator: "; ")
            failures = plan.unknown.count
            outcome = .terminal
        case let .cancelled(plan, _):
            result = .cancelled
            changes = plan.actionable.count
        case .planned, .declined:
            result = .noChanges
        }
    }

    /// What a partial plan could not read, a system that did not answer named once with the count it held
    /// back; nil when everything was read.
    static func unreadable(_ plan: Plan) -> String? {
        guard plan.isPartial else { return nil }
        let lines = UnknownListing(plan.unknown).items.map { item in
            switch item {
            case let .endpoint(endpoint, _, addresses):
                "\(endpoint.message) (\(addresses.count) resource\(addresses.count == 1 ? "" : "s") not read)"
            case let .resource(error):
                "\(error.address): \(error.message)"
            }
        }
        return "not read, so left alone: " + lines.joined(separator: "; ")
    }
}
