import Drivers
import Foundation
import Logging
import PostgresNIO
import Reconciler
import Spec
import TestSupport
import Testing

/// A configuration folder whose Project keeps Schedules and Boosters in a schema of its own on the
/// PostgreSQL server of scripts/services, and a connection for looking at (and editing) the rows
/// as a worker or a person with an admin panel would.
final class PostgresHarness: Sendable {
    static let urlVariable = "BOTOPS_TEST_POSTGRES_URL"
    static var url: String? { ProcessInfo.processInfo.environment[urlVariable] }
    static var available: Bool { url != nil }

    let folder: String
    let schema: String
    let catalog: DriverCatalog
    let environment: [String: String]

    /// - Parameter postgresState: keep botops' own state in the same database (`state: postgres`).
    init(url override: String? = nil, postgresState: Bool = false, recorder: (any CallRecorder)? = nil,
         answerDeadline: Duration = PostgresDriver.defaultAnswerDeadline) throws {
        let url = try #require(override ?? Self.url, "scripts/services must be running (\(Self.urlVariable))")
        schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        environment = ["TEST_DATABASE_URL": url]
        catalog = DriverCatalog(connectTimeout: .seconds(2), databaseAnswerDeadline: answerDeadline, recorder: recorder)
        try write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: pgtest}
            spec:
              postgres:
                url: {fromEnv: TEST_DATABASE_URL}
                schema: \(schema)
              state: \(postgresState ? "postgres" : "file")
            """)
    }

    func write(_ path: String, _ text: String) throws {
        let full = folder + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: folder + "/" + path) }

    static func scheduleYAML(_ name: String, cron: String = "0 8 * * *", timezone: String = "Europe/Moscow",
                             args: String = "{channel: \"@news\", edition: morning}", enabled: Bool = true) -> String {
        """
        apiVersion: botops/v1
        kind: Schedule
        metadata: {name: \(name)}
        spec:
          cron: "\(cron)"
          timezone: \(timezone)
          task: publish_post
          args: \(args)
          enabled: \(enabled)

        """
    }

    static func boosterYAML(_ name: String, provider: String = "boostly") -> String {
        """
        apiVersion: botops/v1
        kind: Booster
        metadata: {name: \(name)}
        spec:
          channel: "@acme_news"
          type: views
          provider: \(provider)
          settings: {perPost: 500}

        """
    }

    func session() throws -> ReconcileSession {
        let result = try SpecLoader().load(from: DirectorySource(root: folder))
        guard let state = result.state else { throw HarnessError(message: "invalid test configuration: \(result.diagnostics)") }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let store = try FleetSession.store(for: state, source: DirectorySource(root: folder), secrets: SecretResolver(environment: environment))
        return ReconcileSession(state: state, store: store,
                                drivers: catalog.drivers(for: state.project, logger: logger),
                                secrets: SecretResolver(environment: environment), logger: logger)
    }

    func plan() async throws -> Plan { try await session().plan() }

    @discardableResult
    func apply(_ options: PlanOptions = PlanOptions()) async throws -> (Plan, ApplyReport?) {
        switch try await session().apply(options: options, approve: { _ in true }) {
        case let .applied(plan, report), let .cancelled(plan, report): return (plan, report)
        case let .noChanges(plan): return (plan, ApplyReport(outcomes: [:], actions: [:]))
        case let .planned(plan), let .refused(plan, _), let .declined(plan): return (plan, nil)
        }
    }

    /// Runs SQL on the test server directly; returns the first column of each row as text.
    @discardableResult
    func sql(_ text: String) async throws -> [String?] {
        let location = try PostgresLocation(url: Self.url ?? "")
        let configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.username,
                                                             password: nil, database: location.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 9, logger: Logger(label: "sql"))
        defer { Task { try? await connection.close() } }
        var values: [String?] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: text), logger: Logger(label: "sql")) {
            values.append(try? row.decode(String?.self))
        }
        return values
    }

    /// Shuts down after dropping `schema` too (one a test named itself, outside this harness's own).
    func shutdown(dropping schema: String) async {
        await keepRows(of: schema)
        _ = try? await sql("DROP SCHEMA IF EXISTS \(schema) CASCADE")
        await shutdown()
    }

    func shutdown() async {
        await keepRows(of: schema)
        _ = try? await sql("DROP SCHEMA IF EXISTS \(schema) CASCADE")
        try? await catalog.shutdown()
        TestArtifacts.discard(folder)
    }

    /// Every row of `schema`'s tables, as JSON lines, for the secret scan (when scripts/test asks for it).
    private func keepRows(of schema: String) async {
        guard TestArtifacts.folder != nil else { return }
        do {
            var lines: [String] = []
            for table in try await sql("SELECT table_name::text FROM information_schema.tables WHERE table_schema = '\(schema)'") {
                guard let table else { continue }
                lines += try await sql("SELECT row_to_json(t)::text FROM \(schema).\"\(table)\" t").compactMap { $0 }
            }
            TestArtifacts.keep(lines.joined(separator: "\n"), as: "rows-\(schema).jsonl")
        } catch {
            Issue.record("could not read the rows of \(schema) for the secret scan: \(error)")
        }
    }
}
