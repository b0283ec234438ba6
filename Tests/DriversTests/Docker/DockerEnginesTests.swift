import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Docker: several engines, one over TCP with TLS client certificates, one down while the other converges", .timeLimit(.minutes(5)),
       .enabled(if: TestEngine.available && TestEngine.tlsHost != nil))
struct DockerEnginesTests {
    static var tlsHost: String? { TestEngine.tlsHost }
    static var tlsDir: String { TestEngine.tlsDir }

    static func tlsEngine(name: String = "edge", cert: String = "client.pem") -> String {
        """
              \(name):
                host: "\(tlsHost ?? "")"
                tls: {ca: \(tlsDir)/ca.pem, cert: \(tlsDir)/\(cert), key: \(tlsDir)/client-key.pem}
        """
    }

    @Test func aContainerOnATLSEngineConverges() async throws {
        let podman = try #require(TestEngine.podman)
        let h = try DockerHarness(podman, extraEngines: Self.tlsEngine())
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("edge-worker", extra: "  engine: edge"))
        let (_, report) = try await h.apply()
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        // The TLS engine is the same podman behind socat: the container is visible on the socket too.
        #expect(try await h.containers()[h.name("edge-worker")]?["State"]?.stringValue == "running")
        #expect(try await h.plan().hasChanges == false)
    }

    @Test func aClientWithoutTheRightCertificateIsRefused() async throws {
        let podman = try #require(TestEngine.podman)
        // The server's certificate is not a client certificate signed for botops: the handshake fails.
        let h = try DockerHarness(podman, extraEngines: Self.tlsEngine(cert: "server.pem")
            .replacingOccurrences(of: "client-key.pem", with: "server-key.pem"))
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("edge-worker", extra: "  engine: edge"))
        let plan = try await h.plan()
        let unknown = try #require(plan.unknown.first)
        #expect(unknown.message.contains("'edge'"), "\(unknown.message)")
        #expect(unknown.message.contains("TLS"), "\(unknown.message)")
        #expect(try await h.containers()[h.name("edge-worker")] == nil)
    }

    @Test func anEngineDownHoldsBackOnlyItsContainers() async throws {
        let podman = try #require(TestEngine.podman)
        let h = try DockerHarness(podman, extraEngines: """
                  gone:
                    host: "unix:///tmp/botops-no-such-engine-\(UUID().uuidString.prefix(8)).sock"
            """)
        defer { Task { await h.shutdown() } }
        try h.write("c.yaml", h.containerYAML("here") + "---\n" + h.containerYAML("there", extra: "  engine: gone"))
        let plan = try await h.plan()
        let unknown = try #require(plan.unknown.first)
        #expect(unknown.address == ResourceAddress(.container, h.name("there")))
        #expect(unknown.code == .unreachable)
        #expect(unknown.message.contains("'gone'"), "\(unknown.message)")
        #expect(unknown.location?.file.hasSuffix("botops.yaml") == true, "reported at the engine's declaration")
        #expect(plan.change(for: ResourceAddress(.container, h.name("here")))?.action == .create)
        let (_, report) = try await h.apply(PlanOptions(allowPartial: true))
        #expect(report?.succeeded == true)
        #expect(try await h.containers()[h.name("here")]?["State"]?.stringValue == "running")
    }
}
