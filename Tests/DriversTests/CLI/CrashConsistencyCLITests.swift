import Foundation
import Testing

/// `botops apply` killed (SIGKILL, through the crash hook) right after one of the writes of a mixed apply:
/// containers replaced create-before-destroy on podman, a transaction of 200 schedule rows, webhooks and bot
/// profiles at the Bot API, and the state file's journal, snapshot and history. The next ordinary run must
/// converge every time: no duplicate or orphaned container, no successor left beside its predecessor, every
/// row as declared and no other, a readable state, and a plan with nothing left to do.
///
/// The points are spread over every write of one version change (counted by a run with the hook on and no
/// crash); `BOTOPS_CRASH_POINTS` sets how many (scripts/soak: 50; here 4). The fleet flips between two versions,
/// so each crash cuts a real change in the middle.
@Suite("botops apply: killed after any write, the next run converges", .timeLimit(.minutes(20)), .serialized,
       .enabled(if: TestEngine.available && PostgresHarness.available))
struct CrashConsistencyCLITests {
    static let points = ProcessInfo.processInfo.environment["BOTOPS_CRASH_POINTS"].flatMap { Int($0) } ?? 4
    static let bots = ["alpha", "beta", "gamma", "delta", "epsilon"]
    static let containers = ["api", "worker", "poster", "booster", "gateway"]
    static let schedules = (1...200).map { String(format: "post-%03d", $0) }

    /// One run of a killed apply, for the note of a failed expectation.
    struct Round: CustomStringConvertible {
        let point: Int
        let version: Int
        let crashed: BotopsProcess.Output
        var lastWrite: String { crashed.stderr.split(separator: "\n").last { $0.hasPrefix("crash hook:") }.map(String.init) ?? "none" }
        var description: String { "killed after write \(point) (to version \(version); \(lastWrite))" }
    }

