import HTTPTypes
import Hummingbird
import NIOCore

extension DaemonServer {
    /// `router` with each path it serves answering the methods it does not take with 405 and the ones it does
    /// (`Allow`), as HTTP asks, instead of the router's 404 (a client that sent the wrong method is told so). HEAD
    /// stays with the router where the path takes GET.
    public static func answeringOtherMethods(_ router: Router<BasicRequestContext>) -> Router<BasicRequestContext> {
        let served = Dictionary(grouping: router.routes, by: { $0.path.description })
        // Every method HTTP defines for a resource (QUERY among them), so none falls through to a 404.
        let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .delete, .patch, .options, .trace, .connect]
            + [HTTPRequest.Method("QUERY")].compactMap { $0 }
        for routes in served.values {
            let allowed = Set(routes.map(\.method))
            let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            for method in methods where !allowed.contains(method) && !(method == .head && allowed.contains(.get)) {
                router.on(routes[0].path, method: method) { _, _ in
                    Response(status: .methodNotAllowed, headers: [.allow: allow, .contentType: "text/plain; charset=utf-8"],
                             body: ResponseBody(byteBuffer: ByteBuffer(string: "This path takes \(allow), not \(method.rawValue).\n")))
                }
            }
        }
        return router
    }
}
