import Drivers
import Foundation

/// The Docker driver on one engine: a container with a plain and a secret environment variable.
final class DockerConformanceTarget: ConformanceTarget {
    let harness: DockerHarness
    static let secret = "s3cr3t-conformance-\(UUID().uuidString.prefix(8))"

    init(_ engine: TestEngine) throws {
        harness = try DockerHarness(engine, environment: ["CONFORMANCE_SECRET": Self.secret])
        try harness.write("containers/web.yaml", harness.containerYAML("web", env: ["MODE": "plain"])
            .replacingOccurrences(of: "  env:\n", with: "  env:\n    API_KEY: {fromEnv: CONFORMANCE_SECRET}\n"))
    }

    var folder: String { harness.folder }
    var catalog: DriverCatalog { harness.catalog }
    var environment: [String: String] { harness.environment }
    var secrets: [String] { [Self.secret] }
    var hasMarker: Bool { true }

    func breakEndpoint() throws {
        try rewriteProject { $0.replacingOccurrences(of: harness.engine.host, with: "unix:///nonexistent/botops-conformance.sock") }
    }

    /// A restart: the start time and restart count change, which botops does not compare.
    func changeUnknownLiveFields() async throws {
        let (status, _) = try await harness.call(.POST, "/containers/\(harness.name("web"))/restart?t=0")
        guard status == 204 else { throw HarnessError(message: "restart answered \(status)") }
    }

    func shutdown() async { await harness.shutdown() }
}
