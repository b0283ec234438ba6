import Foundation
import Testing

/// The leader cut off from its database in the middle of an apply, while a standby is not: a TCP proxy between
/// the leader and Postgres closes the server's side of every connection (so the server lets the leader's session
/// and its locks go, as it does once it gives up on a client) and leaves the leader's side open and silent (so
/// the leader learns nothing). The leader must stop starting changes at once (its next state write never comes
/// back, and no change starts before it), and the new leader must not start any before then: each daemon's Bot API
/// calls go through a proxy of their own, which tells who called what, and when. Still cut off, it stops when
/// asked, since a state write unanswered for ``PostgresStateLock/writeDeadline`` gives the lock up.
@Suite("botops reconcile: a leader cut off from its database stops before a new leader starts", .timeLimit(.minutes(5)),
       .serialized, .enabled(if: PostgresHarness.available))
struct LeaderPartitionCLITests {
    struct Status: Decodable {
        struct Pass: Decodable { let result: String }
        let role: String?
        let idle: Bool
        let lastPass: Pass?
    }

    static func start(_ fleet: TelegramFleetHarness, telegram: TCPProxy, database: String) async throws -> RunningDaemon {
        var environment = fleet.environment
        environment["TEST_DATABASE_URL"] = database
        environment["OPERATE_KEY"] = "operate-key-of-the-partition-test"
        let started = try BotopsProcess.start(["reconcile", fleet.folder, "--interval", "1s", "--parallelism", "1",
                                               "--listen", "127.0.0.1:0", "--api-key", "operate=env:OPERATE_KEY",
                                               "--telegram-api-url", "http://127.0.0.1:\(telegram.port)"], environment: environment)
        return RunningDaemon(started: started, base: try await ReconcileDaemonCLITests.baseURL(of: started),
                             operate: ["Authorization": "Bearer operate-key-of-the-partition-test"])
    }

    static func status(_ daemon: RunningDaemon) async throws -> Status {
        try JSONDecoder().decode(Status.self, from: Data(try await daemon.get("/api/v1/status").1.utf8))
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    @Test func theLeaderStopsStartingChangesBeforeTheNewLeaderStarts() async throws {
        let bots = (1...6).map { "p\($0)" }
        // Every Bot API call takes 200 ms: six bots' changes, one at a time, outlast the cut.
        let fleet = try await TelegramFleetHarness(bots: bots, latency: .milliseconds(200))
        let db = try PostgresHarness()
        let sandbox = try #require(URLComponents(string: fleet.sandbox.baseURL))
        let (database, url, proxied) = try await TCPProxy.inFrontOfTestDatabase()
        let telegramA = try await TCPProxy.start(to: try #require(sandbox.host), port: try #require(sandbox.port))
        let telegramB = try await TCPProxy.start(to: try #require(sandbox.host), port: try #require(sandbox.port))
        defer {
            Task {
                for proxy in [database, telegramA, telegramB] { await proxy.stop() }
                await db.shutdown()
                await fleet.shutdown()
            }
        }
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: partition}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              postgres:
                url: {fromEnv: TEST_DATABASE_URL}
                schema: \(db.schema)
              state: postgres
            """)
        func declare(_ version: Int) throws {
            for bot in bots { try fleet.write("bots/\(bot).yaml", TelegramFleetHarness.botYAML(bot, description: "Version \(version)")) }
        }
        try declare(1)
        let leader = try await Self.start(fleet, telegram: telegramA, database: proxied)
        defer { leader.terminateIfRunning() }
        #expect(try await ReconcileDaemonCLITests.eventually(90) {
            let now = try await Self.status(leader)
            return now.role == "leader" && now.lastPass?.result == "no-changes"
        }, "the first replica leads and converges")
        let standby = try await Self.start(fleet, telegram: telegramB, database: url)
        defer { standby.terminateIfRunning() }
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await Self.status(standby).role == "standby" })

        let describedBefore = telegramA.requests.count { $0.method == "setMyDescription" }
        try declare(2)
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            telegramA.requests.count { $0.method == "setMyDescription" } > describedBefore
        }, "the leader starts applying version 2")
        let cut = ContinuousClock.now
        database.partition()

        // The new leader finishes the job.
        #expect(try await ReconcileDaemonCLITests.eventually(90) {
            let described = Set(await fleet.writes().filter { $0.method == "setMyDescription" && $0.params["description"] == "Version 2" }
                .compactMap(\.bot))
            return described.count == bots.count
        }, "every bot reaches version 2")
        #expect(try await Self.status(standby).role == "leader")

        let isWrite = { (request: TCPProxy.Request) in !request.method.hasPrefix("get") }
        let lastOld = try #require(telegramA.requests.filter(isWrite).last?.at)
        let firstNew = try #require(telegramB.requests.filter(isWrite).first?.at)
        let window = lastOld - firstNew
        FileHandle.standardError.write(Data("""
            leader partition: the old leader's last change started \(Self.milliseconds(lastOld - cut)) ms after the cut, \
            the new leader's first \(Self.milliseconds(firstNew - cut)) ms after it: \
            \(window < .zero ? "no overlap, \(Self.milliseconds(.zero - window)) ms apart" : "OVERLAP of \(Self.milliseconds(window)) ms")

            """.utf8))
        #expect(lastOld < firstNew, "the old leader started no change once the new one had started")
        #expect(lastOld - cut < .seconds(5), "the old leader started nothing once its next state write was due")

        let asked = ContinuousClock.now
        let pid = leader.started.0.processIdentifier
        let killer = Task {
            try await Task.sleep(for: .seconds(60))
            kill(pid, SIGKILL)
        }
        let stopped = await leader.stop()
        killer.cancel()
        FileHandle.standardError.write(Data("leader partition: the cut-off leader stopped \(Self.milliseconds(ContinuousClock.now - asked)) ms after SIGINT\n".utf8))
        if stopped.status != 0 { FileHandle.standardError.write(Data("LEADER STDERR\n\(stopped.stderr.suffix(6000))\n".utf8)) }
        #expect(stopped.status == 0, "a leader still cut off finishes a graceful stop: \(stopped.stderr.suffix(800))")
        #expect(await standby.stop().status == 0)
    }
}
