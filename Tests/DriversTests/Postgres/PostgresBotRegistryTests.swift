import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// Panels and workers find each bot in `<schema>.bots`: its Telegram id and username, how it gets
/// updates, and the container that runs it.
@Suite("Postgres: the bot registry", .timeLimit(.minutes(5)), .enabled(if: PostgresHarness.available && TestEngine.available), .serialized)
struct PostgresBotRegistryTests {
    @Test func eachBotHasARowThatFollowsItsWebhookAndContainer() async throws {
        let url = try #require(PostgresHarness.url)
        let engine = try #require(TestEngine.podman)
        let fleet = try await TelegramFleetHarness(bots: ["alpha", "beta"])
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        defer { Task { await fleet.shutdown() } }
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: registry}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              docker:
                engines:
                  default: {host: "\(engine.host)"}
              postgres:
                url: {fromEnv: TEST_DATABASE_URL}
                schema: \(schema)
            """)
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha") + "---\n" + TelegramFleetHarness.webhookYAML("alpha"))
        try fleet.write("bots/beta.yaml", TelegramFleetHarness.botYAML("beta") + """
            ---
            apiVersion: botops/v1
            kind: Container
            metadata:
              name: beta-worker
              dependsOn: [Bot/beta]
            spec:
              image: \(TestEngine.image ?? "")
              command: [sleep, "3600"]
              network: none
              stopTimeout: 0
              pullPolicy: Never
              labels: {botops.test: "true"}
            """)
        let environment = ["TEST_DATABASE_URL": url]
        let db = try PostgresHarness()
        defer { Task { await db.shutdown(dropping: schema) } }

        let (plan, report) = try await fleet.apply(environment: environment)
        #expect(plan.actionable.filter { $0.address.kind == .botRecord }.map(\.address.name) == ["alpha", "beta"])
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        let rows = try await db.sql("""
            SELECT name || ' ' || telegram_id || ' ' || coalesce(username, '-') || ' ' || delivery || ' ' || coalesce(webhook_url, '-')
              || ' ' || coalesce(container, '-') || ' ' || coalesce(engine, '-')
            FROM \(schema).bots ORDER BY name
            """)
        let alphaID = fleet.tokens["alpha"]!.split(separator: ":")[0], betaID = fleet.tokens["beta"]!.split(separator: ":")[0]
        #expect(rows == ["alpha \(alphaID) alpha_bot webhook https://gateway.example.com/tg/alpha - -",
                         "beta \(betaID) beta_bot polling - beta-worker default"])
        #expect(!String(describing: rows).contains(fleet.tokens["alpha"]!), "only the public id, never the token")

        // The webhook goes: the registry follows, and a converged run writes nothing more.
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try await fleet.apply(environment: environment)
        #expect(try await db.sql("SELECT delivery FROM \(schema).bots WHERE name = 'alpha'") == ["polling"])
        #expect(try await fleet.plan(environment: environment).hasChanges == false)

        // A bot leaves git: its row goes with it.
        try fleet.remove("bots/beta.yaml")
        try await fleet.apply(environment: environment)
        #expect(try await db.sql("SELECT name FROM \(schema).bots") == ["alpha"])
    }
}
