import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// The rows' database heard the question and went silent (a TCP proxy the test controls drops the link at a
/// chosen statement): a plan and an apply give up at the driver's answer deadline instead of waiting for as long
/// as the connection lives, and the next run, with the link back, converges.
@Suite("Postgres rows: a link gone silent", .timeLimit(.minutes(3)), .enabled(if: PostgresHarness.available), .serialized)
struct PostgresRowsSilentLinkTests {
    static let deadline = Duration.seconds(2)

    /// A harness whose database is reached through a proxy.
    private func throughAProxy(_ body: (PostgresHarness, TCPProxy) async throws -> Void) async throws {
        try await TCPProxy.aroundTestDatabase(harness: { try PostgresHarness(url: $0, answerDeadline: Self.deadline) }) { db, proxy, _ in
            try await body(db, proxy)
        }
    }

    @Test func aPlanWhoseReadIsNeverAnsweredGivesUpAtTheDeadline() async throws {
        try await throughAProxy { db, proxy in
            try db.write("schedules/a.yaml", PostgresHarness.scheduleYAML("morning"))
            proxy.set(.silenceAt("SELECT"))
            let clock = ContinuousClock()
            let asked = clock.now
            let plan = try await db.plan()
            let waited = clock.now - asked
            #expect(waited >= Self.deadline, "the read was waited for up to the deadline: \(waited)")
            let unknown = try #require(plan.unknown.first, "\(plan)")
            #expect(unknown.message.contains("no answer within 2 s"), "\(unknown.message)")
            #expect(plan.actionable.isEmpty, "nothing is planned on a read that never came back")
        }
    }

    @Test func anApplyWhoseCommitIsNeverAnsweredGivesUpAndTheNextRunConverges() async throws {
        try await throughAProxy { db, proxy in
            try db.write("schedules/a.yaml", PostgresHarness.scheduleYAML("morning"))
            try await db.apply()
            try db.write("schedules/a.yaml", PostgresHarness.scheduleYAML("morning", cron: "0 9 * * *"))
            proxy.set(.silenceAt("COMMIT"))
            let clock = ContinuousClock()
            let asked = clock.now
            let (plan, report) = try await db.apply()
            let waited = clock.now - asked
            #expect(plan.actionable.map(\.address) == [ResourceAddress(.schedule, "morning")])
            #expect(waited >= Self.deadline, "\(waited)")
            let failure = try #require(report?.failures.first, "\(String(describing: report))")
            #expect(failure.message.contains("no answer within 2 s; the transaction is rolled back unless its COMMIT was heard"),
                    "\(failure.message)")
            // The proxy let go of the server's side, so the server rolled the transaction back.
            #expect(try await db.sql("SELECT cron FROM \(db.schema).schedules") == ["0 8 * * *"])

            proxy.set(.forward)
            await db.catalog.reopenEndpoints()
            let (_, healed) = try await db.apply()
            #expect(healed?.succeeded == true)
            #expect(try await db.sql("SELECT cron FROM \(db.schema).schedules") == ["0 9 * * *"])
        }
    }
}
