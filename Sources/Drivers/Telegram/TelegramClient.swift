import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Reconciler
import Spec

/// Calls Bot API methods over HTTP: JSON in, `result` out, with pacing and retries.
///
/// Tokens appear only in the request path; every message this type produces masks them.
public struct TelegramClient: Sendable {
    public let baseURL: String
    let http: HTTPClient
    private let limiter: RequestRateLimiter<ContinuousClock>
    private let breaker: EndpointBreaker
    private let retry: RetryPolicy
    private let logger: Logger
    let timeout: TimeAmount
    /// Told of each request and retry (the daemon's metrics); nil tells nobody.
    private let recorder: (any CallRecorder)?

    /// - Parameters:
    ///   - baseURL: `https://api.telegram.org`, a local Bot API server, or the sandbox.
    ///   - http: a client made by ``TelegramClient/makeHTTPClient(connectTimeout:)``, so a refused
    ///     connection fails at once instead of being retried until the request deadline.
    ///   - perBotPerSecond: each bot's pace; Telegram's limits are per bot token.
    ///   - requestsPerSecond: fleet-wide ceiling on calls; 0 (the default) means none.
    public init(baseURL: String, http: HTTPClient, perBotPerSecond: Double = 30, requestsPerSecond: Double = 0,
                retry: RetryPolicy = RetryPolicy(), timeout: TimeAmount = .seconds(30),
                logger: Logger = Logger(label: "botops.telegram"), recorder: (any CallRecorder)? = nil) {
        self.init(baseURL: baseURL, http: http, limiter: RequestRateLimiter(perBotPerSecond: perBotPerSecond,
                                                                            requestsPerSecond: requestsPerSecond),
                  breaker: EndpointBreaker(), retry: retry, timeout: timeout, logger: logger, recorder: recorder)
    }

    init(baseURL: String, http: HTTPClient, limiter: RequestRateLimiter<ContinuousClock>, breaker: EndpointBreaker, retry: RetryPolicy,
         timeout: TimeAmount, logger: Logger, recorder: (any CallRecorder)? = nil) {
        self.recorder = recorder
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.http = http
        self.limiter = limiter
        self.breaker = breaker
        self.retry = retry
        self.timeout = timeout
        self.logger = logger
    }

    /// The one event loop every Bot API connection runs on. NIO's shared group has a loop per core, and
    /// answers coming in on both woke threads on both cores for every call: one loop does a converged
    /// 1,000-bot plan (14,000 calls) in the same time with 15 % less CPU, in the kernel and out of it.
    /// Nothing blocks on it (answers are decoded by the caller), and one loop carries thousands of calls
    /// a second, far more than Telegram's limits let a fleet make.
    static let eventLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// Lets the next call try the Bot API even if it was marked down (see ``EndpointBreaker/reopen()``).
    func reopen() async { await breaker.reopen() }

