import Foundation
import Reconciler
import Testing

/// Two daemons on one Postgres state: one leads and applies, the other stands by and serves status;
/// `kill -9` of the leader makes the standby lead within about one interval.
@Suite("botops reconcile: replicas on one Postgres state, one leader, takeover after kill -9", .timeLimit(.minutes(5)),
       .enabled(if: PostgresHarness.available))
struct ReconcileReplicasCLITests {
    struct Status: Decodable {
        struct Leader: Decodable { let pid: Int32 }
        struct Pass: Decodable { let result: String }
        struct Replica: Decodable { let replica: Leader; let role: String }
        let passes: Int
        let role: String?
        let leader: Leader?
        let replicas: [Replica]?
        let lastPass: Pass?
    }

    static func status(_ base: String) async throws -> Status? {
        let (code, body) = try await ReconcileDaemonCLITests.get(base + "/api/v1/status",
                                                                  headers: ["Authorization": "Bearer read-key-for-the-test"])
        guard code == 200 else { return nil }
        return try JSONDecoder().decode(Status.self, from: Data(body.utf8))
    }

    /// When each recorded run held the state lock, in the order it got it; `run` names it (pid, trigger, result and
    /// the times as written) so a failure says which runs overlapped.
    static func lockSpans(_ fleet: TelegramFleetHarness, _ environment: [String: String]) async throws
        -> [(locked: Date, finished: Date, run: String)] {
        struct Record: Decodable {
            struct Run: Decodable { let pid: Int32; let trigger: String?; let startedAt: String? }
            let run: Run; let lockedAt: String?; let finishedAt: String; let result: String
        }
        let output = try await BotopsProcess.run(["history", fleet.folder, "--format", "json", "--limit", "200"], environment: environment)
        try #require(output.status == 0, "\(output.stderr)")
        return try JSONDecoder().decode([Record].self, from: Data(output.stdout.utf8)).compactMap { record in
            guard let locked = record.lockedAt else { return nil }
            let run = "pid \(record.run.pid) \(record.run.trigger ?? "?") \(record.result) started \(record.run.startedAt ?? "?") "
                + "locked \(locked) finished \(record.finishedAt)"
            return (try ApplyLockSpanCLITests.date(locked), try ApplyLockSpanCLITests.date(record.finishedAt), run)
        }.sorted { $0.locked < $1.locked }
    }

    /// The pids of the runs recorded so far, newest first.
    static func runPIDs(_ fleet: TelegramFleetHarness, _ environment: [String: String]) async throws -> [Int32] {
        struct Record: Decodable {
            struct Run: Decodable { let pid: Int32 }
            let run: Run
        }
        let output = try await BotopsProcess.run(["history", fleet.folder, "--format", "json", "--limit", "200"], environment: environment)
        try #require(output.status == 0, "\(output.stderr)")
        return try JSONDecoder().decode([Record].self, from: Data(output.stdout.utf8)).map(\.run.pid)
    }

    @Test func oneReplicaLeadsAndTheStandbyTakesOverAfterKill() async throws {
        let db = try PostgresHarness()
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown(); await db.shutdown() } }
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: replicas}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              postgres:
                url: {fromEnv: TEST_DATABASE_URL}
                schema: \(db.schema)
              state: postgres
            """)
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        var environment = fleet.environment.merging(db.environment) { $1 }
        environment["READ_KEY"] = "read-key-for-the-test"
        let arguments = ["reconcile", fleet.folder, "--interval", "1s", "--listen", "127.0.0.1:0", "--api-key", "read=env:READ_KEY"]

        let first = try BotopsProcess.start(arguments, environment: environment)
        defer { if first.0.isRunning { first.0.terminate() } }
        let firstBase = try await ReconcileDaemonCLITests.baseURL(of: first)
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await Self.status(firstBase)?.role == "leader" })

        let second = try BotopsProcess.start(arguments, environment: environment)
        defer { if second.0.isRunning { second.0.terminate() } }
        let secondBase = try await ReconcileDaemonCLITests.baseURL(of: second)
        // Its role is known while its first pass still runs; readiness and the roll come when that pass ends.
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await Self.status(secondBase)?.lastPass?.result == "standby" })
        #expect(try await Self.status(secondBase)?.role == "standby")
        #expect(try await ReconcileDaemonCLITests.get(secondBase + "/readyz").0 == 200, "a standby is ready")
        let standing = try await Self.status(secondBase)
        #expect(standing?.leader?.pid == first.0.processIdentifier, "the standby names the leader")
        #expect(standing?.lastPass?.result == "standby")
        #expect(standing?.replicas?.map(\.replica.pid) == [first.0.processIdentifier, second.0.processIdentifier]
                    && standing?.replicas?.map(\.role) == ["leader", "standby"], "the roll: the leader first, then the standby")

        // A drift is healed, by the leader alone, while both run.
        try await fleet.callDirectly("alpha", "setMyName", #"{"name":"Renamed by hand"}"#)
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await fleet.plan(environment: environment).hasChanges == false })
        // The standby looks twice more while both run: whatever ran meanwhile is in the history.
        let looked = try await Self.status(secondBase)?.passes ?? 0
        #expect(try await ReconcileDaemonCLITests.eventually(60) { (try await Self.status(secondBase)?.passes ?? 0) >= looked + 2 })
        let whileBoth = try await Self.runPIDs(fleet, environment)
        #expect(!whileBoth.isEmpty && whileBoth.allSatisfy { $0 == first.0.processIdentifier },
                "only the leader ran passes: \(whileBoth)")

        // Two CLI applies beside the leading daemon, with drift to set back: they take turns with its passes, and
        // the history proves it by when each run got the lock, not when it started.
        try await fleet.callDirectly("alpha", "setMyName", #"{"name":"Renamed for the CLI"}"#)
        let cli = ["apply", fleet.folder, "--auto-approve", "--lock-timeout", "60s"], shared = environment
        async let one = BotopsProcess.run(cli, environment: shared)
        async let two = BotopsProcess.run(cli, environment: shared)
        let applied = try await [one, two]
        #expect(applied.allSatisfy { $0.status == 0 }, "\(applied.map(\.stderr))")
        let spans = try await Self.lockSpans(fleet, environment)
        #expect(spans.count >= 3, "the two applies and the leader's passes: \(spans.map(\.run))")
        #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.finished <= $1.locked },
                "two runs held the lock at once: \(spans.map(\.run).joined(separator: "; "))")

        kill(first.0.processIdentifier, SIGKILL)
        // Collected off the concurrency pool: a blocking wait here once held a pool thread of two.
        let killedOutput = await BotopsProcess.finish(first)
        #expect(killedOutput.status == SIGKILL)
        let killed = ContinuousClock.now
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await Self.status(secondBase)?.role == "leader" })
        let takeover = ContinuousClock.now - killed
        #expect(takeover < .seconds(5), "the standby leads within about one interval, not \(takeover)")

        try await fleet.callDirectly("alpha", "setMyName", #"{"name":"Renamed again"}"#)
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await fleet.plan(environment: environment).hasChanges == false },
                "the new leader heals drift")
        #expect(try await Self.runPIDs(fleet, environment).first == second.0.processIdentifier)
        let roll = try await Self.status(secondBase)?.replicas
        #expect(roll?.map(\.replica.pid) == [second.0.processIdentifier] && roll?.first?.role == "leader",
                "the killed leader is off the roll once another leads: \(String(describing: roll))")

        second.0.interrupt()
        let output = await BotopsProcess.finish(second)
        #expect(output.status == 0, "\(output.stderr)")
    }
}
