@testable import Daemon
import Drivers
import Foundation
import Logging
import Reconciler
import Spec
import Synchronization
import Testing

/// A pass that stops before it plans (here the repository cannot be fetched) is told to the channels
/// of the last configuration that loaded, once per window.
@Suite("Reconcile loop: a failing fetch is a pass-failed notice", .timeLimit(.minutes(5)))
struct PassFailureNoticeTests {
    @Test func theLastGoodConfigurationsChannelsHearOfIt() async throws {
        let receiver = try await WebhookReceiver.start()
        defer { receiver.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-notice-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: notify}
            spec:
              notifications:
                - webhook: {url: "\(receiver.url)", secret: {fromEnv: HOOK_SECRET}, events: [pass-failed]}
            """.write(toFile: folder + "/botops.yaml", atomically: true, encoding: .utf8)
        let failing = Atomic<Bool>(false)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let metrics = DaemonMetrics()
        let catalog = DriverCatalog()
        let notifier = NotificationDispatcher(logger: logger, metrics: metrics)
        // Also when an expectation ends the test early: a client not shut down stops the whole test process.
        defer { Task { try? await catalog.shutdown(); await notifier.shutdown() } }
        let session = FleetSession(catalog: catalog, secrets: SecretResolver(environment: ["HOOK_SECRET": "s"]), logger: logger)
        let loop = ReconcileLoop(schedule: PassSchedule(interval: .seconds(3600), start: .now), session: session,
                                 options: PlanOptions(allowEmpty: true), logger: logger, metrics: metrics,
                                 notifier: notifier) {
            if failing.load(ordering: .relaxed) {
                throw SessionError(.sourceUnavailable, "cannot fetch https://git.example.org/fleet.git: connection refused")
            }
            return DirectorySource(root: folder)
        }
        let running = Task { await loop.run() }
        defer { running.cancel() }
        #expect(try await Self.eventually { await loop.ready })
        #expect(receiver.requests.isEmpty, "a pass that converged is not a failure")

        failing.store(true, ordering: .relaxed)
        await loop.request(.manual, scope: .full)
        #expect(try await Self.eventually { receiver.requests.count == 1 })
        let body = try #require(receiver.requests.first.flatMap { String(data: $0.body, encoding: .utf8) })
        #expect(body.contains(#""event":"pass-failed""#) && body.contains("cannot fetch https://git.example.org/fleet.git"), "\(body)")
        await loop.request(.manual, scope: .full)
        #expect(try await Self.eventually {
            metrics.text().contains(#"botops_notifications_total{channel="webhook",event="pass-failed",result="suppressed"}"#)
        })
        #expect(receiver.requests.count == 1, "the same failure again within the window is not told again")
        await loop.stop()
        await running.value
    }

    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<300 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
