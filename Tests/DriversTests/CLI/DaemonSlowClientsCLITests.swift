import Foundation
import Glibc
import Testing

/// Clients that connect and never finish their request (a slow-loris) do not stop the daemon from answering others.
@Suite("botops reconcile: slow clients holding connections do not starve the others", .timeLimit(.minutes(5)))
struct DaemonSlowClientsCLITests {
    /// A TCP connection to 127.0.0.1:`port` that sends `text` and then nothing more; nil when it cannot connect.
    static func hold(port: UInt16, sending text: String) -> Int32? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            return nil
        }
        _ = text.withCString { send(socket, $0, strlen($0), 0) }
        return socket
    }

    @Test func twoHundredUnfinishedRequestsLeaveTheDaemonAnswering() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        let daemon = try await RunningDaemon.start(fleet)
        defer { daemon.terminateIfRunning() }
        let port = try #require(URLComponents(string: daemon.base)?.port.map(UInt16.init))
        // Half send a request line and stop mid-headers; half send nothing at all.
        let held = (0..<200).compactMap { index in
            Self.hold(port: port, sending: index % 2 == 0 ? "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " : "")
        }
        defer { held.forEach { close($0) } }
        #expect(held.count == 200, "every slow connection was accepted")
        for _ in 0..<5 {
            #expect(try await ReconcileDaemonCLITests.get(daemon.base + "/healthz").0 == 200)
            #expect(try await daemon.get("/api/v1/status").0 == 200)
        }
        #expect(await daemon.stop().status == 0, "and it still stops cleanly with them open")
    }
}
