import Drivers
import Foundation
import Testing

/// The Postgres driver on the test server: a schedule and a booster, reached through a URL with a
/// password (the test server trusts every connection, so it is a secret to keep, not to check).
final class PostgresConformanceTarget: ConformanceTarget {
    let harness: PostgresHarness
    static let password = "hunter2-conformance-\(UUID().uuidString.prefix(8))"
    let url: String

    init() throws {
        let plain = try #require(PostgresHarness.url)
        url = plain.replacingOccurrences(of: "://postgres@", with: "://postgres:\(Self.password)@")
        harness = try PostgresHarness(url: url)
        try harness.write("rows/morning.yaml", PostgresHarness.scheduleYAML("morning") + "---\n" + PostgresHarness.boosterYAML("views"))
    }

    var folder: String { harness.folder }
    var catalog: DriverCatalog { harness.catalog }
    /// The database's URL, and one where nothing listens (see ``breakEndpoint()``).
    var environment: [String: String] {
        harness.environment.merging(["BROKEN_DATABASE_URL": "postgres://postgres:\(Self.password)@127.0.0.1:1/botops"]) { one, _ in one }
    }
    var secrets: [String] { [Self.password] }
    var hasMarker: Bool { true }

    func breakEndpoint() throws {
        try rewriteProject { $0.replacingOccurrences(of: "url: {fromEnv: TEST_DATABASE_URL}", with: "url: {fromEnv: BROKEN_DATABASE_URL}") }
    }

    /// Columns workers own, and a column somebody added: botops neither compares nor writes them.
    func changeUnknownLiveFields() async throws {
        try await harness.sql("UPDATE \(harness.schema).schedules SET last_run_at = now(), last_error = 'boom'")
        try await harness.sql("ALTER TABLE \(harness.schema).boosters ADD COLUMN IF NOT EXISTS notes text DEFAULT 'added by hand'")
    }

    func shutdown() async { await harness.shutdown() }
}
