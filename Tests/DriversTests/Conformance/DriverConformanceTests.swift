import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// What every driver promises the engine (docs/architecture.md), checked on its real system: Telegram
/// on the sandbox, Docker on podman and on Docker Engine, Postgres on the server. A new driver joins by
/// adding one line to ``ConformanceTargets/all``.
@Suite("Driver conformance: every driver keeps the engine's contract on its real system", .timeLimit(.minutes(5)),
       .enabled(if: ConformanceTargets.available), .serialized)
struct DriverConformanceTests {
    /// Runs `body` on a fresh target, shut down afterwards whatever happens.
    static func with(_ name: String, _ body: (any ConformanceTarget) async throws -> Void) async throws {
        let target = try await ConformanceTargets.make(name)
        do {
            try await body(target)
        } catch {
            await target.shutdown()
            throw error
        }
        await target.shutdown()
    }

    /// Applies the declared resources and expects every change to succeed.
    static func applyAll(_ target: any ConformanceTarget) async throws -> Plan {
        let result = try await target.apply()
        guard case let .applied(plan, report) = result else { throw HarnessError(message: "expected an apply, got \(result)") }
        #expect(report.succeeded, "\(report.failures)")
        #expect(!plan.actionable.isEmpty, "the target declares something")
        return plan
    }

    @Test(arguments: ConformanceTargets.all)
    func afterApplyObserveGivesTheDesiredShapeAndAgainChangesNothing(_ name: String) async throws {
        try await Self.with(name) { target in
            let applied = try await Self.applyAll(target)
            // Every declared address read back exactly as desired: the diff is empty.
            let again = try await target.plan()
            #expect(again.unknown.isEmpty, "\(again.unknown)")
            #expect(!again.hasChanges, "\(again.actionable.map { "\($0.address) \($0.fields.map(\.path))" })")
            #expect(Set(again.changes.map(\.address)) == Set(applied.actionable.map(\.address)))
            guard case .noChanges = try await target.apply() else {
                Issue.record("a second apply must find nothing to do")
                return
            }
        }
    }

    @Test(arguments: ConformanceTargets.all)
    func aFailedReadIsNeverAbsent(_ name: String) async throws {
        try await Self.with(name) { target in
            let applied = try await Self.applyAll(target)
            try target.breakEndpoint()
            let plan = try await target.plan()
            let owned = Set(applied.actionable.map(\.address))
            #expect(plan.isPartial)
            #expect(owned.isSubset(of: Set(plan.unknown.map(\.address))), "\(plan.unknown)")
            #expect(plan.actionable.isEmpty, "nothing is created, changed or deleted on a failed read: \(plan.actionable)")
            #expect(plan.unknown.allSatisfy { $0.code == .unreachable || $0.code == .heldBack }, "\(plan.unknown)")
        }
    }

    @Test(arguments: ConformanceTargets.all)
    func orphansAreFoundByTheirMarker(_ name: String) async throws {
        try await Self.with(name) { target in
            guard target.hasMarker else { return }
            let applied = try await Self.applyAll(target)
            try target.forgetState()
            let plan = try await target.plan()
            #expect(plan.unknown.isEmpty, "\(plan.unknown)")
            #expect(!plan.changes.contains { $0.action == .create }, "a marked object is adopted, not made again")
            for address in applied.actionable.map(\.address) {
                let change = plan.changes.first { $0.address == address }
                #expect(change?.action == .noOp && change?.cause == .orphan, "\(address): \(String(describing: change))")
            }
        }
    }

    @Test(arguments: ConformanceTargets.all)
    func unknownLiveFieldsNeverDrift(_ name: String) async throws {
        try await Self.with(name) { target in
            _ = try await Self.applyAll(target)
            try await target.changeUnknownLiveFields()
            let plan = try await target.plan()
            #expect(!plan.hasChanges, "\(plan.actionable.map { "\($0.address) \($0.fields.map(\.path))" })")
        }
    }

    @Test(arguments: ConformanceTargets.all)
    func noSecretReachesAnErrorAValueOrAHandle(_ name: String) async throws {
        try await Self.with(name) { target in
            let applied = try await Self.applyAll(target)
            var seen = [try JSONPlanRenderer().render(applied), TextPlanRenderer().render(applied), try target.stateFiles()]
            seen.append(try JSONPlanRenderer().render(try await target.plan()))
            try target.breakEndpoint()
            let broken = try await target.plan()
            seen += [try JSONPlanRenderer().render(broken), TextPlanRenderer().render(broken)] + broken.unknown.map(\.description)
            for secret in target.secrets {
                for (index, text) in seen.enumerated() {
                    #expect(!text.contains(secret), "a secret in output \(index): \(text.prefix(400))")
                }
            }
        }
    }
}
