import Reconciler
import Spec
import Testing

/// Which changes of a plan heal drift: owned resources changed or removed live while their
/// declaration stayed as applied.
@Suite("Plan: drift", .timeLimit(.minutes(1)))
struct DriftTests {
    let alpha = ResourceAddress(.bot, "alpha"), beta = ResourceAddress(.bot, "beta"), gamma = ResourceAddress(.bot, "gamma")
    let hook = ResourceAddress(.webhook, "alpha"), box = ResourceAddress(.container, "worker")

    func plan(revision: String?, applied: String?, targeted: Bool = false) -> Plan {
        var plan = Plan(revision: revision, changes: [
            Change(address: alpha, action: .update, fields: [FieldChange(path: "profile.name", before: "A", after: "B")]),
            Change(address: beta, action: .update, reason: "not managed by botops yet", cause: .takeOver),
            Change(address: gamma, action: .create, reason: "missing live; botops makes it again", cause: .recreate),
            Change(address: hook, action: .create),
            Change(address: box, action: .replace, cause: .forcedReplace),
            Change(address: ResourceAddress(.schedule, "daily"), action: .delete, cause: .noLongerDeclared),
            Change(address: ResourceAddress(.bot, "delta"), action: .noOp),
        ])
        plan.appliedRevision = applied
        if targeted { plan.targetedSince = applied }
        return plan
    }

    @Test func withTheAppliedRevisionEveryOwnedChangeIsDrift() {
        #expect(plan(revision: "c0ffee", applied: "c0ffee").drift.map(\.address) == [alpha, gamma, box],
                "updates and forced replaces of owned resources and recreates; not take-overs, new ones or deletions")
    }

    @Test func aMovedRevisionOrAFolderCountsRecreatesAlone() {
        #expect(plan(revision: "beef", applied: "c0ffee").drift.map(\.address) == [gamma], "the new declarations may be why")
        #expect(plan(revision: nil, applied: nil).drift.map(\.address) == [gamma], "a folder: nothing tells what was declared")
        #expect(plan(revision: "beef", applied: nil).drift.map(\.address) == [gamma], "a fresh state")
        #expect(plan(revision: "beef", applied: "c0ffee", targeted: true).drift.map(\.address) == [gamma])
    }
}
