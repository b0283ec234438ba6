import AsyncHTTPClient
import Crypto
import Drivers
import Foundation
import NIOCore
import Spec

/// The signed `POST /hooks/generic` a `post-receive` hook sends the daemon: the pushed ref and ids
/// as JSON, with `X-Botops-Signature: sha256=<hex HMAC-SHA256 of the body>` (see ``PushReceiver``).
public struct PushNotification: Sendable {
    public let body: Data
    public let signature: String

    /// The notification of `update`, signed with `secret`.
    public init(_ update: PostReceiveHook.Update, secret: String) {
        body = Data(JSONValue.object(["ref": .string(update.ref), "before": .string(update.old), "after": .string(update.new)])
            .description.utf8)
        signature = Self.signature(of: body, secret: secret)
    }

    /// `sha256=<hex HMAC-SHA256 of body>`, the `X-Botops-Signature` of everything botops posts signed
    /// (push notifications, notification webhooks), as ``PushReceiver`` checks it.
    public static func signature(of body: Data, secret: String) -> String {
        "sha256=" + HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    /// Sends it to the daemon whose base URL is `url`; returns the daemon's answer (its first line).
    public func send(to url: String, timeout: Duration = .seconds(10)) async throws(HookError) -> String {
        var request = HTTPClientRequest(url: url.trimmingSuffix("/") + "/hooks/generic")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Botops-Signature", value: signature)
        request.body = .bytes(ByteBuffer(data: body))
        // botops' own client configuration, which gives up on a refused connection at once: the shared
        // client keeps retrying until the deadline, and the pusher waits for the hook all that time.
        let client = TelegramClient.makeHTTPClient(connectTimeout: .seconds(2), connections: 1)
        let status: UInt, answer: String
        do {
            let response = try await client.execute(request, timeout: .seconds(Int64(timeout.components.seconds)))
            status = response.status.code
            answer = String(buffer: try await response.body.collect(upTo: 1 << 16))
                .split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            try? await client.shutdown()
        } catch {
            // Closing is best effort; the failure reported is the delivery's.
            try? await client.shutdown()
            throw HookError(.daemonUnreachable, "the botops daemon at \(url) did not answer (\(error)); "
                            + "the push is in git and its next timer pass applies it")
        }
        guard (200..<300).contains(status) else {
            throw HookError(.daemonRefused, "the botops daemon at \(url) answered \(status): \(answer)"
                            + (status == 401 ? " (the hook's secret differs from the daemon's --generic-secret)" : "")
                            + (status == 404 ? " (start the daemon with --generic-secret)" : ""))
        }
        return answer
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
