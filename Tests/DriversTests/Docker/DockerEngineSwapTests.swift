@testable import Drivers
import Foundation
import Logging
import Testing

/// An engine restarted as another one on the same socket (an upgrade, podman replaced by Docker Engine) is asked
/// its version and kind again when the run's endpoints are reopened, as the daemon does at every pass, instead of
/// being spoken to as the engine that was there before.
@Suite("Docker: an engine replaced on the same socket", .timeLimit(.minutes(2)),
       .enabled(if: TestEngine.podman != nil && TestEngine.dockerd != nil))
struct DockerEngineSwapTests {
    @Test func theNextPassAsksTheNewEngineWhatItIs() async throws {
        let dockerd = try #require(TestEngine.dockerd?.host)
        // A podman service of the test's own, so it can be stopped as an engine is for an upgrade.
        let podman = try PrivatePodman()
        defer { podman.shutdown() }
        try await podman.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-swap-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // One socket path, which the test points at one engine, then at the other.
        let socket = folder + "/engine.sock"
        try FileManager.default.createSymbolicLink(atPath: socket, withDestinationPath: podman.socket)
        let catalog = DriverCatalog()
        defer { Task { try? await catalog.shutdown() } }
        let client = try #require(catalog.dockerClient(DockerEndpoint(host: "unix://" + socket, tls: nil), logger: Logger(label: "test")))

        #expect(try await client.info().isPodman, "podman answers first")
        podman.stop()
        try FileManager.default.removeItem(atPath: socket)
        try FileManager.default.createSymbolicLink(atPath: socket, withDestinationPath: String(dockerd.dropFirst("unix://".count)))
        #expect(try await client.info().isPodman, "within a run the engine's answer is kept")
        await catalog.reopenEndpoints()
        let now = try await client.info()
        #expect(!now.isPodman && now.podmanVersion == nil, "the next pass asks the engine now there")
        #expect(try await client.json(.GET, "/info")["OperatingSystem"] != nil, "and speaks to it")
    }
}
