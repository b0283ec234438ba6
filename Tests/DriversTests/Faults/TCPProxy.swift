import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy on loopback that a test controls, standing between botops and a server (Postgres): there is no
/// iptables here. It forwards, and on the test's word refuses new connections (the server is down), closes every
/// open one (the server restarted), or partitions: the server's side of each connection is closed, as a server
/// does once it gives up on a client, while the client's side stays open and hears nothing more, as across a
/// network that silently dropped it. It also stands between a unix socket and another (a Docker engine's API).
final class TCPProxy: Sendable {
    enum Mode: Sendable, Equatable {
        case forward, refuse
        /// Forwards, until a client sends something containing this text (a Postgres statement): that link is then
        /// partitioned (see ``partition()``) before it passes, as if the network dropped it on the way.
        case silenceAt(String)
        /// Forwards, until a client sends something containing this text: that connection is then closed on both
        /// sides before it passes, once (as a server that went away while the connection was kept alive), and the
        /// proxy forwards again.
        case closeOnceAt(String)
    }

    private struct Link {
        let client: any Channel
        let server: any Channel
        /// Set on a partition: nothing more is passed either way.
        var silenced = false
    }

    /// An HTTP request a client sent through the proxy, as its request line named it.
    struct Request: Sendable {
        let at: ContinuousClock.Instant
        /// The last segment of the path, without the query: a Bot API method such as `setMyDescription`.
        let method: String
        /// The request line's HTTP method (`GET`, `POST`).
        let verb: String
        /// The query string after `?`, or nil when the target has none.
        let query: String?
    }

    private struct State {
        var mode = Mode.forward
        var links: [ObjectIdentifier: Link] = [:]
        var accepted = 0
        var requests: [Request] = []
    }

    /// Where the proxy forwards to.
    private enum Target {
        case tcp(host: String, port: Int)
        case unix(path: String)
    }

    /// The loopback port it listens on (0 for a unix socket).
    let port: Int
    private let target: Target
    private let state = Mutex(State())
    private let listener: any Channel

    private init(port: Int, target: Target, listener: any Channel) {
        self.port = port
        self.target = target
        self.listener = listener
    }

    /// Starts forwarding `127.0.0.1:<port>` (a free port) to `host:port`.
    static func start(to host: String, port: Int) async throws -> TCPProxy {
        try await start(.tcp(host: host, port: port)) { try await $0.bind(host: "127.0.0.1", port: 0).get() }
    }

    /// Starts forwarding the unix socket `path` (made anew, whatever was there) to the unix socket `target`. Once
    /// stopped, connecting to `path` is refused, as to the socket of a server that has stopped.
    static func start(unixSocket path: String, to target: String) async throws -> TCPProxy {
        try await start(.unix(path: target)) {
            try await $0.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
        }
    }

