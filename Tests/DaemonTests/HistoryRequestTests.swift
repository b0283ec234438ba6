@testable import Daemon
import Drivers
import Foundation
import Logging
import Reconciler
import Spec
import Synchronization
import Testing

/// Asking the daemon for its history reads the state store its passes use; it neither fetches nor loads the
/// configuration again for each request.
@Suite("Reconcile loop: history without a configuration load", .timeLimit(.minutes(1)))
struct HistoryRequestTests {
    static func count(_ counter: borrowing Atomic<Int>) -> Int { counter.load(ordering: .relaxed) }

    @Test func historyRequestsDoNotOpenTheSourceAgain() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-history-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "apiVersion: botops/v1\nkind: Project\nmetadata: {name: quiet}\n".write(toFile: folder + "/botops.yaml", atomically: true,
                                                                                    encoding: .utf8)
        let opened = Atomic<Int>(0)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let catalog = DriverCatalog()
        defer { Task { try? await catalog.shutdown() } }
        let session = FleetSession(catalog: catalog, secrets: SecretResolver(environment: [:]), logger: logger)
        let loop = ReconcileLoop(schedule: PassSchedule(interval: .seconds(3600), start: .now), session: session,
                                 options: PlanOptions(allowEmpty: true), logger: logger, metrics: DaemonMetrics()) {
            opened.add(1, ordering: .relaxed)
            return DirectorySource(root: folder)
        }
        let running = Task { await loop.run() }
        #expect(try await PassFailureNoticeTests.eventually { await loop.ready })
        let afterPass = Self.count(opened)
        for _ in 0..<5 { _ = try await loop.history(limit: 20) }
        #expect(Self.count(opened) == afterPass, "five history requests opened the source \(Self.count(opened) - afterPass) times")
        await loop.stop()
        await running.value
    }
}
