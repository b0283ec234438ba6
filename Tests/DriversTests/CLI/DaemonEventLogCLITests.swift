import Foundation
import Testing

/// The running daemon's event log end to end: a webhook delivery error and a backlog over the Project's threshold
/// are recorded with their bot, kept after Telegram clears the error, kept once across a restart of the daemon,
/// served at `GET /api/v1/events` (filters checked, a bad one refused) and printed by `botops events`.
@Suite("botops reconcile: the event log is recorded, served and printed", .timeLimit(.minutes(5)))
struct DaemonEventLogCLITests {
    struct EventList: Decodable {
        struct Event: Decodable { let id: String; let at: String; let kind: String; let resource: String; let bot: String?; let text: String }
        let events: [Event]
    }

    static func events(_ daemon: RunningDaemon, _ query: String = "") async throws -> [EventList.Event] {
        let (code, body) = try await daemon.get("/api/v1/events" + query)
        #expect(code == 200, "\(body)")
        return try JSONDecoder().decode(EventList.self, from: Data(body.utf8)).events
    }

    @Test func aWebhookErrorAndABacklogAreRecordedKeptAndShown() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha", "beta"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: test}
            spec:
              telegram: {apiURL: "\(fleet.sandbox.baseURL)"}
              events: {backlogThreshold: 20}
            """)
        for bot in ["alpha", "beta"] {
            try fleet.write("bots/\(bot).yaml", TelegramFleetHarness.botYAML(bot))
            try fleet.write("webhooks/\(bot).yaml", TelegramFleetHarness.webhookYAML(bot))
        }
        var daemon = try await RunningDaemon.start(fleet)
        defer { daemon.terminateIfRunning() }
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await DaemonDegradedCLITests.passes(daemon) >= 1 })
        #expect(try await Self.events(daemon).isEmpty, "a converged fleet has nothing to tell")

        let errorAt = Date().addingTimeInterval(-5)
        await fleet.sandbox.setLastWebhookError(botID: fleet.botID("alpha"), at: errorAt, message: "Connection refused")
        _ = await fleet.sandbox.setPendingUpdateCount(botID: fleet.botID("beta"), to: 21)
        #expect(try await daemon.reconcile())
        var events: [EventList.Event] = []
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            events = try await Self.events(daemon)
            return events.count >= 2
        })
        #expect(Set(events.map(\.kind)) == ["webhook-error", "backlog"], "\(events)")
        let error = try #require(events.first { $0.kind == "webhook-error" })
        #expect(error.bot == "alpha" && error.resource == "Webhook/alpha" && error.text.contains("Connection refused"))
        #expect(events.first { $0.kind == "backlog" }?.text.contains("21 updates") == true)
        #expect(try await Self.events(daemon, "?bot=beta").map(\.kind) == ["backlog"])
        #expect(try await Self.events(daemon, "?resource=Webhook/alpha").map(\.kind) == ["webhook-error"])
        #expect(try await Self.events(daemon, "?limit=1").count == 1)
        #expect(try await daemon.get("/api/v1/events?resource=alpha").0 == 400, "a filter that does not parse is refused")
        #expect(try await daemon.get("/api/v1/events?since=yesterday").0 == 400)
        // The next page of a long log: until the oldest event read (it comes again, the newer one does not).
        let older = try #require(events.last), newer = try #require(events.first)
        let page = try await Self.events(daemon, "?until=\(older.at)")
        #expect(page.map(\.id).contains(older.id) && !page.map(\.id).contains(newer.id), "\(older.at): \(page)")
        #expect(try await daemon.get("/api/v1/events?until=soon").0 == 400)

        // Telegram clears the error; the log keeps it. A restarted daemon reads the same error as the same event.
        await fleet.sandbox.setLastWebhookError(botID: fleet.botID("alpha"), at: nil)
        #expect(await daemon.stop().status == 0)
        await fleet.sandbox.setLastWebhookError(botID: fleet.botID("alpha"), at: errorAt, message: "Connection refused")
        daemon = try await RunningDaemon.start(fleet)
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await DaemonDegradedCLITests.passes(daemon) >= 1 })
        await fleet.sandbox.setLastWebhookError(botID: fleet.botID("alpha"), at: nil)
        #expect(try await daemon.reconcile())
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await DaemonDegradedCLITests.passes(daemon) >= 2 })
        let after = try await Self.events(daemon)
        #expect(after.filter { $0.kind == "webhook-error" }.map(\.id) == [error.id], "kept once, after it cleared: \(after)")
        let metrics = try await daemon.get("/metrics").1
        #expect(metrics.contains(#"botops_events_total{kind="backlog"}"#), "\(metrics)")

        let printed = try await BotopsProcess.run(["events", fleet.folder, "--bot", "alpha"], environment: fleet.environment)
        #expect(printed.status == 0, "\(printed.stderr)")
        let line = try #require(printed.stdout.split(separator: "\n").first.map(String.init))
        #expect(line.contains("webhook-error") && line.contains("Webhook/alpha") && line.contains("(alpha)")
                && line.contains("Connection refused"), "\(printed.stdout)")
        #expect(!printed.stdout.contains("backlog"), "filtered to alpha")
        let json = try await BotopsProcess.run(["events", fleet.folder, "--format", "json"], environment: fleet.environment)
        #expect(try JSONDecoder().decode(EventList.self, from: Data(json.stdout.utf8)).events.count == after.count)
        let refused = try await BotopsProcess.run(["events", fleet.folder, "--resource", "alpha"], environment: fleet.environment)
        #expect(refused.status != 0 && refused.stderr.contains("Kind/name"))
        #expect(await daemon.stop().status == 0)
    }
}
