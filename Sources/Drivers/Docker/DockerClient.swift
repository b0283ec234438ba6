import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Spec
import Synchronization

/// Calls one Docker engine's versioned REST API (Docker Engine or podman's compatible API) over its
/// unix socket or TCP, with the API version negotiated from `/_ping` on first use.
///
/// Long-lived (kept by the ``DriverCatalog``), so the negotiated version and the breaker's memory of an
/// engine that is down outlive one run.
public final class DockerClient: Sendable {
    /// The newest API version botops speaks; older engines are spoken to in their own version.
    static let maximumVersion = DockerAPIVersion(major: 1, minor: 41)
    /// The oldest with every field botops sets (Docker 19.03).
    static let minimumVersion = DockerAPIVersion(major: 1, minor: 40)

    let endpoint: DockerEndpoint
    private let http: HTTPClient
    private let breaker: EndpointBreaker
    private let negotiated = Mutex<DockerEngineInfo?>(nil)
    private let logger: Logger
    /// Calls made, by whether they change the engine (the benchmark's and the tests' count of writes).
    let counter = DockerCallCounter()
    /// Told of each request (the daemon's metrics); nil tells nobody.
    private let recorder: (any CallRecorder)?

    /// Lets the next call try the engine even if it was marked down (see ``EndpointBreaker/reopen()``), and ask its
    /// version again: an engine restarted since may be an upgraded one, or another engine on the same socket
    /// (podman replaced by Docker), and a version it no longer speaks would fail every call. (The daemon reopens
    /// at every pass: one `/_ping` a pass.)
    func reopen() async {
        await breaker.reopen()
        negotiated.withLock { $0 = nil }
    }

    init(endpoint: DockerEndpoint, http: HTTPClient, breaker: EndpointBreaker = EndpointBreaker(),
         logger: Logger = Logger(label: "botops.docker"), recorder: (any CallRecorder)? = nil) {
        self.recorder = recorder
        self.endpoint = endpoint
        self.http = http
        self.breaker = breaker
        self.logger = logger
    }

    /// The engine's API version and kind, asked once, from `/_ping`'s headers as Docker's own client
    /// negotiates. Not `/version`: podman answers that from its `Info()`, which visits every container under
    /// its lock and runs `conmon` and the OCI runtime, so it waits behind any container being stopped or
    /// started (a probe that stalled for 30 s on a busy 2-core machine); `/_ping` takes no lock.
    func info() async throws(DockerAPIError) -> DockerEngineInfo {
        if let known = negotiated.withLock({ $0 }) { return known }
        let answer = try await send(.GET, "/_ping", query: [], body: nil, contentType: nil, timeout: .seconds(30))
        guard let version = answer.headers.first(name: "API-Version").flatMap(DockerAPIVersion.init) else {
            throw DockerAPIError(status: 502, message: "\(endpoint) did not answer /_ping like a Docker engine (no API-Version header)")
        }
        guard version >= Self.minimumVersion else {
            throw DockerAPIError(status: 0, message: "\(endpoint) speaks Docker API \(version); botops needs \(Self.minimumVersion) "
                                 + "or newer (Docker 19.03, podman 3)")
        }
        // podman marks every answer with its own API's version; Docker Engine never sends the header.
        let libpod = answer.headers.first(name: "Libpod-API-Version")
        let info = DockerEngineInfo(apiVersion: min(version, Self.maximumVersion), isPodman: libpod != nil, podmanVersion: libpod)
        negotiated.withLock { $0 = info }
        return info
    }

    /// Calls `path` (without the version prefix) and returns the decoded JSON answer (null when empty).
    @discardableResult
    func json(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil,
              timeout: TimeAmount = .seconds(60)) async throws(DockerAPIError) -> JSONValue {
        let payload = body.map { ByteBuffer(string: $0.description) }
        let (_, answer) = try await versioned(method, path, query: query, body: payload,
                                              contentType: body == nil ? nil : "application/json", timeout: timeout)
        guard answer.readableBytes > 0 else { return .null }
        // An answer that is not JSON is a failed call, never an empty one (which could read as "nothing there").
        guard let value = Self.decode(answer) else {
            throw DockerAPIError(status: 502, message: "\(endpoint) answered \(path) with something that is not JSON")
        }
        return value
    }

    /// Calls `path` with a raw body and returns the raw answer (a build context in, a progress stream out).
    func raw(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: ByteBuffer?, contentType: String?,
             timeout: TimeAmount) async throws(DockerAPIError) -> ByteBuffer {
        try await versioned(method, path, query: query, body: body, contentType: contentType, timeout: timeout).1
    }

    /// The libpod API of a podman engine (health checks run on demand), unversioned by Docker's numbering.
    func libpod(_ method: HTTPMethod, _ path: String, timeout: TimeAmount = .seconds(60)) async throws(DockerAPIError) -> JSONValue {
        let info = try await info()
        let prefix = "/v\(info.podmanVersion ?? "4.0.0")/libpod"
        let answer = try await send(method, prefix + path, query: [], body: nil, contentType: nil, timeout: timeout)
        return Self.decode(answer.body) ?? .null
    }

    private func versioned(_ method: HTTPMethod, _ path: String, query: [(String, String)], body: ByteBuffer?,
                           contentType: String?, timeout: TimeAmount) async throws(DockerAPIError) -> (Int, ByteBuffer) {
        let info = try await info()
        let answer = try await send(method, "/v\(info.apiVersion)" + path, query: query, body: body, contentType: contentType,
                                    timeout: timeout)
        return (answer.status, answer.body)
    }

