import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Spec

#if canImport(Glibc)
import Glibc
#endif

/// A git remote that accepts the connection and then says nothing is given up after the idle timeout, once,
/// and reported as such; the mirror an earlier fetch made is left as it was.
@Suite("Git: a remote that stops answering", .timeLimit(.minutes(1)))
struct GitFetchTimeoutTests {
    /// A loopback HTTP "server" that accepts connections, counts them and never answers, until it is closed.
    final class SilentServer: Sendable {
        let port: Int
        private let socket: Int32
        private let accepted = Mutex<[Int32]>([])

        init() throws {
            let listening = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listening, $0, length) } }
            guard bound == 0, listen(listening, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
            withUnsafeMutablePointer(to: &address) { pointer in
                _ = pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listening, $0, &length) }
            }
            socket = listening
            port = Int(UInt16(bigEndian: address.sin_port))
            Thread { [self] in
                while true {
                    let client = accept(listening, nil, nil)
                    guard client >= 0 else { return }
                    self.accepted.withLock { $0.append(client) }
                }
            }.start()
        }

        var connections: Int { accepted.withLock { $0.count } }

        func close() {
            shutdown(socket, Int32(SHUT_RDWR))
            Glibc.close(socket)
            for client in accepted.withLock({ $0 }) { Glibc.close(client) }
        }
    }

    @Test func aSilentRemoteIsGivenUpAfterTheIdleTimeoutOnce() async throws {
        let server = try SilentServer()
        defer { server.close() }
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("botops-git-timeout-\(UUID().uuidString)").path
        defer { TestArtifacts.discard(cache) }
        let url = "http://127.0.0.1:\(server.port)/fleet.git"
        let (error, waited) = await SpecTestSupport.offThePool { () -> (ConfigSourceError?, Duration) in
            let started = ContinuousClock.now
            do {
                _ = try GitRevisionSource(repository: url, revision: "main", cacheDirectory: cache, fetchIdleTimeout: .seconds(1))
                return (nil, ContinuousClock.now - started)
            } catch let error as ConfigSourceError {
                return (error, ContinuousClock.now - started)
            } catch {
                return (ConfigSourceError(.fileUnreadable, "unexpected: \(error)"), ContinuousClock.now - started)
            }
        }
        #expect(error?.code == .repositoryTimedOut, "\(String(describing: error))")
        #expect(error?.message.contains("'\(url)' sent nothing for 1 s during a fetch, which was given up") == true,
                "\(String(describing: error))")
        #expect(waited >= .seconds(1), "it waited the idle timeout: \(waited)")
        #expect(server.connections == 1, "a branch's narrow fetch that timed out is not followed by a fetch of everything")
        // No half-made mirror is left to be taken for a real one.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).isEmpty)
    }

    /// While the remote stays silent, a mirror whose fetch was given up is not fetched again (each pass would leave
    /// one more thread waiting on it); once that fetch has ended, the next one goes ahead.
    @Test func aMirrorIsNotFetchedAgainWhileItsAbandonedFetchWaits() async throws {
        let server = try SilentServer()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("botops-git-timeout-\(UUID().uuidString)").path
        defer { TestArtifacts.discard(cache) }
        let url = "http://127.0.0.1:\(server.port)/fleet.git"
        let open = { @Sendable () -> ConfigSourceError? in
            do {
                _ = try GitRevisionSource(repository: url, revision: "v1", cacheDirectory: cache, fetchIdleTimeout: .seconds(1))
                return nil
            } catch let error as ConfigSourceError {
                return error
            } catch {
                return ConfigSourceError(.fileUnreadable, "unexpected: \(error)")
            }
        }
        let first = await SpecTestSupport.offThePool(open)
        #expect(first?.message.contains("sent nothing for 1 s") == true, "\(String(describing: first))")
        let second = await SpecTestSupport.offThePool(open)
        #expect(second?.code == .repositoryTimedOut)
        #expect(second?.message.contains("an earlier fetch of '\(url)' still waits for the remote") == true,
                "\(String(describing: second))")
        #expect(server.connections == 1, "no second connection while the first fetch waits")
        // The server lets go: the abandoned fetch ends, and the next one is tried (and refused: nobody listens).
        server.close()
        let third = await SpecTestSupport.offThePool {
            let clock = ContinuousClock(), started = clock.now
            var error = open()
            while error?.code == .repositoryTimedOut, clock.now - started < .seconds(20) {
                Thread.sleep(forTimeInterval: 0.05)
                error = open()
            }
            return error
        }
        #expect(third?.code == .repositoryUnavailable, "\(String(describing: third))")
    }
}
