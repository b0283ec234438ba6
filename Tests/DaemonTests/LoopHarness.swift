@testable import Daemon
import Drivers
import Foundation
import Logging
import Reconciler
import Spec
import Testing
import TestSupport

/// A folder holding an empty Project and a reconcile loop over it, for the loop's own tests: the loop opens its
/// source through `open(folder)`, so a test can count, slow or fail the opening.
struct LoopHarness: Sendable {
    let folder: String
    let loop: ReconcileLoop
    private let catalog: DriverCatalog

    init(project: String, open: @escaping @Sendable (String) throws -> any ConfigSource) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-loop-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "apiVersion: botops/v1\nkind: Project\nmetadata: {name: \(project)}\n"
            .write(toFile: folder + "/botops.yaml", atomically: true, encoding: .utf8)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        catalog = DriverCatalog()
        let session = FleetSession(catalog: catalog, secrets: SecretResolver(environment: [:]), logger: logger)
        loop = ReconcileLoop(schedule: PassSchedule(interval: .seconds(3600), start: .now), session: session,
                             options: PlanOptions(allowEmpty: true), logger: logger, metrics: DaemonMetrics()) { try open(folder) }
        self.folder = folder
    }

    /// Removes the folder and shuts the catalog's clients down (one left open stops the whole test process).
    func shutdown() async {
        do {
            try await catalog.shutdown()
        } catch {
            Issue.record("the loop's clients did not shut down: \(error)")
        }
        TestArtifacts.discard(folder)
    }
}