    private func send(_ method: HTTPMethod, _ path: String, query: [(String, String)], body: ByteBuffer?,
                      contentType: String?, timeout: TimeAmount) async throws(DockerAPIError) -> Answer {
        if let reason = await breaker.down() {
            recorder?.recordCall(LiveCall(.docker, operation: method.rawValue, result: .unreachable))
            throw DockerAPIError(status: 0, message: "cannot reach the engine at \(endpoint): \(reason)", unreachable: true,
                                 reason: reason)
        }
        var pathAndQuery = path
        if !query.isEmpty {
            pathAndQuery += "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        }
        guard let url = endpoint.url(pathAndQuery) else {
            throw DockerAPIError(status: 0, message: "cannot make a URL for \(endpoint)\(path)")
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        // podman refuses requests on its socket without a Host header (400 "missing required Host header").
        if case .unix = endpoint.transport { request.headers.replaceOrAdd(name: "Host", value: "localhost") }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(body) }
        request.tlsConfiguration = try endpoint.tlsConfiguration()
        counter.count(method)
        let started = ContinuousClock.now
        let response: HTTPClientResponse
        let answer: ByteBuffer
        do {
            (response, answer) = try await exchange(request, method: method, timeout: timeout)
        } catch {
            let failure = ConnectionFailure(error, peer: "the engine"), reason = failure.text
            recorder?.recordCall(LiveCall(.docker, operation: method.rawValue, result: .unreachable))
            // Whatever answers next may be a restarted engine of another version: it is asked again.
            if Self.connectionFailures.contains(failure.kind) { negotiated.withLock { $0 = nil } }
            let down = Self.connectionFailures.contains(failure.kind) ? await breaker.failed(started: started, reason: reason) : false
            throw DockerAPIError(status: 0, message: "cannot reach the engine at \(endpoint): \(reason)", unreachable: down,
                                 reason: reason)
        }
        await breaker.succeeded()
        let status = Int(response.status.code)
        recorder?.recordCall(LiveCall(.docker, operation: method.rawValue, result: .status(status)))
        if method != .GET && method != .HEAD { CrashHook.wrote("\(method.rawValue) \(path) -> \(status)") }
        guard (200..<300).contains(status) || status == 304 else {
            let message = Self.decode(answer)?["message"]?.stringValue
                ?? String(buffer: answer).trimmingCharacters(in: .whitespacesAndNewlines)
            throw DockerAPIError(status: status, message: message.isEmpty ? "HTTP \(status)" : message)
        }
        return Answer(status: status, headers: response.headers, body: answer)
    }

    /// The engine's answer to `request`, whole. A kept-alive connection the engine closed (a restart, or an engine
    /// killed while its connection waited in the pool) is found closed only when it is used, before or after the
    /// request went out on it, or reset: a read is then asked once more, on a new connection, as Go's client (and
    /// so Docker's own) does for an idempotent request on a reused connection.
    private func exchange(_ request: HTTPClientRequest, method: HTTPMethod,
                          timeout: TimeAmount) async throws -> (HTTPClientResponse, ByteBuffer) {
        do {
            let response = try await http.execute(request, timeout: timeout)
            return (response, try await response.body.collect(upTo: 256 << 20))
        } catch where (method == .GET || method == .HEAD) && Self.closedUnderfoot(error) {
            let response = try await http.execute(request, timeout: timeout)
            return (response, try await response.body.collect(upTo: 256 << 20))
        }
    }

    /// Whether `error` is a connection that ended under a request rather than an engine that refused or failed it.
    static func closedUnderfoot(_ error: any Error) -> Bool {
        switch error {
        case let error as ChannelError: error == .ioOnClosedChannel
        case let error as HTTPClientError: error == .remoteConnectionClosed
        case let error as IOError: error.errnoCode == ECONNRESET
        default: false
        }
    }

    /// A successful answer: its status, headers and whole body.
    private struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let body: ByteBuffer
    }

    /// Nil for a body that is not JSON; callers decide what that means.
    static func decode(_ buffer: ByteBuffer) -> JSONValue? {
        JSONValue.parsed(buffer.readableBytesView)
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Failures that mean no connection was made: they count toward marking the engine down.
    static let connectionFailures: Set<ConnectionFailure.Kind> = [.refused, .timedOut, .unknownHost, .noSocket, .tlsHandshake]
}

/// What `/_ping` said, as far as botops cares.
struct DockerEngineInfo: Sendable, Hashable {
    let apiVersion: DockerAPIVersion
    /// podman's compatible API: health checks run only when asked.
    let isPodman: Bool
    /// podman's own API version (`4.3.1`), which prefixes its libpod paths.
    let podmanVersion: String?
}

/// `1.41`, ordered numerically.
struct DockerAPIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    let major: Int
    let minor: Int

    init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    init?(_ text: String) {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    var description: String { "\(major).\(minor)" }

    static func < (a: Self, b: Self) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
}

/// Counts the calls made to one engine: reads and writes apart.
final class DockerCallCounter: Sendable {
    private let reads = Synchronization.Atomic<Int>(0)
    private let writes = Synchronization.Atomic<Int>(0)

    func count(_ method: HTTPMethod) {
        if method == .GET || method == .HEAD {
            reads.add(1, ordering: .relaxed)
        } else {
            writes.add(1, ordering: .relaxed)
        }
    }

    var readCalls: Int { reads.load(ordering: .relaxed) }
    var writeCalls: Int { writes.load(ordering: .relaxed) }
}
