import Foundation
import Reconciler
import Spec
import Testing

/// A plan saved with `--out` reads back as the same plan, except that secrets were never written.
@Suite("Saved plans: JSON round trip", .timeLimit(.minutes(1)))
struct SavedPlanRoundTripTests {
    func redacted(_ plan: Plan) -> Plan {
        var redacted = Plan(revision: plan.revision, configDigest: plan.configDigest, changes: plan.changes.map { change in
            Change(address: change.address, action: change.action, fields: change.fields.map {
                // Sensitive sides are hidden but keep their presence, so add, change and remove stay distinct.
                $0.sensitive ? FieldChange(path: $0.path, before: $0.before.map { _ in FieldChange.hidden },
                                           after: $0.after.map { _ in FieldChange.hidden }, sensitive: true) : $0
            }, reason: change.reason, cause: change.cause, dependsOn: change.dependsOn, lane: change.lane, batch: change.batch,
               order: change.order, handle: change.handle, observedDigest: change.observedDigest)
        }, unknown: plan.unknown, refusals: plan.refusals)
        redacted.appliedRevision = plan.appliedRevision
        redacted.commits = plan.commits
        redacted.targetedSince = plan.targetedSince
        return redacted
    }

    @Test func planReadsBackEqualExceptSensitiveValues() async throws {
        let plan = try await SavedPlanWorld().session().plan()
        #expect(plan.changes.contains { $0.fields.contains(where: \.sensitive) })
        let json = try JSONPlanRenderer().render(plan)
        let parsed = try JSONPlanRenderer().parse(Data(json.utf8))
        #expect(parsed == redacted(plan))
        #expect(parsed.summary == plan.summary)
        for fingerprint in SavedPlanWorld.fingerprints {
            #expect(!json.contains(fingerprint))
        }
    }

    @Test func refusalsAndNoOpsSurviveTheRoundTrip() throws {
        let plan = Plan(revision: nil, configDigest: "d", changes: [
            Change(address: Fixtures.bot("a"), action: .noOp, reason: "matches; botops adopts it", lane: "telegram:a",
                   observedDigest: "0123456789abcdef"),
        ], refusals: [Refusal(.tooManyDeletes, "too many deletes")])
        let parsed = try JSONPlanRenderer().parse(Data(try JSONPlanRenderer().render(plan).utf8))
        #expect(parsed == plan)
    }

    /// `null` is a value (a field set to null), not the absence of one.
    @Test func nullValueIsNotConfusedWithAbsence() throws {
        let plan = Plan(configDigest: "d", changes: [
            Change(address: Fixtures.bot("a"), action: .update,
                   fields: [FieldChange(path: "menu_button", before: .null, after: .object(["type": "commands"]))]),
        ])
        let parsed = try JSONPlanRenderer().parse(Data(try JSONPlanRenderer().render(plan).utf8))
        #expect(parsed == plan)
    }

    @Test func otherFormatVersionsAreRefused() throws {
        var plan = Plan(changes: [])
        plan.formatVersion = 99
        let json = try JSONPlanRenderer().render(plan)
        let error = #expect(throws: PlanFormatError.self) { try JSONPlanRenderer().parse(Data(json.utf8)) }
        #expect(error?.message.contains("99") == true)
    }
}