    private static func start(_ target: Target, bind: (ServerBootstrap) async throws -> any Channel) async throws -> TCPProxy {
        let holder = Mutex<TCPProxy?>(nil)
        let listener = try await bind(ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: true)
            .childChannelInitializer { channel in
                guard let proxy = holder.withLock({ $0 }) else { return channel.close() }
                return proxy.accept(channel)
            })
        let proxy = TCPProxy(port: listener.localAddress?.port ?? 0, target: target, listener: listener)
        holder.withLock { $0 = proxy }
        return proxy
    }

    /// A proxy in front of the test database of scripts/services: the proxy, the database's own URL and the URL
    /// through the proxy.
    static func inFrontOfTestDatabase() async throws -> (proxy: TCPProxy, direct: String, proxied: String) {
        guard let url = PostgresHarness.url, let location = URLComponents(string: url), let host = location.host,
              let port = location.port else {
            throw HarnessError(message: "scripts/services must be running (\(PostgresHarness.urlVariable)) with a host and a port")
        }
        let proxy = try await start(to: host, port: port)
        return (proxy, url, proxy.url(replacing: url, host: host, port: port))
    }

    /// Runs `body` with a proxy in front of the test database, the database's URL through the proxy, and a harness
    /// `harness` makes from that URL; both are torn down after `body`, whatever it throws.
    static func aroundTestDatabase(harness: (_ proxied: String) throws -> PostgresHarness,
                                   _ body: (PostgresHarness, TCPProxy, _ proxied: String) async throws -> Void) async throws {
        let (proxy, _, proxied) = try await inFrontOfTestDatabase()
        let db: PostgresHarness
        do {
            db = try harness(proxied)
        } catch {
            await proxy.stop()
            throw error
        }
        do {
            try await body(db, proxy, proxied)
        } catch {
            await proxy.stop()
            await db.shutdown()
            throw error
        }
        await proxy.stop()
        await db.shutdown()
    }

    /// `postgres://…@127.0.0.1:<proxy port>/…`: `url` with its host and port replaced by the proxy's.
    func url(replacing url: String, host: String, port: Int) -> String {
        url.replacingOccurrences(of: "\(host):\(port)", with: "127.0.0.1:\(self.port)")
    }

    /// The HTTP requests clients sent through it, in order (for a Bot API in front of which it stands: which
    /// process called what, and when).
    var requests: [Request] { state.withLock { $0.requests } }

    /// Connections accepted so far.
    var accepted: Int { state.withLock { $0.accepted } }

    /// New connections are refused (closed at once) or forwarded.
    func set(_ mode: Mode) { state.withLock { $0.mode = mode } }

    /// Closes both sides of every open connection, as a server restart does.
    func closeAll() {
        let links = state.withLock { state in
            defer { state.links.removeAll() }
            return Array(state.links.values)
        }
        for link in links {
            link.client.close(promise: nil)
            link.server.close(promise: nil)
        }
    }

    /// Closes the server's side of every open connection and silences the client's: the server lets go (and so
    /// releases the client's session and its locks), the client hears nothing and learns nothing. New
    /// connections are refused until ``set(_:)`` says otherwise.
    func partition() {
        let servers = state.withLock { state -> [any Channel] in
            state.mode = .refuse
            for key in state.links.keys { state.links[key]?.silenced = true }
            return state.links.values.map(\.server)
        }
        for server in servers { server.close(promise: nil) }
    }

    func stop() async {
        closeAll()
        do {
            try await listener.close()
        } catch {
            // Already closed: nothing to stop.
        }
    }

    private func accept(_ client: any Channel) -> EventLoopFuture<Void> {
        let refused = state.withLock { state in
            state.accepted += 1
            return state.mode == .refuse
        }
        if refused { return client.close() }
        let key = ObjectIdentifier(client)
        let bootstrap = ClientBootstrap(group: client.eventLoop)
        let connected = switch target {
        case let .tcp(host, port): bootstrap.connect(host: host, port: port)
        case let .unix(path): bootstrap.connect(unixDomainSocketPath: path)
        }
        return connected
            .flatMap { server in
                self.state.withLock { $0.links[key] = Link(client: client, server: server) }
                let toServer = Relay(proxy: self, key: key, peer: server, fromClient: true)
                let toClient = Relay(proxy: self, key: key, peer: client, fromClient: false)
                return client.pipeline.addHandler(toServer).flatMap { server.pipeline.addHandler(toClient) }
            }
            .flatMapError { _ in client.close() }
    }

    /// Notes the request lines (`POST /bot<token>/setWebhook HTTP/1.1`, `GET /bot<token>/getMe?a=b HTTP/1.1`)
    /// in what a client sent.
    fileprivate func sent(_ bytes: ByteBuffer) {
        let text = String(buffer: bytes)
        let now = ContinuousClock.now
        for line in text.split(separator: "\r\n") where line.hasSuffix(" HTTP/1.1") {
            let parts = line.split(separator: " ")
            let target = parts.count == 3 ? parts[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false) : []
            guard let path = target.first, let method = path.split(separator: "/").last else { continue }
            let request = Request(at: now, method: String(method), verb: String(parts[0]),
                                  query: target.count == 2 ? String(target[1]) : nil)
            state.withLock { $0.requests.append(request) }
        }
    }

    fileprivate func passes(_ key: ObjectIdentifier, _ bytes: ByteBuffer, fromClient: Bool) -> Bool {
        let (passes, closing) = state.withLock { state -> (Bool, [any Channel]) in
            guard let link = state.links[key], !link.silenced else { return (false, []) }
            guard fromClient else { return (true, []) }
            switch state.mode {
            case let .silenceAt(text) where String(buffer: bytes).contains(text):
                state.links[key]?.silenced = true
                return (false, [link.server])
            case let .closeOnceAt(text) where String(buffer: bytes).contains(text):
                state.mode = .forward
                state.links[key] = nil
                return (false, [link.server, link.client])
            default:
                return (true, [])
            }
        }
        // Outside the lock: a close on this event loop calls back into `closed`. The server lets go of the session
        // (and rolls its transaction back); a silenced client hears nothing.
        for channel in closing { channel.close(promise: nil) }
        return passes
    }

    fileprivate func closed(_ key: ObjectIdentifier, peer: any Channel) {
        // A silenced link's client stays open: that is the partition. Otherwise one side's close closes the other.
        let silenced = state.withLock { state in
            let silenced = state.links[key]?.silenced ?? false
            if !silenced { state.links[key] = nil }
            return silenced
        }
        if !silenced { peer.close(promise: nil) }
    }
}

/// Passes what one side reads to the other, while the link is not silenced.
private final class Relay: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    let proxy: TCPProxy
    let key: ObjectIdentifier
    let peer: any Channel
    let fromClient: Bool

    init(proxy: TCPProxy, key: ObjectIdentifier, peer: any Channel, fromClient: Bool) {
        self.proxy = proxy
        self.key = key
        self.peer = peer
        self.fromClient = fromClient
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        guard proxy.passes(key, bytes, fromClient: fromClient) else { return }
        if fromClient { proxy.sent(bytes) }
        peer.writeAndFlush(bytes, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        proxy.closed(key, peer: peer)
        context.fireChannelInactive()
    }
}
