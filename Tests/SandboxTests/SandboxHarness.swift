import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Sandbox
import Testing

/// Test bots. The tokens are made up and only ever sent to the sandbox on loopback.
enum TestBots {
    static let alpha = SandboxBot(token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX", username: "alpha_bot")
    static let beta = SandboxBot(token: "987654321:ZZxy_wvuTSRqpo-nmlkJIHgfedCBA0123456", username: nil)
    /// Well-formed but unknown to the sandbox.
    static let stranger = "555000111:QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
}

extension SandboxConfiguration {
    /// Both test bots, with Telegram's one-`setWebhook`-per-second limit off: for tests that change a
    /// webhook several times in a row and are about something else. WebhookFloodControlTests has the limit.
    static let withoutWebhookSetLimit = SandboxConfiguration(bots: [TestBots.alpha, TestBots.beta], webhookSetInterval: .zero)
    /// A longer window than Telegram's second, for tests that make several calls inside it: on a loaded
    /// machine a handful of calls can take more than a second.
    static func webhookSetInterval(_ interval: Duration) -> SandboxConfiguration {
        SandboxConfiguration(bots: [TestBots.alpha, TestBots.beta], webhookSetInterval: interval)
    }
}

/// How a test sends Bot API parameters.
enum ParameterEncoding: CaseIterable, Sendable {
    case json, form, query, multipart
}

/// A Bot API answer as seen by a client.
struct APIAnswer: Sendable {
    var status: Int
    var body: SandboxJSON
    var headers: [String: String]

    var ok: Bool { body["ok"]?.boolValue ?? false }
    var result: SandboxJSON? { body["result"] }
    var description: String? { body["description"]?.stringValue }
}

/// A running sandbox plus an HTTP client talking to it over loopback.
struct SandboxHarness: Sendable {
    let sandbox: RunningSandbox
    let client: HTTPClient

    /// Starts a sandbox on port 0, runs `body`, then shuts the client and the sandbox down, also on failure.
    static func with<T: Sendable>(
        _ configuration: SandboxConfiguration = SandboxConfiguration(bots: [TestBots.alpha, TestBots.beta]),
        _ body: (SandboxHarness) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "sandbox-tests")
        logger.logLevel = .warning
        let sandbox = try await RunningSandbox.start(configuration, logger: logger)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let harness = SandboxHarness(sandbox: sandbox, client: client)
        do {
            let value = try await body(harness)
            try await client.shutdown()
            await sandbox.stop()
            return value
        } catch {
            try? await client.shutdown()
            await sandbox.stop()
            throw error
        }
    }

    /// Calls a Bot API method with `parameters` sent in `encoding`.
    func call(
        _ method: String,
        _ parameters: [String: SandboxJSON] = [:],
        token: String = TestBots.alpha.token,
        encoding: ParameterEncoding = .json
    ) async throws -> APIAnswer {
        let path = "/bot\(token)/\(method)"
        switch encoding {
        case .json:
            return try await send(path, method: .POST, contentType: "application/json", body: Array(SandboxJSON.object(parameters).jsonData))
        case .form:
            return try await send(path, method: .POST, contentType: "application/x-www-form-urlencoded", body: Array(Self.formEncoded(parameters).utf8))
        case .query:
            let query = Self.formEncoded(parameters)
            return try await send(query.isEmpty ? path : "\(path)?\(query)", method: .GET)
        case .multipart:
            let boundary = "sandbox-test-boundary-7d1f"
            var body = ""
            for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(Self.text(value))\r\n"
            }
            body += "--\(boundary)--\r\n"
            return try await send(path, method: .POST, contentType: "multipart/form-data; boundary=\(boundary)", body: Array(body.utf8))
        }
    }

    /// Sends a raw request to the sandbox.
    func send(_ path: String, method: HTTPMethod, contentType: String? = nil, body: [UInt8] = []) async throws -> APIAnswer {
        var request = HTTPClientRequest(url: sandbox.baseURL + path)
        request.method = method
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 10 * 1024 * 1024)
        let data = Data(bytes.readableBytesView)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return APIAnswer(
            status: Int(response.status.code),
            body: SandboxJSON.parse(data) ?? .string(String(decoding: data, as: UTF8.self)),
            headers: headers
        )
    }

    /// `name=value&...` with objects and arrays as JSON text, as Bot API clients send them.
    static func formEncoded(_ parameters: [String: SandboxJSON]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return parameters.sorted { $0.key < $1.key }.map { name, value in
            "\(name)=\(text(value).addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    static func text(_ value: SandboxJSON) -> String {
        switch value {
        case .string(let string): string
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null: ""
        case .array, .object: value.jsonText
        }
    }
}
