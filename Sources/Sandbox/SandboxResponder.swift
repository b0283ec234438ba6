import Foundation
import Hummingbird
import Logging
import NIOCore

/// Routes HTTP requests: `/bot<token>/<method>` to the Bot API emulation, `/_sandbox/...` to the controls,
/// anything else to `404 Not Found` in the Bot API's error format.
struct SandboxResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    let state: SandboxState
    let latency: Duration
    let logger: Logger

    /// Largest request body read; bigger bodies are refused before any method runs.
    static let maxBodySize = 10 * 1024 * 1024

    func respond(to request: Request, context: SandboxRequestContext) async throws -> Response {
        let path = request.uri.path
        if path.hasPrefix("/_sandbox/") {
            return await SandboxControls(state: state).respond(to: request, path: path)
        }
        if path.hasPrefix("/bot") {
            return try await respondToBotAPI(request, path: path, context: context)
        }
        if path.hasPrefix("/file/bot") {
            // As the Bot API server serves getFile's file_path: the bytes, or 404 for anything unknown.
            let segment = path.dropFirst("/file/bot".count)
            let token = String(segment.prefix { $0 != "/" })
            let filePath = String(segment.dropFirst(token.count + 1))
            if let bytes = await state.download(token: token.removingPercentEncoding ?? token, path: filePath) {
                return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
        return Self.json(status: 404, SandboxAPIError.notFound.body)
    }

    private func respondToBotAPI(_ request: Request, path: String, context: SandboxRequestContext) async throws -> Response {
        let arrival = ContinuousClock.now
        let receivedAt = Date()
        let segment = path.dropFirst("/bot".count)
        let rawToken = segment.prefix { $0 != "/" }
        let rawMethod = segment.dropFirst(rawToken.count + 1)
        // Clients may percent-encode the colon of the token; compare decoded values.
        let token = rawToken.removingPercentEncoding ?? String(rawToken)
        let methodName = rawMethod.removingPercentEncoding ?? String(rawMethod)

        var request = request
        let arguments: Result<MethodArguments, SandboxAPIError>
        do {
            let body = try await request.collectBody(upTo: Self.maxBodySize)
            arguments = Result { () throws(SandboxAPIError) in
                try RequestParameterDecoder.decode(
                    query: request.uri.query,
                    contentType: request.headers[.contentType],
                    body: Array(body.readableBytesView)
                )
            }
        } catch {
            arguments = .failure(.badRequest("request body is too big"))
        }

        if latency > .zero { try await Task.sleep(for: latency) }
        let outcome = await state.handle(BotAPIRequest(
            token: token, methodName: methodName, arguments: arguments, arrival: arrival, receivedAt: receivedAt
        ))
        let logLine = "\(request.method) /bot\(TokenMasker.maskPathToken(token))/\(TokenMasker.mask(methodName))"
        return try await respond(outcome, logLine: logLine, context: context)
    }

    private func respond(_ outcome: BotAPIOutcome, logLine: String, context: SandboxRequestContext) async throws -> Response {
        switch outcome {
        case .answer(let status, let body, let retryAfter):
            logger.info("\(logLine) -> \(status)")
            var response = Self.json(status: status, body)
            if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return response
        case .drop:
            logger.info("\(logLine) -> connection dropped")
            try? await context.channel.close(mode: .all).get()
            throw ConnectionDropped()
        case .late(let answer, let delay):
            logger.info("\(logLine) -> carried out, answering after \(delay)")
            try await Task.sleep(for: delay)
            return try await respond(answer, logLine: logLine, context: context)
        }
    }

    /// Thrown after the connection was closed on purpose; Hummingbird's attempt to answer then fails
    /// on the closed channel, so nothing reaches the client.
    struct ConnectionDropped: Error {}

    static func json(status: Int, _ body: SandboxJSON) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.jsonData))
        )
    }
}