    /// An HTTP client whose connection attempts fail after `connectTimeout` (or at once when
    /// refused) instead of being retried until each request's deadline; retries are this client's
    /// business, paced, and stop when the endpoint is down.
    /// `connections` bounds the connections per host: as many as calls made at once, since each
    /// bot's calls are paced on their own and many bots go at once.
    public static func makeHTTPClient(connectTimeout: TimeAmount = .seconds(5), connections: Int = 16) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: connectTimeout)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, connections)
        // botops records calls itself (CallRecorder); the default no-op tracer still worked out every
        // request's span attributes, parsing its URL a second time: 4 % of a converged plan's CPU.
        configuration.tracing.tracer = nil
        return HTTPClient(eventLoopGroupProvider: .shared(eventLoop), configuration: configuration)
    }

    /// Calls `method` and returns its `result`, retrying flood control (after `retry_after`, never
    /// sooner), server errors and lost connections; other errors are returned at once.
    public func call(_ method: String, token: String, _ parameters: [String: JSONValue] = [:],
                     files: [TelegramUpload] = []) async throws(TelegramAPIError) -> JSONValue {
        let bot = token.split(separator: ":").first.map(String.init) ?? "?"
        let uploaded = files.reduce(0) { $0 + $1.bytes.count }
        guard uploaded <= TelegramUpload.maxBytes else {
            throw TelegramAPIError(code: 413, description: "the upload is \(uploaded) bytes, over botops' limit of "
                                   + "\(TelegramUpload.maxBytes) bytes; nothing was sent")
        }
        var attempt = 0
        while true {
            attempt += 1
            if let reason = await breaker.down() {
                recorder?.recordCall(LiveCall(.telegram, operation: method, result: .unreachable))
                throw TelegramAPIError(code: 0, description: "cannot reach \(baseURL): \(reason)",
                                       endpoint: endpoint(.markedDown, reason))
            }
            do {
                try await limiter.acquire(bot: bot)
            } catch {
                throw TelegramAPIError(code: 0, description: "cancelled")
            }
            let result = await send(method, token: token, parameters: parameters, files: files)
            recorder?.recordCall(LiveCall(.telegram, operation: method, result: Self.callResult(result)))
            if !Self.reads(method) { CrashHook.wrote("Bot API \(method)") }
            switch result {
            case let .success(value):
                return value
            case let .failure(error):
                guard error.isTransient, attempt < retry.maxAttempts else { throw error }
                let flood = error.retryAfter != nil && error.code == 429
                recorder?.recordTelegramRetry(method: method, reason: flood ? .flood : .transient)
                if let seconds = error.retryAfter, error.code == 429 {
                    logger.notice("flood control: waiting", metadata: ["bot": "\(bot)", "method": "\(method)", "retry_after": "\(seconds)"])
                    await limiter.pause(bot: bot, seconds: seconds)
                } else {
                    let delay = retry.backoff(attempt: attempt - 1)
                    logger.notice("retrying after a transient failure", metadata: [
                        "bot": "\(bot)", "method": "\(method)", "error": "\(error.description)", "delay": "\(delay)"])
                    do {
                        try await Task.sleep(for: delay)
                    } catch {
                        throw TelegramAPIError(code: 0, description: "cancelled")
                    }
                }
            }
        }
    }

    /// How a request ended: 200, the error code, or unreachable when no answer came.
    static func callResult(_ result: Result<JSONValue, TelegramAPIError>) -> LiveCall.Result {
        switch result {
        case .success: .status(200)
        case let .failure(error): error.code == 0 ? .unreachable : .status(error.code)
        }
    }

    /// Whether `method` only reads: the Bot API names every such method `get...`. Reads are sent as GET
    /// and are not writes for the crash hook.
    static func reads(_ method: String) -> Bool {
        method.hasPrefix("get")
    }

    /// `parameters` as a query string (`?name=value&...`, names sorted), values as in a form: text as
    /// it is, numbers, booleans, objects and arrays as JSON text; empty when there are none.
    static func query(_ parameters: [String: JSONValue]) -> String {
        guard !parameters.isEmpty else { return "" }
        var query = ""
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            query += query.isEmpty ? "?" : "&"
            query += percentEncoded(name) + "=" + percentEncoded(value.stringValue ?? value.description)
        }
        return query
    }

    /// RFC 3986's unreserved characters kept, every other byte of the UTF-8 written as `%XX`.
    private static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Failures that mean no connection was made (rather than one lost mid-answer).
    static let connectionFailures: Set<ConnectionFailure.Kind> = [.refused, .timedOut, .unknownHost]

    /// The Bot API as an endpoint that did not answer.
    private func endpoint(_ reason: EndpointFailure.Reason, _ detail: String) -> EndpointFailure {
        EndpointFailure(endpoint: "the Bot API at \(baseURL)", reason: reason, detail: detail)
    }

    private func send(_ method: String, token: String, parameters: [String: JSONValue],
                      files: [TelegramUpload]) async -> Result<JSONValue, TelegramAPIError> {
        var request: HTTPClientRequest
        if files.isEmpty, Self.reads(method) {
            // A read goes as GET with its parameters in the query string, which the Bot API takes as it
            // takes a form: one write of the request instead of a head and a body, a tenth of a plan's CPU.
            request = HTTPClientRequest(url: "\(baseURL)/bot\(token)/\(method)\(Self.query(parameters))")
        } else if files.isEmpty {
            request = HTTPClientRequest(url: "\(baseURL)/bot\(token)/\(method)")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: JSONValue.object(parameters).description))
        } else {
            request = HTTPClientRequest(url: "\(baseURL)/bot\(token)/\(method)")
            request.method = .POST
            let form = TelegramUpload.multipart(parameters, files: files)
            request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(form.boundary)")
            request.body = .bytes(ByteBuffer(bytes: form.body))
        }
        let response: HTTPClientResponse
        let body: ByteBuffer
        let started = ContinuousClock.now
        do {
            response = try await http.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 8 << 20)
        } catch {
            let failure = ConnectionFailure(error) { TokenMask.mask($0, token: token) }, reason = failure.text
            let down = TelegramClient.connectionFailures.contains(failure.kind)
                ? await breaker.failed(started: started, reason: reason) : false
            return .failure(TelegramAPIError(code: 0, description: "cannot reach \(baseURL): \(reason)",
                                             endpoint: down ? endpoint(.noAnswer, reason) : nil))
        }
        await breaker.succeeded()
        // A body that is not JSON is not dropped: the guard below reports it as an unexpected answer.
        let decoded = JSONValue.parsed(body.readableBytesView)
        guard let object = decoded?.objectValue, let ok = object["ok"]?.boolValue else {
            let status = Int(response.status.code)
            return .failure(TelegramAPIError(code: status >= 400 ? status : 502,
                description: "unexpected answer (HTTP \(status)) from \(baseURL); is telegram.apiURL a Bot API server?"))
        }
        if ok {
            return .success(object["result"] ?? .null)
        }
        let code = object["error_code"]?.intValue ?? Int(response.status.code)
        let description = object["description"]?.stringValue ?? "HTTP \(response.status.code)"
        let retryAfter = object["parameters"]?["retry_after"]?.intValue
            ?? response.headers.first(name: "Retry-After").flatMap(Int.init)
        return .failure(TelegramAPIError(code: code, description: TokenMask.mask(description, token: token), retryAfter: retryAfter))
    }
}
