@testable import Daemon
import Foundation
import Reconciler
import Spec
import Testing

/// What `/api/v1/status` says of each resource and webhook, from the passes' plans and reports.
@Suite("Fleet status: sync states, webhook health and revisions from the passes", .timeLimit(.minutes(5)))
struct FleetStatusTests {
    let alpha = ResourceAddress(.bot, "alpha"), beta = ResourceAddress(.bot, "beta"), hook = ResourceAddress(.webhook, "alpha")

    func plan(_ changes: [Change], unknown: [ResourceError] = [], revision: String = "b", applied: String? = "a",
              targeted: Bool = false) -> Plan {
        var plan = Plan(revision: revision, changes: changes, unknown: unknown)
        plan.appliedRevision = applied
        if targeted { plan.targetedSince = applied }
        return plan
    }

    @Test func aFullPassSetsEveryResourceAndRevisionsFollowConvergence() {
        var status = FleetStatus()
        var webhook = Change(address: hook, action: .noOp)
        webhook.details = .object(["pending_update_count": .int(3), "last_error_date": .int(1_796_000_000), "last_error_message": "Connection refused"])
        let update = Change(address: alpha, action: .update)
        let failing = Change(address: beta, action: .update)
        let report = ApplyReport(outcomes: [alpha: .applied(writes: 1),
                                            beta: .failed(ResourceError(address: beta, code: .applyFailed, message: "400 Bad Request"))],
                                 actions: [alpha: .update, beta: .update])
        status.note(plan([update, failing, webhook]), report: report)
        #expect(status.resources[ResourceAddress(.bot, "alpha")]?.sync == .synced)
        #expect(status.resources[ResourceAddress(.bot, "beta")]?.sync == .failed)
        #expect(status.resources[ResourceAddress(.bot, "beta")]?.message == "400 Bad Request")
        #expect(status.webhooks["alpha"]?.pendingUpdates == 3)
        #expect(status.webhooks["alpha"]?.lastError == "Connection refused")
        #expect(status.webhooks["alpha"]?.lastErrorAt == Date(timeIntervalSince1970: 1_796_000_000))
        #expect(status.appliedRevision == "a", "a pass with a failure has not applied b")
        #expect(status.targetRevision == "b")

        status.note(plan([Change(address: alpha, action: .noOp), Change(address: beta, action: .noOp)], revision: "c"), report: nil)
        #expect(status.appliedRevision == "c", "converged")
        #expect(status.resources.keys.sorted() == [ResourceAddress(.bot, "alpha"), ResourceAddress(.bot, "beta")], "a full pass replaces what was known")
        #expect(status.webhooks.isEmpty)
    }

    @Test func aTargetedPassUpdatesWhatItReadAndARefusedOneIsOutOfSync() {
        var status = FleetStatus()
        status.note(plan([Change(address: alpha, action: .noOp), Change(address: beta, action: .noOp)]), report: nil)
        status.note(plan([Change(address: beta, action: .delete)], revision: "c", applied: "b", targeted: true), report: nil)
        #expect(status.resources[ResourceAddress(.bot, "alpha")]?.sync == .synced, "not read by the targeted pass, kept")
        #expect(status.resources[ResourceAddress(.bot, "beta")]?.sync == .outOfSync)
        status.note(plan([], unknown: [ResourceError(address: alpha, code: .unreachable, message: "the Bot API is unreachable")],
                         revision: "c", applied: "b", targeted: true), report: nil)
        #expect(status.resources[ResourceAddress(.bot, "alpha")]?.sync == .unknown)
        #expect(status.appliedRevision == "b", "a partial plan converged nothing")
        status.note(plan([Change(address: beta, action: .delete)], revision: "c", applied: "b", targeted: true),
                    report: ApplyReport(outcomes: [beta: .applied(writes: 1)], actions: [beta: .delete]))
        #expect(status.resources[ResourceAddress(.bot, "beta")] == nil, "deleted")
        #expect(status.appliedRevision == "c")
    }
}
