import Drivers
import Foundation
import Logging
import Reconciler
import Spec

/// One driver on its real system, as the conformance suite drives it: a configuration folder declaring
/// a few resources of the driver's kinds (one with a secret), and what the suite does to the live system.
protocol ConformanceTarget: Sendable {
    /// The configuration; the file state is in `.botops/` inside it.
    var folder: String { get }
    var catalog: DriverCatalog { get }
    var environment: [String: String] { get }
    /// Values that must never appear in a plan, a state file, the history or an error.
    var secrets: [String] { get }
    /// Whether the driver's live objects carry botops' marker (a label, a managed row), so objects the
    /// inventory lost are found again as orphans.
    var hasMarker: Bool { get }
    /// Points the driver at an endpoint that does not answer.
    func breakEndpoint() throws
    /// Changes something about the live objects that botops does not declare and does not know.
    func changeUnknownLiveFields() async throws
    func shutdown() async
}

/// The drivers under test, each on its real system. A new driver joins the suite with one line here.
enum ConformanceTargets {
    static let all: [String] = ["telegram", "docker:podman", "docker:dockerd", "postgres"]

    static func make(_ name: String) async throws -> any ConformanceTarget {
        switch name {
        case "telegram": return try await TelegramConformanceTarget()
        case "docker:podman": return try DockerConformanceTarget(try requireEngine(TestEngine.podman))
        case "docker:dockerd": return try DockerConformanceTarget(try requireEngine(TestEngine.dockerd))
        case "postgres": return try PostgresConformanceTarget()
        default: throw HarnessError(message: "no conformance target named \(name)")
        }
    }

    static var available: Bool { TestEngine.available && PostgresHarness.available }

    private static func requireEngine(_ engine: TestEngine?) throws -> TestEngine {
        guard let engine else { throw HarnessError(message: "scripts/services must be running (no test engine)") }
        return engine
    }
}

extension ConformanceTarget {
    /// The configuration as it is now, through the session the CLI and the daemon use.
    func prepared() throws -> PreparedRun {
        var logger = Logger(label: "conformance")
        logger.logLevel = .critical
        let session = FleetSession(catalog: catalog, secrets: SecretResolver(environment: environment), logger: logger)
        return try session.prepare(FleetSession.Request(source: DirectorySource(root: folder)))
    }

    func plan() async throws -> Plan { try await prepared().engine.plan() }

    func apply() async throws -> SessionResult { try await prepared().apply { _ in true } }

    /// Loses the inventory, as a crash before the state was written would.
    func forgetState() throws {
        try FileManager.default.removeItem(atPath: folder + "/.botops")
    }

    /// Everything the state folder holds, as text.
    func stateFiles() throws -> String {
        let root = folder + "/.botops"
        return try FileManager.default.contentsOfDirectory(atPath: root).sorted()
            .map { try String(contentsOfFile: root + "/" + $0, encoding: .utf8) }.joined(separator: "\n")
    }

    /// Rewrites `botops.yaml`, keeping everything but what `edit` changes.
    func rewriteProject(_ edit: (String) -> String) throws {
        let path = folder + "/botops.yaml"
        try edit(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
