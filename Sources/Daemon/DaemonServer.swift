import Foundation
import Hummingbird
import Logging
import NIOCore
import Reconciler

/// The daemon's HTTP endpoints: health for orchestrators, the latest pass, and a manual reconcile.
/// The API keys, webhooks from git forges and metrics of the full daemon come in later steps.
public enum DaemonServer {
    /// The router serving `loop`.
    public static func router(for loop: ReconcileLoop) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ in
            text("ok\n")
        }
        router.get("/readyz") { _, _ in
            await loop.ready ? text("ready\n") : text("no pass has finished yet\n", status: .serviceUnavailable)
        }
        router.get("/api/v1/status") { _, _ in
            let status = DaemonStatus(passes: await loop.passes, lastPass: await loop.last)
            return try json(status)
        }
        router.post("/api/v1/reconcile") { _, _ in
            await loop.request(.manual, scope: .full)
            return text("a full pass is due\n", status: .accepted)
        }
        return router
    }

    static func text(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(data: try encoder.encode(value))))
    }
}

/// `GET /api/v1/status`.
struct DaemonStatus: Encodable {
    let passes: Int
    let lastPass: ReconcileLoop.PassReport?
}
