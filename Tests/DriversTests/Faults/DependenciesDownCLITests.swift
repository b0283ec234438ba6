import Foundation
import Testing

/// A running daemon whose dependencies go away under it: a Docker engine's API (podman's, a service of the test's
/// own killed and started again, and Docker Engine's, its socket gone and back), the database of its rows and the database of its state (behind a TCP proxy
/// that refuses, or closes every connection as a restart does), and its git remote. Each time: the pass names the
/// system once, changes everything that did not depend on it, changes and deletes nothing that did, and the
/// daemon recovers by itself (its own retry, no push) once the system is back.
@Suite("botops reconcile: dependencies down under a running daemon", .timeLimit(.minutes(5)), .serialized,
       .enabled(if: TestEngine.available && PostgresHarness.available))
struct DependenciesDownCLITests {
    struct Status: Decodable {
        struct Pass: Decodable {
            let result: String
            let message: String?
            let failures: Int
        }
        let passes: Int
        let idle: Bool
        let lastPass: Pass?
    }

    static func status(_ daemon: RunningDaemon) async throws -> Status {
        try JSONDecoder().decode(Status.self, from: Data(try await daemon.get("/api/v1/status").1.utf8))
    }

    /// Asks for a pass and returns it once it is over.
    static func pass(_ daemon: RunningDaemon) async throws -> Status.Pass {
        let before = try await status(daemon).passes
        #expect(try await daemon.reconcile())
        var last: Status?
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            last = try await status(daemon)
            return (last?.passes ?? 0) > before && last?.idle == true
        })
        return try #require(last?.lastPass)
    }

    /// Version `version` of a bot's description and of two schedules' hour.
    static func declareBotAndRows(_ version: Int, in fleet: TelegramFleetHarness) throws {
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha", description: "Version \(version)"))
        try fleet.write("schedules/posts.yaml", ["morning", "evening"].map {
            PostgresHarness.scheduleYAML($0, cron: "0 \(7 + version) * * *")
        }.joined(separator: "---\n"))
    }

    static func rows(_ db: PostgresHarness) async throws -> [String] {
        try await db.sql("SELECT name || ' ' || cron FROM \(db.schema).schedules ORDER BY name").compactMap { $0 }
    }

    static func occurrences(of part: String, in text: String) -> Int { text.components(separatedBy: part).count - 1 }

    /// podman's API is a service of the test's own, killed and started again; Docker Engine's is its socket
    /// stopped and started again (see `DockerdSocketProxy`).
    static func stoppableEngine(_ kind: String) throws -> any StoppableEngine {
        kind == "podman" ? try PrivatePodman() : try DockerdSocketProxy(try #require(TestEngine.dockerd))
    }

    @Test(arguments: ["podman", "dockerd"])
    func anEngineDownHoldsBackItsContainersOnlyAndTheDaemonRecoversByItself(_ kind: String) async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        let engine = try Self.stoppableEngine(kind)
        let shared = engine.shared
        let name = "dd" + UUID().uuidString.lowercased().prefix(8) + "-app"
        defer {
            Task {
                do {
                    _ = try await DockerHarness.callEngine(shared, .DELETE, "/containers/\(name)?force=1")
                } catch {
                    FileHandle.standardError.write(Data("could not remove container \(name): \(error)\n".utf8))
                }
                await engine.shutdown()
                await fleet.shutdown()
            }
        }
        try await engine.start()
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: \(name)}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              docker:
                engines:
                  default: {host: "\(engine.host)"}
            """)
        func declare(_ version: Int) throws {
            try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha", description: "Version \(version)"))
            try fleet.write("containers/app.yaml", """
                apiVersion: botops/v1
                kind: Container
                metadata: {name: \(name)}
                spec:
                  image: "\(try #require(TestEngine.image))"
                  command: [sleep, "3600"]
                  network: none
                  stopTimeout: 0
                  pullPolicy: Never
                  labels: {botops.test: "true"}
                  env: {VERSION: "\(version)"}
                """)
        }
        func liveVersion() async throws -> String? {
            let inspected = try await DockerHarness.callEngine(shared, .GET, "/containers/\(name)/json").1
            return inspected["Config"]?["Env"]?.arrayValue?.compactMap(\.stringValue).first { $0.hasPrefix("VERSION=") }
        }
        try declare(1)
        let daemon = try await RunningDaemon.start(fleet)
        defer { daemon.terminateIfRunning() }
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await liveVersion() == "VERSION=1" })

        await engine.stop()
        try declare(2)
        let down = try await Self.pass(daemon)
        let message = down.message ?? ""
        #expect(Self.occurrences(of: "the Docker engine 'default'", in: message) == 1, "named once: \(message)")
        #expect(message.contains("unreachable") && message.contains("1 resource not read"), "\(message)")
        #expect(try await liveVersion() == "VERSION=1", "the container was neither replaced nor removed")
        let description = await fleet.writes().filter { $0.method == "setMyDescription" }.last?.params["description"]
        #expect(description == "Version 2", "the bot, on a system that answered, was changed")

        try await engine.start()
        // No push, no request: the daemon's own retry of a partial pass converges the container.
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await liveVersion() == "VERSION=2" })
        #expect(try await ReconcileDaemonCLITests.eventually(30) {
            let now = try await Self.status(daemon)
            return now.idle && now.lastPass?.failures == 0 && now.lastPass?.message == nil
        })
        #expect(await daemon.stop().status == 0)
    }

    @Test func aDatabaseDownHoldsBackItsRowsOnlyAndARestartIsRecoveredFrom() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        let db = try PostgresHarness()
        let (proxy, _, proxied) = try await TCPProxy.inFrontOfTestDatabase()
        defer {
            Task {
                await proxy.stop()
                await db.shutdown()
                await fleet.shutdown()
            }
        }
        // The rows' database and botops' own state both live behind the proxy: one restart, two systems.
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: down-rows}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              postgres:
                url: {fromEnv: TEST_DATABASE_URL}
                schema: \(db.schema)
              state: postgres
            """)
        func declare(_ version: Int) throws { try Self.declareBotAndRows(version, in: fleet) }
        func rows() async throws -> [String] { try await Self.rows(db) }
        try declare(1)
        let daemon = try await RunningDaemon.start(fleet, environment: ["TEST_DATABASE_URL": proxied])
        defer { daemon.terminateIfRunning() }
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await rows() == ["evening 0 8 * * *", "morning 0 8 * * *"] })

        // A restart: every connection closed, the server back at once. The next pass reconnects.
        proxy.closeAll()
        try declare(2)
        let restarted = try await Self.pass(daemon)
        #expect(restarted.result == "applied" && restarted.failures == 0, "\(restarted)")
        #expect(try await rows() == ["evening 0 9 * * *", "morning 0 9 * * *"])

        // Down: nothing answers. The state is unreadable, so nothing at all is changed, and the pass says why.
        proxy.set(.refuse)
        proxy.closeAll()
        try declare(3)
        let writes = await fleet.writes().count
        let down = try await Self.pass(daemon)
        #expect(down.result == "failed", "\(down)")
        #expect(Self.occurrences(of: "state postgres://", in: down.message ?? "") == 1, "named once: \(down.message ?? "")")
        #expect(await fleet.writes().count == writes, "no change was started without the state")
        #expect(try await rows() == ["evening 0 9 * * *", "morning 0 9 * * *"])

        proxy.set(.forward)
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await rows() == ["evening 0 10 * * *", "morning 0 10 * * *"] },
                "the daemon's own retry converges once the database is back")
        #expect(await daemon.stop().status == 0)
    }

    @Test func theRowsDatabaseDownHoldsBackItsRowsOnly() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        let db = try PostgresHarness()
        let (proxy, _, proxied) = try await TCPProxy.inFrontOfTestDatabase()
        defer {
            Task {
                await proxy.stop()
                await db.shutdown()
                await fleet.shutdown()
            }
        }
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: down-rows-only}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              postgres:
                url: {fromEnv: TEST_DATABASE_URL}
                schema: \(db.schema)
            """)
        func declare(_ version: Int) throws { try Self.declareBotAndRows(version, in: fleet) }
        func rows() async throws -> [String] { try await Self.rows(db) }
        try declare(1)
        let daemon = try await RunningDaemon.start(fleet, environment: ["TEST_DATABASE_URL": proxied])
        defer { daemon.terminateIfRunning() }
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await rows() == ["evening 0 8 * * *", "morning 0 8 * * *"] })

        proxy.set(.refuse)
        try declare(2)
        let down = try await Self.pass(daemon)
        let message = down.message ?? ""
        #expect(Self.occurrences(of: "the database at postgres://", in: message) == 1, "named once: \(message)")
        #expect(message.contains("resources not read"), "\(message)")
        #expect(try await rows() == ["evening 0 8 * * *", "morning 0 8 * * *"], "the rows were neither changed nor deleted")
        let description = await fleet.writes().filter { $0.method == "setMyDescription" }.last?.params["description"]
        #expect(description == "Version 2", "the bot, on a system that answered, was changed")

        proxy.set(.forward)
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await rows() == ["evening 0 9 * * *", "morning 0 9 * * *"] },
                "the daemon's own retry converges the rows once the database is back")
        #expect(await daemon.stop().status == 0)
    }

    @Test func anUnreachableGitRemoteChangesNothingAndIsRecoveredFrom() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        let repository = try await PushRepository()
        let moved = repository.bare + ".away"
        defer {
            Task {
                repository.remove()
                await fleet.shutdown()
            }
        }
        try repository.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: down-git}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
            """)
        try repository.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha", description: "Version 1"))
        try await repository.commit("version 1")
        _ = try await repository.push()
        var environment = fleet.environment
        environment["OPERATE_KEY"] = "operate-key-of-the-git-test"
        // The state is a file in the folder the daemon runs in (the default with --repo).
        let started = try BotopsProcess.start(["reconcile", "--repo", repository.bare, "--ref", "main", "--interval", "1h",
                                               "--listen", "127.0.0.1:0", "--api-key", "operate=env:OPERATE_KEY"],
                                              environment: environment, in: repository.root)
        let daemon = RunningDaemon(started: started, base: try await ReconcileDaemonCLITests.baseURL(of: started),
                                   operate: ["Authorization": "Bearer operate-key-of-the-git-test"])
        defer { daemon.terminateIfRunning() }
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await Self.status(daemon).lastPass?.result == "applied" })

        try repository.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha", description: "Version 2"))
        try await repository.commit("version 2")
        _ = try await repository.push()
        try FileManager.default.moveItem(atPath: repository.bare, toPath: moved)
        let writes = await fleet.writes().count
        let down = try await Self.pass(daemon)
        #expect(down.result == "failed", "\(down)")
        #expect(Self.occurrences(of: repository.bare, in: down.message ?? "") == 1, "named once: \(down.message ?? "")")
        #expect(await fleet.writes().count == writes, "nothing was changed without the configuration")

        try FileManager.default.moveItem(atPath: moved, toPath: repository.bare)
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            await fleet.writes().contains { $0.method == "setMyDescription" && $0.params["description"] == "Version 2" }
        }, "the daemon's own retry fetches and applies once the remote is back")
        #expect(await daemon.stop().status == 0)
    }
}
