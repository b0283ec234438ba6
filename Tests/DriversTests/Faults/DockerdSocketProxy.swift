import Foundation
import Synchronization
import TestSupport

/// Docker Engine's API stopped and started again, as its clients see it, without stopping the dockerd every other
/// test uses: a socket of the test's own forwards to the shared dockerd's. Stopping closes every connection and
/// the listener, so a client's kept-alive connection ends and a new one is refused, as when dockerd stops; starting
/// listens on the same path again. (A link to dockerd's socket, removed, is not enough: a connection made before
/// goes on working.)
final class DockerdSocketProxy: StoppableEngine {
    let folder: String
    let shared: TestEngine
    var socket: String { folder + "/docker.sock" }
    var host: String { "unix://" + socket }
    private let proxy = Mutex<TCPProxy?>(nil)

    init(_ engine: TestEngine) throws {
        shared = engine
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-dockerd-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func start() async throws {
        let started = try await TCPProxy.start(unixSocket: socket, to: shared.socketPath)
        proxy.withLock { $0 = started }
        guard try await DockerHarness.callEngine(TestEngine(name: "proxied", host: host), .GET, "/_ping").0 == 200 else {
            throw HarnessError(message: "dockerd does not answer through \(socket)")
        }
    }

    func stop() async {
        guard let running = proxy.withLock({ $0.take() }) else { return }
        await running.stop()
    }

    func shutdown() async {
        await stop()
        TestArtifacts.discard(folder)
    }
}
