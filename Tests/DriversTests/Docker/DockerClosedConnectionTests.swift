@testable import Drivers
import Foundation
import Logging
import Testing
import TestSupport

/// A kept-alive connection the engine closes as a request arrives on it (an engine killed or restarted while the
/// connection waited in the pool, which is how a pass met a replaced engine on CI) costs a read nothing: it is asked
/// once more on a new connection. A write is never sent twice: it may have been done.
@Suite("Docker: a connection closed under a request", .timeLimit(.minutes(1)), .enabled(if: TestEngine.dockerd != nil))
struct DockerClosedConnectionTests {
    @Test func aReadIsAskedAgainOnANewConnection() async throws {
        try await throughProxy { proxy, client in
            try await client.json(.GET, "/info")
            proxy.set(.closeOnceAt("/containers/json"))
            let listed = try await client.json(.GET, "/containers/json", query: [("all", "1")])
            #expect(listed.arrayValue != nil, "the read is answered")
            #expect(proxy.accepted == 2, "on a second connection")
        }
    }

    @Test func aWriteIsNotSentTwice() async throws {
        try await throughProxy { proxy, client in
            try await client.json(.GET, "/info")
            let name = "botops-closed-\(UUID().uuidString.prefix(8))"
            proxy.set(.closeOnceAt("/containers/\(name)/stop"))
            do throws(DockerAPIError) {
                try await client.json(.POST, "/containers/\(name)/stop")
                Issue.record("a write on a closed connection succeeded")
            } catch {
                #expect(error.message.contains("closed the connection"), "\(error.message)")
            }
            #expect(proxy.accepted == 1, "the stop is not sent again on a new connection")
        }
    }

    private func throughProxy(_ body: (TCPProxy, DockerClient) async throws -> Void) async throws {
        let dockerd = try #require(TestEngine.dockerd)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-closed-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { TestArtifacts.discard(folder) }
        let proxy = try await TCPProxy.start(unixSocket: folder + "/docker.sock", to: dockerd.socketPath)
        let catalog = DriverCatalog()
        // Both are stopped whatever the body throws, then its error (if any) is the test's.
        var failure: (any Error)?
        do {
            let client = try #require(catalog.dockerClient(DockerEndpoint(host: "unix://\(folder)/docker.sock", tls: nil),
                                                           logger: Logger(label: "test")))
            try await body(proxy, client)
        } catch {
            failure = error
        }
        await proxy.stop()
        try await catalog.shutdown()
        if let failure { throw failure }
    }
}
