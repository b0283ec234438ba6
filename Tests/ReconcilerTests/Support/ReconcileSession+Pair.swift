import Reconciler

extension ReconcileSession {
    /// Applies, approving with `approve`, and returns the plan with the report (nil when nothing
    /// ran: refused or declined), the shape most engine tests assert on.
    func run(options: PlanOptions = PlanOptions(), saved: Plan? = nil,
             approve: @escaping @Sendable (Plan) async -> Bool) async throws -> (Plan, ApplyReport?) {
        switch try await apply(options: options, saved: saved, approve: approve) {
        case let .applied(plan, report), let .cancelled(plan, report): return (plan, report)
        case let .noChanges(plan): return (plan, ApplyReport(outcomes: [:], actions: [:]))
        case let .planned(plan), let .refused(plan, _), let .declined(plan): return (plan, nil)
        }
    }
}
