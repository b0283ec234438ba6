import Foundation
import Hummingbird

/// The `/_sandbox/` endpoints: call log, counters, health, and test hooks. They need no token and
/// are never delayed or failed on purpose.
struct SandboxControls {
    let state: SandboxState

    func respond(to request: Request, path: String) async -> Response {
        let route = path.dropFirst("/_sandbox/".count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch (request.method, route) {
        case (.get, ["calls"]):
            return Self.encoded(await state.recordedCalls())
        case (.delete, ["calls"]):
            await state.clearCalls()
            return Response(status: .noContent)
        case (.get, ["messages"]):
            return Self.encoded(await state.sentMessages())
        case (.delete, ["messages"]):
            await state.clearMessages()
            return Response(status: .noContent)
        case (.get, ["stats"]):
            return Self.encoded(await state.stats())
        case (.get, ["healthz"]):
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "ok\n"))
            )
        case (_, ["calls"]), (_, ["messages"]), (_, ["stats"]), (_, ["healthz"]):
            return Self.problem(405, "method not allowed")
        default:
            break
        }
        if route == ["chats"] {
            switch request.method {
            case .get: return Self.encoded(await state.currentChats())
            case .put, .post:
                guard let chat: SandboxChat = await Self.decoded(request) else {
                    return Self.problem(400, "send a chat as JSON: {id, type: channel|group|supergroup, username?, title, description?, "
                        + "permissions?, members?: {<bot id>: {status, rights}}}")
                }
                await state.putChat(chat)
                return Response(status: .noContent)
            default: return Self.problem(405, "method not allowed")
            }
        }
        if route.count == 4, route[0] == "chats", route[2] == "members" {
            guard request.method == .put || request.method == .post else { return Self.problem(405, "method not allowed") }
            guard let member: SandboxChat.Member = await Self.decoded(request) else {
                return Self.problem(400, "send the bot's place as JSON: {status: creator|administrator|member|left|kicked, rights: [...]}")
            }
            guard await state.setChatMember(route[1].removingPercentEncoding ?? route[1], botID: route[3], member) else {
                return Self.problem(404, "no chat \(route[1])")
            }
            return Response(status: .noContent)
        }
        if route.count == 3, route[0] == "bots", route[2] == "last_error" {
            guard request.method == .put || request.method == .post || request.method == .delete else {
                return Self.problem(405, "method not allowed")
            }
            return await setLastError(botID: route[1], query: request.method == .delete ? nil : request.uri.query ?? "")
        }
        if route.count == 3, route[0] == "bots", route[2] == "pending_update_count" {
            guard request.method == .put || request.method == .post else { return Self.problem(405, "method not allowed") }
            return await setPendingUpdateCount(botID: route[1], query: request.uri.query)
        }
        return Self.problem(404, "unknown sandbox control; see docs/sandbox.md")
    }

    /// `?message=...[&date=UNIX]` (date defaults to now); nil (DELETE) clears it.
    private func setLastError(botID: String, query: String?) async -> Response {
        var error: (Int64, String)?
        if let query {
            let parameters = FormURLEncoding.decode(query)
            guard let message = parameters.first(where: { $0.name == "message" })?.value, !message.isEmpty else {
                return Self.problem(400, "pass ?message=TEXT (and optionally &date=UNIX_TIME)")
            }
            let date = parameters.first(where: { $0.name == "date" }).flatMap { Int64($0.value) } ?? Int64(Date().timeIntervalSince1970)
            error = (date, message)
        }
        guard await state.setLastWebhookError(botID: botID, error) else { return Self.problem(404, "no bot with id \(botID)") }
        return Response(status: .noContent)
    }

    private func setPendingUpdateCount(botID: String, query: String?) async -> Response {
        let parameters = FormURLEncoding.decode(query ?? "")
        guard let text = parameters.first(where: { $0.name == "count" })?.value, let count = Int(text), count >= 0 else {
            return Self.problem(400, "pass ?count=N with N >= 0")
        }
        guard await state.setPendingUpdateCount(botID: botID, count: count) else {
            return Self.problem(404, "no bot with id \(botID)")
        }
        return Response(status: .noContent)
    }

    /// The request's JSON body as `T`; nil when it is not.
    private static func decoded<T: Decodable>(_ request: Request) async -> T? {
        guard let buffer = try? await request.body.collect(upTo: 1 << 20) else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }

    private static func encoded(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The call log and counters hold only strings, numbers, booleans and dates, which always encode.
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    private static func problem(_ status: Int, _ message: String) -> Response {
        SandboxResponder.json(status: status, .object(["ok": .bool(false), "description": .string(message)]))
    }
}
