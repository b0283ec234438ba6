/// How one run ended, as a value the CLI prints and the daemon acts on.
public enum SessionResult: Sendable {
    /// Planned only (no apply was asked for), and there are changes.
    case planned(Plan)
    /// Nothing to do; with apply, the inventory was refreshed and the revision recorded.
    case noChanges(Plan)
    /// The plan must not be applied as it stands; nothing was changed.
    case refused(Plan, [Refusal])
    /// Whoever was asked to approve said no; nothing was changed.
    case declined(Plan)
    /// Applied; the report says, change by change, what succeeded.
    case applied(Plan, ApplyReport)
    /// Stopped before every change started (a signal, a lost lock); the report says what ran.
    case cancelled(Plan, ApplyReport)

    public var plan: Plan {
        switch self {
        case let .planned(plan), let .noChanges(plan), let .refused(plan, _), let .declined(plan),
             let .applied(plan, _), let .cancelled(plan, _):
            return plan
        }
    }

    public var report: ApplyReport? {
        switch self {
        case let .applied(_, report), let .cancelled(_, report): return report
        default: return nil
        }
    }
}