    @Test func killedAfterAnyWriteTheNextRunConverges() async throws {
        let fleet = try await TelegramFleetHarness(bots: Self.bots)
        let db = try PostgresHarness()
        let engine = try #require(TestEngine.podman)
        let prefix = "cc" + UUID().uuidString.lowercased().prefix(8)
        defer {
            Task {
                await Self.removeContainers(prefix, on: engine)
                await db.shutdown()
                await fleet.shutdown()
            }
        }
        var environment = fleet.environment
        environment.merge(db.environment) { _, new in new }
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: \(prefix)}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              docker:
                engines:
                  default: {host: "\(engine.host)"}
              postgres:
                url: {fromEnv: TEST_DATABASE_URL}
                schema: \(db.schema)
            """)
        try Self.declare(version: 0, prefix: prefix, in: fleet)
        let first = try await BotopsProcess.run(["apply", fleet.folder, "--auto-approve"], environment: environment)
        try #require(first.status == 0, "\(first.stderr)")

        // Counting: the hook on, far past the last write, announces every write of a whole change.
        try Self.declare(version: 1, prefix: prefix, in: fleet)
        var counting = environment
        counting["BOTOPS_CRASH_AFTER_WRITE"] = "1000000"
        let counted = try await BotopsProcess.run(["apply", fleet.folder, "--auto-approve", "--parallelism", "1"], environment: counting)
        try #require(counted.status == 0, "\(counted.stderr)")
        let writes = counted.stderr.split(separator: "\n").count { $0.hasPrefix("crash hook: write ") }
        try #require(writes >= 20, "a version change writes at least 20 times, not \(writes): \(counted.stderr)")
        try await Self.expectConverged(version: 1, prefix: prefix, fleet: fleet, db: db, engine: engine, environment: environment,
                                       after: "the counting run")

        let count = max(1, min(Self.points, writes))
        let points = (0..<count).map { 1 + $0 * (writes - 1) / max(1, count - 1) }
        var version = 1
        var kills = 0
        for point in points {
            version = 1 - version
            try Self.declare(version: version, prefix: prefix, in: fleet)
            var crashing = environment
            crashing["BOTOPS_CRASH_AFTER_WRITE"] = String(point)
            let crashed = try await BotopsProcess.run(["apply", fleet.folder, "--auto-approve", "--parallelism", "1"],
                                                      environment: crashing)
            let round = Round(point: point, version: version, crashed: crashed)
            // A change back may write a little less than the one counted; then the run ends on its own.
            #expect(crashed.status == SIGKILL || crashed.status == 0, "\(round): exit \(crashed.status)\n\(crashed.stderr)")
            if crashed.status == SIGKILL { kills += 1 }
            let next = try await BotopsProcess.run(["apply", fleet.folder, "--auto-approve"], environment: environment)
            #expect(next.status == 0, "\(round): the next run failed\n\(next.stderr)")
            try await Self.expectConverged(version: version, prefix: prefix, fleet: fleet, db: db, engine: engine,
                                           environment: environment, after: "\(round)")
        }
        #expect(kills >= count - 1, "\(kills) of \(count) runs were killed")
        FileHandle.standardError.write(Data("crash consistency: \(kills) kills at points \(points) of \(writes) writes survived\n".utf8))
    }

    /// Writes version `version` of the whole fleet: a container's env, a webhook's URL, a bot's description and
    /// every schedule's hour all change between 0 and 1.
    static func declare(version: Int, prefix: String, in fleet: TelegramFleetHarness) throws {
        for bot in bots {
            try fleet.write("bots/\(bot).yaml", TelegramFleetHarness.botYAML(bot, description: "Version \(version) of \(bot)"))
            try fleet.write("webhooks/\(bot).yaml", TelegramFleetHarness.webhookYAML(bot, url: "https://gateway.example.com/v\(version)/\(bot)"))
        }
        for name in containers {
            try fleet.write("containers/\(name).yaml", """
                apiVersion: botops/v1
                kind: Container
                metadata: {name: \(prefix)-\(name)}
                spec:
                  image: "\(TestEngine.image ?? "")"
                  command: [sleep, "3600"]
                  network: none
                  stopTimeout: 0
                  pullPolicy: Never
                  labels: {botops.test: "true"}
                  env: {VERSION: "\(version)"}
                """)
        }
        try fleet.write("schedules/posts.yaml", schedules.map {
            PostgresHarness.scheduleYAML($0, cron: "0 \(8 + version) * * *")
        }.joined(separator: "---\n"))
    }

    static func expectConverged(version: Int, prefix: String, fleet: TelegramFleetHarness, db: PostgresHarness, engine: TestEngine,
                                environment: [String: String], after what: String) async throws {
        let plan = try await BotopsProcess.run(["plan", fleet.folder, "--detailed-exitcode"], environment: environment)
        #expect(plan.status == 0, "\(what): the state is readable and nothing is left to do\n\(plan.stdout)\(plan.stderr)")

        let filter = #"{"label":["dev.botops.project=\#(prefix)"]}"#.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let listed = try await DockerHarness.callEngine(engine, .GET, "/containers/json?all=1&filters=\(filter)").1
        var names: [String] = []
        for container in listed.arrayValue ?? [] {
            let name = String(container["Names"]?.arrayValue?.first?.stringValue?.drop { $0 == "/" } ?? "")
            names.append(name)
            let inspected = try await DockerHarness.callEngine(engine, .GET, "/containers/\(name)/json").1
            let env = inspected["Config"]?["Env"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(env.contains("VERSION=\(version)"), "\(what): \(name) runs version \(version): \(env)")
            #expect(inspected["State"]?["Running"]?.boolValue == true, "\(what): \(name) runs")
        }
        #expect(names.sorted() == containers.map { "\(prefix)-\($0)" }.sorted(),
                "\(what): exactly the declared containers, no successor beside its predecessor: \(names.sorted())")

        let rows = try await db.sql("SELECT name || ' ' || cron FROM \(db.schema).schedules ORDER BY name").compactMap { $0 }
        #expect(rows == schedules.map { "\($0) 0 \(8 + version) * * *" },
                "\(what): every row as declared and no other (\(rows.count) rows)")

        let history = try await BotopsProcess.run(["history", fleet.folder], environment: environment)
        #expect(history.status == 0, "\(what): the history reads\n\(history.stderr)")
    }

    static func removeContainers(_ prefix: String, on engine: TestEngine) async {
        for name in containers {
            for suffix in ["", "--botops-next"] {
                do {
                    _ = try await DockerHarness.callEngine(engine, .DELETE, "/containers/\(prefix)-\(name)\(suffix)?force=1")
                } catch {
                    FileHandle.standardError.write(Data("could not remove container \(prefix)-\(name)\(suffix): \(error)\n".utf8))
                }
            }
        }
    }
}
